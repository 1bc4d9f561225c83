from __future__ import annotations

import pytest

from bot.core.article import parse_article
from bot.core.files import load_article
from bot.core.grounding import Grounder
from bot.core.header import (
    HEADER_PASSAGE,
    asked_fields,
    header_citation,
    header_fields,
    mentions_header,
)
from tests.conftest import TEST_DATA


def test_a_title_alone_is_a_citable_header_field() -> None:
    a = parse_article("梅雨\n\n梅雨は雨の多い期間のこと。\n入梅は田植えの目安である。\n")
    c = header_citation(a, "title")
    assert c is not None and c.passage == HEADER_PASSAGE
    assert a.text[c.start : c.end] == c.quote == "梅雨"


def test_header_lines_after_a_lead_paragraph(article) -> None:  # type: ignore[no-untyped-def]
    fields = header_fields(article)  # the default piece: lead, blank, author/source/date
    assert set(fields) == {"author", "source", "date"}
    for f in fields.values():
        assert article.text[f.start : f.end] == f.text
        assert article.paragraph_at(f.start) is None


def test_grounder_verifies_header_quotes_as_passage_zero() -> None:
    a = load_article(TEST_DATA / "jishin-zakkan.txt")
    g = Grounder(a)
    c = g.cite("寺田寅彦", passage=HEADER_PASSAGE)  # a whole field: any length
    assert c is not None and c.passage == 0 and a.text[c.start : c.end] == "寺田寅彦"
    assert g.cite("ない文字列", passage=HEADER_PASSAGE) is None
    checked = g.verify([(0, "寺田寅彦"), (0, "寅彦"), (3, "寺田寅彦")])
    assert checked.citations == [c]
    assert len(checked.failures) == 2  # a too-short part of a field; not in ¶3's text


def test_header_quotes_are_found_only_as_passage_zero(article) -> None:  # type: ignore[no-untyped-def]
    # The default piece's author line is in no paragraph: ¶0 finds it, no ¶n does.
    g = Grounder(article)
    author = article.meta.author
    assert g.cite(author, passage=HEADER_PASSAGE) is not None
    assert g.cite(author) is None and g.cite(author, passage=1) is None


def test_which_fields_a_question_asks_for() -> None:
    assert asked_fields("この記事の著者は誰？") == ["author"]
    assert asked_fields("Who wrote this piece?") == ["author"]
    assert asked_fields("出典はどこ？") == ["source"]
    assert asked_fields("記事のタイトルは？") == ["title"]
    # Asked in a word or two.
    for question in ("この記事の著者は？", "筆者って？", "author?"):
        assert asked_fields(question) == ["author"], question
    assert asked_fields("いつの記事？") == asked_fields("この記事はいつ？") == ["date"]
    assert asked_fields("どこの記事？") == asked_fields("Where was it published?") == ["source"]
    # Whatever the reader calls the piece.
    for question in ("この話はいつのもの？", "このエッセイはいつの？"):
        assert asked_fields(question) == ["date"], question
    assert asked_fields("このコラムを書いたのは？") == ["author"]
    # Its writer's name asked for (この記事を書いた人の名前を教えて), not the name of someone
    # the piece tells of.
    for question in ("この記事を書いた人の名前を教えて", "この記事を書いた方のお名前は？"):
        assert asked_fields(question) == ["author"], question
    assert asked_fields("この町を作った人の名前は？") == []
    assert asked_fields("When was this lecture given?") == ["date"]
    # "When did it happen?" in the piece is a question about its content, not its date.
    assert asked_fields("北朝鮮が核実験をしたのはいつの話？") == []
    # The author's views are not a header question.
    assert asked_fields("予報よりも大切だと筆者が言うのは何？") == []
    assert asked_fields("著者の主張は？") == asked_fields("筆者は制裁をどう見ている？") == []


def test_the_piece_is_named_as_a_whole_word() -> None:
    # Where a story is set, or what "the report" it talks about says, is its content.
    for question in ("どこの話？", "これはどこの話ですか？", "ダルガスはどこの話に出てくる？"):
        assert asked_fields(question) == [], question
    assert asked_fields("When was the report published?") == []
    assert asked_fields("When was the speech delivered?") == []
    assert asked_fields("When was this report published?") == ["date"]
    assert asked_fields("Where was the article published?") == ["source"]
    # 筆者は誰 asks for the author, whatever comes before it.
    assert asked_fields("この話題の筆者は誰？") == ["author"]


def test_a_problem_is_not_a_title() -> None:
    assert asked_fields("震源争いの問題はどこを賑わせてきた？") == []


@pytest.mark.parametrize(
    ("question", "field"),
    [
        # Who wrote it: whatever the writer is called, tied to the piece or not.
        ("この記事を書いた記者は誰？", "author"),
        ("記者は誰？", "author"),
        ("記者の名前は？", "author"),
        ("この記事のライターは誰？", "author"),
        ("執筆者は誰ですか", "author"),
        ("聞き手は誰ですか？", "author"),
        ("インタビュアーは誰？", "author"),
        ("書いた人は誰？", "author"),
        ("この記事は誰が書いたの？", "author"),
        ("Who is the reporter?", "author"),
        ("Who is the journalist?", "author"),
        ("Who reported this story?", "author"),
        # Where it appeared.
        ("掲載したメディアはどこ？", "source"),
        ("この記事の媒体は？", "source"),
        ("媒体は？", "source"),
        ("メディアはどこ？", "source"),
        ("この記事の掲載誌は？", "source"),
        ("どのメディアに掲載された記事ですか？", "source"),
        ("この記事はどこに掲載されましたか？", "source"),
        ("Which outlet published this article?", "source"),
        ("What publication is this article from?", "source"),
        ("Which newspaper was it published in?", "source"),
        # When.
        ("発行日は？", "date"),
        ("掲載日は？", "date"),
        ("配信日はいつ？", "date"),
        ("公開日を教えてください", "date"),
        ("日付は？", "date"),
        ("この記事の発行日はいつですか？", "date"),
        ("記事が公開されたのはいつ？", "date"),
        ("この記事はいつ公開されましたか？", "date"),
        ("When was this article published?", "date"),
        ("What is the publication date?", "date"),
        ("When did this article come out?", "date"),
    ],
)
def test_the_words_readers_ask_header_fields_with(question: str, field: str) -> None:
    assert asked_fields(question) == [field]


@pytest.mark.parametrize(
    "question",
    [
        # People and things the piece tells of, and what others wrote, published or dated.
        "市長は誰？",
        "記者会見で局長は何と述べた？",
        "記者会見はいつ開かれた？",
        "源氏物語の作者は誰？",
        "『動物誌』の著者は誰か。",
        "その手紙は誰が書いた？",
        "1958年の党大会では誰が書記長となりましたか？",
        "新紙幣の発行日は？",
        "使用を廃止した年月日は？",
        "この言葉の出典は？",
        "その論文はどこに掲載された？",
        "新しい計画はいつ発表された？",
        "代表チームの初出場の年は？",
        "8月31日付の新聞での発言とは何か",
        "Who wrote the letter?",
        "Who is the author of Don Quixote?",
        "What is the date of the treaty?",
        "In which magazine had the author discussed earthquakes before?",
    ],
)
def test_questions_about_the_body_are_no_header_questions(question: str) -> None:
    assert asked_fields(question) == []


def test_a_role_the_body_names_is_asked_about_the_body() -> None:
    # 記者 in 記者会見 names nobody: 記者は誰？ asks for the piece's writer.
    press = parse_article("市の発表\n\n佐藤 由美\n湾岸日報\n局長は記者会見で値上げを説明した。\n")
    assert asked_fields("記者は誰？", press) == ["author"]
    # A piece that tells of a reporter is asked about that reporter.
    story = parse_article("事件の記録\n\n佐藤 由美\n湾岸日報\n記者は現場で写真を撮った。\n")
    assert asked_fields("記者は誰？", story) == []
    assert asked_fields("この記事を書いた記者は誰？", story) == ["author"]  # tied to the piece
    lighter = parse_article("喫煙所\n\n佐藤 由美\n湾岸日報\nライターを忘れた客が多い。\n")
    assert asked_fields("ライターは誰？", lighter) == []
    english = parse_article("The Trial\n\nAnn Lee\nThe Daily Post\nTwo reporters waited outside.\n")
    assert asked_fields("Who is the reporter?", english) == []
    assert asked_fields("Who wrote this article?", english) == ["author"]


def test_a_labelled_header_date_is_cited_as_written() -> None:
    a = parse_article("市の発表\n\n佐藤 由美\n公開日：令和7年2月14日\n市は値上げを決めた。\n")
    c = header_citation(a, "date")
    assert c is not None and c.quote == "令和7年2月14日"
    assert a.text[c.start : c.end] == c.quote and a.paragraph_at(c.start) is None


def test_which_questions_mention_the_header() -> None:
    for question in ("筆者の年齢は？", "この記事を書いた記者の経歴は？", "Who is the publisher?"):
        assert mentions_header(question), question
    for question in ("記者会見はいつ？", "市長は誰？", "What happened in 1962?"):
        assert not mentions_header(question), question


def test_a_title_asked_of_something_else_is_not_the_pieces() -> None:
    # The piece's title: asked alone or of the piece.
    for question in ("タイトルは？", "この文章のタイトルを教えて", "What is the title?",
                     "What is the title of this article?", "記事の名前は？"):
        assert asked_fields(question) == ["title"], question
    # A book's or a film's the piece tells of.
    for question in ("健太が描いた絵本のタイトルは？", "この記事で紹介された映画の題名は？",
                     "What is the title of his first novel?", "Which book's title won?"):
        assert asked_fields(question) == [], question


@pytest.mark.parametrize(
    "question",
    ["What's the title?", "What is its title?", "What was the title of the article?",
     "Tell me the title of this essay.", "Can you tell me the headline?", "Title?",
     "What is this article's title?", "The title?",
     # a document too; no apostrophe; the title first; a polite close; a follow-up's lead
     "What is the title of this document?", "Whats the title?", "Title of this article?",
     "What's the title, please?", "And the title?"],
)  # fmt: skip
def test_english_asks_for_the_title_as_all_it_asks(question: str) -> None:
    assert asked_fields(question) == ["title"]


@pytest.mark.parametrize(
    "question",
    # A title someone won, a track's or a chapter's: "the title" with another subject.
    ["Who won the title in 2010?", "Which team won the title?", "Who wrote the title track?",
     "How many times did they win the title?", "When did she lose the title?",
     "What is the title track called?", "Why was the title changed?",
     "And who won the title?", "Title of the winner?", "Whats the title track?"],
)  # fmt: skip
def test_a_title_in_a_question_about_something_else_is_not_the_pieces(question: str) -> None:
    assert "title" not in asked_fields(question)


def test_this_and_the_word_the_title_ends_with_name_the_piece() -> None:
    rules = parse_article("市民プール利用規程\n\n第1条 この規程はプールの利用を定める。\n")
    for question in ("この規程の名前は？", "この規程の正式名称を教えて", "この規程のタイトルは？"):
        assert asked_fields(question, rules) == ["title"], question
    # Near misses: another noun, the name's origin, a piece not titled so, no piece given.
    assert asked_fields("このプールの名前は？", rules) == []
    assert asked_fields("この規程の名前の由来は？", rules) == []
    news = parse_article("プールの規程が変わる\n\n市は規程を改めた。\n")
    assert asked_fields("この規程の名前は？", news) == []
    assert asked_fields("この規程の名前は？") == []


@pytest.mark.parametrize(
    ("title", "question"),
    [("夏祭りのお知らせ", "このお知らせのタイトルは？"), ("新庁舎建設計画", "この計画の名前は？"),
     ("防災ガイド", "このガイドの名前を教えて"), ("町内会会則", "この会則の正式名称は？")],
)  # fmt: skip
def test_a_kind_of_document_the_title_ends_with_names_the_piece(title: str, question: str) -> None:
    piece = parse_article(f"{title}\n\n町は今年も準備を進めている。\n")
    assert asked_fields(question, piece) == ["title"]


@pytest.mark.parametrize(
    ("title", "question"),
    # Near misses: what the title ends with is a thing the piece tells of, not the piece.
    [("急成長する新興企業", "この企業の名前は？"), ("港町に新しい橋", "この橋の名前は？"),
     ("駅前に開いた喫茶店", "この喫茶店の名前は？"), ("春に咲く白い花", "この花の名前は？")],
)  # fmt: skip
def test_a_thing_the_title_ends_with_is_not_the_piece(title: str, question: str) -> None:
    piece = parse_article(f"{title}\n\n株式会社アオバは十年で社員を増やした。\n")
    assert asked_fields(question, piece) == []


def test_a_labelled_author_is_cited_without_its_label() -> None:
    a = parse_article("石碑をたずねて\n\n文・村田 一郎\n2024年5月1日\n\n石碑は明治に建てられた。\n")
    c = header_citation(a, "author")
    assert c is not None and c.quote == "村田 一郎" and a.text[c.start : c.end] == "村田 一郎"


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        # この<a kind of document>: who issued the piece, and when.
        ("このリリースの発表日は？", ["date"]),
        ("このプレスリリースを出したのはどこ？", ["author"]),
        ("このページを作ったのはどこの部署？", ["author"]),
        ("この資料の作成日は？", ["date"]),
        ("この文書を発行したのは誰？", ["author"]),
        # Near misses: a thing the piece tells of, not a document it is.
        ("この商品を出したのはどこ？", []),
        ("この会社を作ったのは誰？", []),
        ("このリリースの新機能は？", []),
        ("このページ数は？", []),
        ("この規則のタイトルは？", []),  # the title only as before (`_titled_so`)
    ],
)
def test_this_document_asks_who_issued_the_piece_and_when(
    question: str, fields: list[str]
) -> None:
    assert asked_fields(question) == fields
