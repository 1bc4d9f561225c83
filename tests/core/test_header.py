from bot.core.article import parse_article
from bot.core.files import load_article
from bot.core.grounding import Grounder
from bot.core.header import HEADER_PASSAGE, asked_fields, header_citation, header_fields
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
