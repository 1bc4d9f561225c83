"""The offline `ask` path: header answers, English questions, synonyms, answer types, title."""

from __future__ import annotations

import pytest

from bot.core.answer import Answer, Turn
from bot.core.article import Article, parse_article
from bot.core.files import load_article
from bot.core.grounding import Grounder
from bot.core.header import HEADER_PASSAGE
from bot.core.interview import find_interview
from bot.core.vocabulary import PieceVocabulary
from bot.engines.messages import message
from bot.engines.offline.engine import OfflineEngine
from bot.library.formats import read_file, to_article
from tests.conftest import SHARED_PIECES, TEST_DATA
from tests.core.test_interview import DEBATE, INTERVIEW, TRANSCRIPT
from tests.engines.offline.test_engine import assert_grounded

FRONT_MATTER = (
    "---\n"
    "title: ポルトガル\n"
    "author: 山田花子\n"
    "source: 旅の雑誌\n"
    "date: 2024-05-01\n"
    "---\n"
    "ポルトガルはヨーロッパ西部、イベリア半島に位置する共和制国家である。首都はリスボン。\n"
    "リスボン、ポルト、ファロがおもな国際空港である。近年は観光客が増えている。\n"
    "ポルトガル料理は魚介類を多く使う。干した鱈を使う料理はバカリャウと呼ばれる。\n"
    "ポルトガルは1986年に欧州共同体に加盟した。通貨はユーロである。\n"
    "大航海時代には多くの航海者を送り出した。ヴァスコ・ダ・ガマはインド航路を開いた。\n"
)


@pytest.fixture(scope="module")
def portugal() -> Article:
    return parse_article(FRONT_MATTER)


def _assert_verifies(answer: Answer, article: Article) -> None:
    assert_grounded(answer, article)
    grounder = Grounder(article)
    for c in answer.citations:
        assert grounder.verify([(c.passage, c.quote)]).citations == [c]


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("この記事の著者は誰？", "山田花子"),
        ("Who wrote this piece?", "山田花子"),
        ("出典は？", "旅の雑誌"),
        ("この記事の日付は？", "2024-05-01"),
        ("記事のタイトルは？", "ポルトガル"),
    ],
)
async def test_header_questions_are_answered_from_the_header(
    portugal: Article, question: str, field: str
) -> None:
    answer = await OfflineEngine(portugal).ask(question)
    _assert_verifies(answer, portugal)
    assert answer.grounded and answer.passages == (HEADER_PASSAGE,)
    assert answer.citations[0].quote == field and answer.text == f"{field} [¶0]"


NEWS = (
    "みどり町、図書館を建て替えへ\n\n"
    "田中 一郎\n"
    "みどり新報\n"
    "令和7年2月14日付\n"
    "みどり町は13日、町立図書館を2027年度に建て替えると発表した。事業費は約18億円を見込む。\n"
    "町長の山本花子氏は記者会見で「町の学びの拠点を次の世代に引き継ぎたい」と述べた。\n"
    "現在の図書館は1972年に建てられ、耐震性の不足が指摘されていた。\n"
)


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("記者は誰？", "田中 一郎"),  # 記者 in 記者会見 names nobody
        ("この記事を書いた記者は誰？", "田中 一郎"),
        ("掲載したメディアはどこ？", "みどり新報"),
        ("発行日は？", "令和7年2月14日付"),
        ("この記事はいつ配信されましたか？", "令和7年2月14日付"),
        ("Who is the reporter?", "田中 一郎"),
        ("What is the publication date?", "令和7年2月14日付"),
    ],
)
async def test_header_questions_in_other_words(question: str, field: str) -> None:
    news = parse_article(NEWS)
    answer = await OfflineEngine(news).ask(question)
    _assert_verifies(answer, news)
    assert answer.passages == (HEADER_PASSAGE,) and answer.text == f"{field} [¶0]"


async def test_people_of_the_body_are_answered_from_the_body() -> None:
    news = parse_article(NEWS)
    answer = await OfflineEngine(news).ask("町長は誰？")
    _assert_verifies(answer, news)
    assert HEADER_PASSAGE not in answer.passages and "山本花子" in answer.text


async def test_an_english_header_date_answers_when_the_piece_was_published() -> None:
    piece = parse_article(
        "The Last Bus\n\nAnn Lee\nThe Valley Review\nMar. 8, 2025\n"
        "The last bus to Carrow leaves the square at six. Twelve people ride it most days.\n"
        "The council has kept the route running since 1962.\n"
    )
    answer = await OfflineEngine(piece).ask("When was this article published?")
    _assert_verifies(answer, piece)
    assert answer.text == "Mar. 8, 2025 [¶0]"


async def test_a_declined_question_never_holds_the_answer_in_its_note() -> None:
    # The header's fields were shown in a note under "no answer" when the question named the
    # writer in words the header questions did not know (この記事を書いた記者は誰？); a
    # question the header does not answer (筆者の年齢は？) still gets the note.
    news = parse_article(NEWS)
    engine = OfflineEngine(news)
    header_note = message("header", "ja", header="田中 一郎 · みどり新報 · 令和7年2月14日付")
    answered = await engine.ask("この記事を書いた記者は誰？")
    assert answered.grounded and header_note not in answered.text
    declined = await engine.ask("筆者の年齢は？")
    assert not declined.grounded and declined.text.endswith(header_note)


async def test_the_title_names_the_unnamed_subject(portugal: Article) -> None:
    # 「リスボン、ポルト、ファロがおもな国際空港である」 says of which country? The piece's own.
    question = "リスボン、ポルト、ファロがおもな国際空港を持つ国は？"
    answer = await OfflineEngine(portugal).ask(question)
    _assert_verifies(answer, portugal)
    assert answer.text.startswith("ポルトガル [¶0]\n")
    assert answer.passages[:2] == (HEADER_PASSAGE, 2)


async def test_a_title_that_names_the_piece_itself_answers_nothing() -> None:
    # 地震雑感 names the essay, not what its sentences are said of: its text never writes it.
    piece = load_article(TEST_DATA / "jishin-zakkan.txt")
    answer = await OfflineEngine(piece).ask("地震の予報は可能か？")
    _assert_verifies(answer, piece)
    assert answer.grounded and HEADER_PASSAGE not in answer.passages


@pytest.mark.parametrize("question", ["ダルガスとは誰？", "ダルガスってどんな人？"])
async def test_who_is_a_named_person_is_not_answered_with_the_title(question: str) -> None:
    """A short sentence naming the person asked about (「…」とダルガスは答えました。) reads
    like a restatement of the question, which used to put the piece's title first, as if the
    piece's subject were the answer."""
    article = parse_article(
        "デンマルク国の話\n\n内村鑑三\n今井館講演\n1911-10\n"
        "デンマークは欧州北部の一小邦であります。\n"
        "「まことにしかり」とダルガスは答えました。ダルガスは工兵士官でありました。\n"
        "ダルガスはユトランドの荒野に樅を植えました。\n"
    )
    answer = await OfflineEngine(article).ask(question)
    _assert_verifies(answer, article)
    assert HEADER_PASSAGE not in answer.passages and "工兵士官" in answer.text


async def test_a_term_question_quotes_the_sentence_that_names_it(portugal: Article) -> None:
    answer = await OfflineEngine(portugal).ask("干した鱈を使う料理を何と呼ぶ？")
    _assert_verifies(answer, portugal)
    assert "バカリャウ" in answer.text


async def test_a_full_name_question_quotes_where_the_piece_writes_it_in_full() -> None:
    # The passages about 国連 say 国連; the full name stands in a sentence that matches less.
    piece = parse_article(
        "平和維持活動\n\n"
        "国際連合は1945年に設立された。本部はニューヨークにある。\n"
        "国連の平和維持活動は停戦の監視から始まった。国連の部隊は青いヘルメットをかぶる。"
        "国連の活動には加盟国の分担金が使われる。\n"
        "マーラーは指揮者としても知られた。グスタフ・マーラーは1860年に生まれた。\n"
    )
    engine = OfflineEngine(piece)
    answer = await engine.ask("国連の正式名称は？")
    _assert_verifies(answer, piece)
    assert "国際連合" in answer.text and 1 in answer.passages
    answer = await engine.ask("マーラーのフルネームは？")
    _assert_verifies(answer, piece)
    assert "グスタフ・マーラー" in answer.text


async def test_a_gap_the_piece_fills_is_answered_with_its_sentence(portugal: Article) -> None:
    question = "「干した鱈を使う料理は〇〇〇〇〇と呼ばれる」の〇に入る言葉は？"
    answer = await OfflineEngine(portugal).ask(question)
    _assert_verifies(answer, portugal)
    assert answer.text == "干した鱈を使う料理はバカリャウと呼ばれる。 [¶3]"


def test_a_gap_many_sentences_fit_is_asked_as_usual() -> None:
    piece = parse_article(
        "県の話\n\n青森県の名物はりんごである。岩手県の名物はわんこそばである。\n"
        "秋田県の名物はきりたんぽである。宮城県の名物は牛たんである。\n"
    )
    asker = OfflineEngine(piece).asker
    assert asker.cloze("〇〇県の名物は？") == []  # four sentences fit: nothing specific
    assert asker.cloze("〇〇県の名物はきりたんぽ") == [2]


@pytest.mark.skipif(not SHARED_PIECES.is_dir(), reason="needs ../shared/pieces")
async def test_a_sentence_is_read_with_what_its_paragraph_named_before_it() -> None:
    # 「その人口は二百五十万」 is Denmark's population, named a sentence before it; the next
    # paragraphs repeat both words in sentences that do not give it.
    piece = load_article(SHARED_PIECES / "denmaruku-koku-no-hanashi.txt")
    answer = await OfflineEngine(piece).ask("デンマークの人口は？")
    _assert_verifies(answer, piece)
    assert "二百五十万" in answer.text


async def test_a_date_question_quotes_the_date(portugal: Article) -> None:
    answer = await OfflineEngine(portugal).ask("ポルトガルが欧州共同体に加盟したのは何年？")
    _assert_verifies(answer, portugal)
    assert "1986年" in answer.text and answer.passages == (4,)


async def test_english_questions_are_answered_with_japanese_quotes(
    engine: OfflineEngine, article: Article
) -> None:
    answer = await engine.ask("When did the State Duma ratify the treaty?")
    _assert_verifies(answer, article)
    first, *rest = answer.text.splitlines()
    assert first == "From the piece (quoted in Japanese):"
    assert 3 in answer.passages and "10月24日" in "\n".join(rest)


async def test_english_questions_about_names_the_piece_lacks_are_declined(
    engine: OfflineEngine,
) -> None:
    answer = await engine.ask("What did Xi Jinping say about the treaty?")
    assert not answer.grounded and answer.citations == ()


async def test_words_the_piece_lacks_are_searched_through_its_synonyms(
    engine: OfflineEngine,
) -> None:
    # 兵隊 and 土地 are not in the piece; 軍人 (its word for soldiers) is.
    query = engine.asker.query("北の兵隊がロシアの土地にいると言っているのは誰？")
    assert "軍人" in query.text.split()
    assert 2 in [h.passage for h in engine.asker.search(query)]


async def test_a_figure_the_piece_never_gives_is_not_covered(engine: OfflineEngine) -> None:
    # The piece names Timofeev in its lead but never his age.
    answer = await engine.ask("ティモフェーエフ氏は何歳？")
    assert not answer.grounded


async def test_answers_stay_short(engine: OfflineEngine, article: Article) -> None:
    answer = await engine.ask("北朝鮮が最初の核実験を行ったのは何年？")
    _assert_verifies(answer, article)
    assert "2006年" in answer.text
    # The answer sentence and its context in its paragraph, not the whole paragraph.
    assert len(answer.text) < len(article.paragraph(11).text)


async def test_an_english_piece_is_answered_and_its_gaps_declined() -> None:
    piece = load_article(TEST_DATA / "lighthouse-en.txt")
    engine = OfflineEngine(piece)
    answer = await engine.ask("When did Edmund Tallis arrive at Skerry Point?")
    assert answer.grounded and 1 in answer.passages and "1871" in answer.text
    assert_grounded(answer, piece)
    answer = await engine.ask("How often did supplies arrive?")
    assert answer.grounded and "once a fortnight" in answer.text
    assert not (await engine.ask("How much did the lighthouse cost to build?")).grounded


async def test_a_question_about_the_whole_piece_is_answered_with_its_summary(
    engine: OfflineEngine, article: Article
) -> None:
    summary = await engine.summary("short")
    for question in ("この記事の要点は？", "要約して"):
        answer = await engine.ask(question)
        assert answer.kind == "ask" and answer.grounded
        assert answer.text == summary.text and answer.citations == summary.citations
    # Asked in English about a Japanese piece: the same quotes, after a line that says so.
    answer = await engine.ask("What is this piece about?")
    assert answer.text.endswith(summary.text) and answer.text != summary.text
    assert_grounded(answer, article)
    # A topic's key points are that topic's passages, not the summary.
    assert (await engine.ask("制裁の要点は？")).text != summary.text


async def test_a_japanese_question_on_an_english_piece_is_answered_in_its_words() -> None:
    piece = load_article(TEST_DATA / "library-en.txt")
    engine = OfflineEngine(piece)
    answer = await engine.ask("最初の司書は誰？")
    assert answer.grounded and 6 in answer.passages and "Alice Brennan" in answer.text
    assert answer.text.startswith("記事から")  # the quotes are the piece's own English
    assert_grounded(answer, piece)
    assert not (await engine.ask("マンチェスターの図書館委員会はその計画をどう思った？")).grounded


async def test_search_ranks_as_ask_does_across_languages(engine: OfflineEngine) -> None:
    # An English query on the Japanese piece is searched through its translation.
    hits = await engine.search("When did the State Duma ratify the treaty?", 3)
    assert hits and "批准" in hits[0].text
    piece = load_article(TEST_DATA / "library-en.txt")
    hits = await OfflineEngine(piece).search("最初の司書は誰？", 2)
    assert hits[0].passage == 6


async def test_pieces_in_other_scripts_are_searched_and_answered() -> None:
    # Russian: words and their inflections (Дума / дума, договор / договора).
    russian = parse_article(
        "Договор о партнёрстве\n\n"
        "Россия и КНДР подписали договор о партнёрстве в июне 2024 года.\n"
        "Государственная дума ратифицировала договор 24 октября.\n"
        "Эксперты считают, что сближение вызвано тремя факторами.\n"
    )
    answer = await OfflineEngine(russian).ask("Когда Дума ратифицировала договор?")
    _assert_verifies(answer, russian)
    assert answer.grounded and answer.passages == (2,)
    # Chinese: its question words (什么时候) are not taken for names the piece lacks.
    chinese = parse_article(
        "长城简介\n\n"
        "长城是中国古代的军事防御工程，修筑历史可上溯到西周时期。\n"
        "秦始皇统一中国后，将各国长城连接起来，形成了万里长城。\n"
        "1987年，长城被列入世界文化遗产名录。每年有数百万游客前来参观。\n"
    )
    answer = await OfflineEngine(chinese).ask("长城是什么时候被列入世界文化遗产？")
    _assert_verifies(answer, chinese)
    assert answer.grounded and 3 in answer.passages and "1987年" in answer.text
    # The Japanese tagger reads 谁把 and 做了 as words the piece never writes: on a Chinese
    # piece, no word counts as missing, and the scores alone decide. A Chinese reader's
    # "not covered" is in English, not Japanese.
    for question in ("谁把长城连接起来？", "秦始皇做了什么？"):
        answer = await OfflineEngine(chinese).ask(question)
        _assert_verifies(answer, chinese)
        assert answer.grounded and answer.passages == (2,), question
    declined = await OfflineEngine(chinese).ask("埃菲尔铁塔有多高？")
    assert not declined.grounded and declined.text == message("not_covered", "en")
    # Simplified characters the Japanese tagger cuts across words (劳动力 in the question;
    # 临劳 and 动力 in the piece): a Chinese piece is searched by character pairs alone.
    tea = parse_article(
        "龙井茶的采摘季\n\n"
        "每年三月下旬到四月上旬，是西湖龙井茶的采摘季节。\n"
        "采茶工人通常在清晨五点开始工作。一名熟练的工人一天大约能采摘两斤鲜叶。\n"
        "近年来，茶农普遍面临劳动力短缺的问题。一些茶园开始尝试使用机器采摘。\n"
    )
    for question in ("茶农面临什么问题？", "为什么缺少劳动力？"):
        answer = await OfflineEngine(tea).ask(question)
        _assert_verifies(answer, tea)
        assert answer.grounded and answer.passages == (3,), question
    # Korean: its words without their particles and endings (한글날은 → 한글날), and bigrams.
    korean = parse_article(
        "한글의 역사\n\n"
        "한글은 1443년 세종대왕이 창제한 문자이다.\n"
        "한글은 자음 14자와 모음 10자로 이루어져 있다.\n"
        "10월 9일은 한글날로 기념한다.\n"
    )
    engine = OfflineEngine(korean)
    hits = await engine.search("한글날은 언제인가요?")
    assert hits and hits[0].passage == 3
    answer = await engine.ask("한글날은 언제인가요?")
    _assert_verifies(answer, korean)
    assert answer.grounded and answer.passages == (3,)
    assert not (await engine.ask("김치는 어떻게 만드나요?")).grounded


async def test_a_question_for_the_reasons_the_piece_lists_gets_the_list() -> None:
    piece = parse_article(
        "売上が落ちた話\n\n"
        "売上の減少には3つの理由がある。まず、価格の上昇である。客は値段に敏感だ。\n"
        "2つ目の理由は、競合の出店である。近所に新しい店ができた。\n"
        "3つ目の理由は、天候不順である。雨の日が多かった。\n"
    )
    engine = OfflineEngine(piece)
    listed = await engine.factors()
    for question in ("売上が減った理由は？", "Why did sales decrease?"):
        answer = await engine.ask(question)
        _assert_verifies(answer, piece)
        assert answer.kind == "ask" and answer.passages == listed.passages
        assert "競合の出店" in answer.text and "天候不順" in answer.text
    # One item is searched as usual.
    answer = await engine.ask("2つ目の理由は？")
    assert "競合の出店" in answer.text and "天候不順" not in answer.text


async def test_the_reason_for_what_was_asked_last_is_searched_not_listed() -> None:
    # その理由は？ asks why of the last question: on a piece that lists nothing it once got
    # the key points; on one that lists reasons, it gets the list when they are its topic.
    library = parse_article(
        "町の図書館\n\n"
        "町の図書館は二〇二〇年に閉館した。利用者が年々減り、建物の老朽化も進んでいたためである。\n"
        "閉館後、建物は取り壊され、跡地には公園が作られた。住民の多くはこの公園を歓迎している。\n"
        "一方で、本を借りる場所がなくなったことを惜しむ声もある。隣町まで行く高齢者は少なくない。\n"
    )
    engine = OfflineEngine(library)
    first = await engine.ask("図書館はいつ閉館した？")
    history = [Turn("図書館はいつ閉館した？", first.text, first.passages)]
    why = await engine.ask("その理由は？", history)
    _assert_verifies(why, library)
    assert why.passages == (1,) and "老朽化" in why.text
    assert message("no_enumeration", "ja") not in why.text
    sales = parse_article(
        "売上が落ちた話\n\n"
        "売上の減少には3つの理由がある。まず、価格の上昇である。客は値段に敏感だ。\n"
        "2つ目の理由は、競合の出店である。近所に新しい店ができた。\n"
        "3つ目の理由は、天候不順である。雨の日が多かった。\n"
    )
    engine = OfflineEngine(sales)
    answer = await engine.ask("その理由は？", [Turn("売上は減ったの？", "減った。", (1,))])
    assert answer.passages == (await engine.factors()).passages


async def test_a_follow_up_that_names_nothing_is_answered_with_the_last_questions_words(
    engine: OfflineEngine, article: Article
) -> None:
    # 「その理由は？」 names only the kind of answer: its sentences were chosen by 理由 alone,
    # which ¶14 says in another connection.
    first = await engine.ask("ロシアは非核化を支持していた？")
    history = [Turn("ロシアは非核化を支持していた？", first.text, first.passages)]
    why = await engine.ask("その理由は？", history)
    _assert_verifies(why, article)
    assert 7 in why.passages and 14 not in why.passages


# ---------------------------------------------------------------- interviews


@pytest.fixture(scope="module")
def interview() -> Article:
    return parse_article(INTERVIEW)


@pytest.mark.parametrize(
    ("question", "answer", "said"),
    [
        # Its words are the interviewer's question's (――島に店を出した理由は。), not the answer's.
        ("なぜ島に店を出したのですか？", 5, "倉庫"),
        ("東京の催事では何個売れましたか？", 7, "850個"),
        # Declined when the question was read alone: it holds no figure of people.
        ("東京の催事には何人来ましたか？", 7, "3,000人"),
        ("パン職人になったきっかけは？", 3, "田舎パン"),
    ],
)
async def test_an_interviewer_s_question_is_answered_by_the_paragraph_after_it(
    interview: Article, question: str, answer: int, said: str
) -> None:
    result = await OfflineEngine(interview).ask(question)
    _assert_verifies(result, interview)
    assert answer in result.passages and said in result.text
    asked = find_interview(interview).questions
    assert not asked & set(result.passages), result.text


async def test_an_english_interview_is_answered_from_its_answers() -> None:
    article = parse_article(
        "Baking on the island\n\n"
        "Maria Lopez has run a bakery on a small island for twenty years.\n"
        "Q: Why did you open the bakery on the island?\n"
        "A: An old warehouse near the harbour was offered to me at a low price.\n"
        "Q: How did the market stall in the city go?\n"
        "A: Better than I hoped. We sold 700 of our 800 loaves in four days.\n"
        "Q: What comes next for you?\n"
        "A: I want to teach the children to bake, in a class that starts next summer.\n"
    )
    result = await OfflineEngine(article).ask("Why did she open the bakery on the island?")
    _assert_verifies(result, article)
    assert result.passages == (3,) and "warehouse" in result.text


async def test_a_long_reply_is_quoted_from_its_opening_that_answers_as_asked() -> None:
    # The reply's best window starts after its first sentence, which alone says the figure,
    # in words: it is quoted all the same.
    article = parse_article(
        "Boats of the bay\n\n"
        "Ken Ito builds wooden boats in a shed by the bay.\n"
        "Q: How many boats does the shed build in a year?\n"
        "A: About forty. " + "Each boat of the shed takes oak from the hills, and larch. " * 8
        + "Half of the boats of the shed go to fishermen in the north.\n"
        "Q: Who taught you?\n"
        "A: My uncle, who built boats in the same shed for fifty years.\n"
    )
    result = await OfflineEngine(article).ask("How many boats does the shed build in a year?")
    _assert_verifies(result, article)
    assert result.passages[0] == 3 and "About forty." in result.text


async def test_a_second_paragraph_quoted_comes_with_its_context_while_the_answer_is_short() -> None:
    # The best passage gives one short line; the second's first sentence alone would drop
    # what to do (call the emergency desk first): it comes with the sentences after it.
    article = load_article(TEST_DATA / "unseen6" / "p4_hospital.txt")
    result = await OfflineEngine(article).ask("夜中に子どもが急に熱を出したらどうすればいいですか")
    _assert_verifies(result, article)
    assert 28 in result.passages and "0439-21-7799" in result.text


async def test_the_search_ranks_an_answer_where_its_question_matched(interview: Article) -> None:
    hits = await OfflineEngine(interview).search("島に店を出した理由", k=2)
    assert hits[0].passage == 5


async def test_reading_on_after_an_answer_goes_to_the_next_answer(interview: Article) -> None:
    engine = OfflineEngine(interview)
    first = await engine.ask("なぜ島に店を出したのですか？")
    history = [Turn("なぜ島に店を出したのですか？", first.text, first.passages)]
    more = await engine.ask("もっと", history)
    _assert_verifies(more, interview)
    assert more.passages == (7,), more.text  # not ――東京の百貨店での催事はいかがでしたか。



@pytest.mark.parametrize(
    ("question", "answer", "said"),
    [("蜂蜜はどこで買える？", 11, "朝市"), ("刺されることはないの？", 8, "近づきすぎなければ")],
)
async def test_a_transcript_s_question_is_answered_by_the_reply_not_quoted_back(
    question: str, answer: int, said: str
) -> None:
    article = parse_article(TRANSCRIPT)
    result = await OfflineEngine(article).ask(question)
    _assert_verifies(result, article)
    assert answer in result.passages and said in result.text
    assert not find_interview(article).questions & set(result.passages), result.text


@pytest.mark.parametrize(
    ("question", "turn", "said"),
    [
        ("How much will the new bridge cost?", 1, "9 million pounds"),
        ("How many cars did the ferry carry a day?", 3, "200 cars"),
    ],
)
async def test_a_debater_s_turn_that_asks_on_is_quoted_for_its_fact(
    question: str, turn: int, said: str
) -> None:
    article = parse_article(DEBATE)
    result = await OfflineEngine(article).ask(question)
    _assert_verifies(result, article)
    assert result.passages[0] == turn and said in result.text, result.text


async def test_a_question_typed_in_kana_finds_the_word_in_kanji() -> None:
    piece = parse_article(
        "商店街のお知らせ\n\n"
        "みなと商店街の青果店は、建物の老朽化のため9月30日に閉店します。\n"
        "商店街の駐車場は北側にあり、2時間まで無料です。\n"
        "夏祭りは8月の第一土曜日に開かれ、毎年多くの人でにぎわいます。\n"
    )
    answer = await OfflineEngine(piece).ask("へいてんはいつ？")
    _assert_verifies(answer, piece)
    assert answer.grounded and "9月30日" in answer.text
    assert (await OfflineEngine(piece).ask("ちゅうしゃじょうはどこ？")).passages[:1] == (2,)


async def test_a_matching_heading_stands_for_the_paragraph_under_it() -> None:
    from tests.core.test_retrieval import SECTIONED

    # ハヤテ号 is named only by its heading, which states nothing: the paragraph under it that
    # gives the weight answers, not the other bicycle's.
    engine = OfflineEngine(parse_article(SECTIONED))
    query = engine.asker.query("ハヤテ号の重さは？")
    hits = engine.asker.search(query)
    assert hits[0].passage == 4
    answer = await engine.ask("ハヤテ号の重さは？")
    assert answer.citations[0].passage == 4 and "11キログラム" in answer.text
    _assert_verifies(answer, engine.article)


async def test_an_english_question_names_a_japanese_person_in_romaji() -> None:
    piece = parse_article(
        "染物師　森ちよの一生\n\n森ちよは1890年に信濃の上田で生まれた。\n\n"
        "1910年、ちよは京都の工房に入り、藍染めを学んだ。\n\n"
        "ちよの作品は今も上田の資料館に残っている。\n"
    )
    engine = OfflineEngine(piece)
    answer = await engine.ask("Where was Chiyo Mori born?")
    assert answer.grounded and answer.passages[0] == 1 and "上田" in answer.text
    assert_grounded(answer, piece)
    assert not (await engine.ask("Where was Hanako Sato born?")).grounded


async def test_a_measure_asked_with_an_everyday_word_finds_how_the_piece_states_it() -> None:
    # 広さ is written elsewhere (a field's), the lake's is its 面積; 重さ is the 質量.
    article = parse_article(
        "湖と道具\n\n"
        "湖の面積はおよそ12平方キロメートルで、深い。\n"
        "畑は宅地の開発で三分の一ほどの広さになった。\n"
        "ケトルの質量は約0.9キログラムである。\n"
        "畑では麦が育てられている。\n"
    )
    engine = OfflineEngine(article)
    assert (await engine.ask("湖の広さは？")).passages[0] == 1
    assert (await engine.ask("ケトルの重さは？")).passages[0] == 3
    # 校長さん holds no 長さ: a measure word is a word of the question, not part of one.
    assert engine.asker.query("校長さんの趣味は？").text == "校長さんの趣味は？"


async def test_an_english_measure_the_piece_states_otherwise_is_found() -> None:
    article = parse_article(
        "Brackenford\n\n"
        "Brackenford is a mill town on the river. It has a stone bridge.\n\n"
        "The climate is mild. Annual rainfall is about 640 mm.\n\n"
        "At the last census the town had a population of 8,210.\n\n"
        "The railway opened in 1871 and closed in 1958.\n\n"
        "The hall was built by the wool merchants in 1602.\n\n"
        "A lantern fair is held every November on the market square.\n\n"
        "The paper mills closed in 1979, and the town turned to tourism.\n\n"
        "The river floods the meadows most winters.\n"
    )
    engine = OfflineEngine(article)
    query = engine.asker.query("How much rain falls here?")
    assert "rainfall" in query.text
    assert engine.asker.search(query)[0].passage == 2
    query = engine.asker.query("How many people live in Brackenford?")
    assert "population" in query.text and engine.asker.search(query)[0].passage == 3
    # Judged with it too, as every word the piece lacks (people, live) is such a measure;
    # not when another is missing (no cats in the piece): the reader's own words decide.
    assert query.restated and "population" in query.judged
    cats = engine.asker.query("How many cats live in Brackenford?")
    assert not cats.restated and cats.judged == "How many cats live in Brackenford?"
    assert not (await engine.ask("How many cats live in Brackenford?")).grounded
    # A measure the piece states in none of the words asked for leaves the question as it is.
    assert engine.asker.query("What did the hall cost?").text == "What did the hall cost?"


# Made-up panels whose host states something, then asks: the reply answers what is asked,
# and the host's own statement answers what it states.
PANEL = {
    "en": parse_article(
        "Harbour talk\n\n"
        "Host: The marina lost 300 berths in the storm. Can it reopen this summer?\n"
        "Mr. Lindqvist: Only the north pier. The rest waits for new pontoons.\n"
        "Host: Visitors complained about the parking charges. What is your answer?\n"
        "Mr. Lindqvist: Parking will be free for boat owners from June.\n"
    ),
    "ja": parse_article(
        "駐輪場の話\n\n"
        "司会：駅前の駐輪場は去年から2倍に混むようになったそうですね。理由は何でしょうか。\n"
        "佐藤：新しい大学ができて、学生が自転車で通うようになったからです。\n"
        "司会：市は来年、駐輪場を500台分広げると聞きました。それで足りますか。\n"
        "佐藤：足りないと思います。地下にも作るべきです。\n"
    ),
}


@pytest.mark.parametrize(
    ("language", "question", "passage", "said"),
    [
        ("en", "Can the marina reopen this summer?", 2, "north pier"),
        ("en", "What does Lindqvist say about the parking charges?", 4, "free for boat owners"),
        ("ja", "駐輪場が混むようになった理由は？", 2, "新しい大学"),
        # What the host states is quoted for itself, not the reply nor the question.
        ("en", "How many berths were lost in the storm?", 1, "300 berths"),
        ("ja", "駐輪場は何台分広がる？", 3, "500台分"),
    ],
)
async def test_a_turn_that_states_and_asks_is_answered_by_the_reply(
    language: str, question: str, passage: int, said: str
) -> None:
    article = PANEL[language]
    result = await OfflineEngine(article).ask(question)
    _assert_verifies(result, article)
    assert result.passages == (passage,) and said in result.text, result.text
    for asked in ("Can it reopen", "What is your answer", "理由は何", "足りますか"):
        assert asked not in result.text


async def test_a_story_s_question_is_answered_by_the_reply_not_the_line_that_asks() -> None:
    engine = OfflineEngine(
        parse_article(
            "---\ntitle: 古道具屋の午後\n---\n"
            "ケンは店に入ると、古いかんなを指さした。\n\n"
            "「おじいさんは、どんなお仕事をしていたの」\n\n"
            "「大工です。町の家をたくさん建てました」\n\n"
            "「店長さんは、ここで何年働いているの」\n\n"
            "「二十年になるよ。先代から店を継いだんだ」\n"
        )
    )
    answer = await engine.ask("ケンのおじいさんの仕事は何ですか")
    passages = [c.passage for c in answer.citations]
    assert 3 in passages and 2 not in passages


async def test_a_date_under_a_heading_that_names_what_is_asked_answers() -> None:
    # 申請はいつから？: the dates stand under ■申請期間 and name no 申請 themselves; the
    # answer had quoted the steps of applying and who may apply, both saying 申請, no date.
    piece = parse_article(
        "補助金のご案内\n\n"
        "市では住宅の改修工事の費用の一部を補助します。\n"
        "■申請期間\n"
        "2026年5月11日（月）から12月25日（金）まで。郵送の場合は当日消印有効です。\n"
        "■申請の流れ\n"
        "申請書類の提出、市の審査、交付決定通知書の送付の順に進みます。\n"
        "申請できるのは住宅の所有者で、自ら住んでいる方に限ります。\n"
    )
    answer = await OfflineEngine(piece).ask("申請はいつから？")
    assert_grounded(answer, piece)
    assert "5月11日" in answer.text


async def test_among_sentences_matching_as_well_those_holding_the_kind_asked_come_first() -> None:
    # Four sentences say 申請 alone; the one with the date was the fourth, and cut.
    piece = parse_article(
        "申請\n\n"
        "申請は市役所の窓口で受け付けています。\n"
        "申請は郵送でも受け付けています。\n"
        "申請は必ず本人か家族が行ってください。\n"
        "申請は2026年6月1日から受け付けています。\n"
    )
    answer = await OfflineEngine(piece).ask("申請はいつから？")
    assert_grounded(answer, piece)
    assert "6月1日" in answer.text


async def test_council_minutes_answer_with_the_officials_words_not_the_members() -> None:
    from tests.core.test_minutes import MINUTES

    article = parse_article(MINUTES)
    engine = OfflineEngine(article)
    answer = await engine.ask("待機児童は何人？")
    assert [c.passage for c in answer.citations] == [10] and "63人" in answer.text
    answer = await engine.ask("バスの市の負担額はいくら？")
    assert [c.passage for c in answer.citations] == [8] and "9,700万円" in answer.text


async def test_a_figure_the_piece_states_as_a_range_finds_that_range() -> None:
    # 5歳 is matched by no bare 5 (5日間); the piece's 7歳未満 holds it, in English too.
    article = parse_article(
        "かぜ薬\n\n次の人は服用しないでください。\n\n7歳未満の小児。\n\n"
        "本剤は5日間を超えて服用しないでください。\n\n11歳以上15歳未満は1回2錠。\n"
    )
    engine = OfflineEngine(article)
    for question in (
        "5歳の小児は服用できますか？",
        "Can I give this to my 6-year-old?",
        "Can 6-year-olds take this?",
    ):
        answer = await engine.ask(question)
        assert "7歳未満の小児" in answer.text and "5日間" not in answer.text
    assert "1回2錠" in (await engine.ask("12歳は何錠？")).text


async def test_an_english_figure_is_asked_as_the_range_of_the_piece_that_holds_it() -> None:
    # 27 kg had been matched by its bare number anywhere: the row of 23.1 to 32 kg answers.
    bags = parse_article(
        "Baggage\n\nEach checked bag may weigh up to 23 kg on every fare we sell today.\n\n"
        "Overweight bag (23.1 to 32 kg) | USD 60 | USD 80\n\n"
        "Pets travel in the cabin for USD 27 if they weigh less than 8 kg with their carrier.\n"
    )
    answer = await OfflineEngine(bags).ask("My bag weighs 27 kg. What will that cost me?")
    assert_grounded(answer, bags)
    assert 2 in answer.passages


def test_a_one_kanji_noun_finds_the_paragraph_that_writes_it_inside_a_word() -> None:
    # 雷: the piece writes 落雷, one word to the tagger; the exclusions are in (3).
    terms = parse_article(
        "保証規定\n\n"
        "保証期間内に故障した場合は、無料で修理いたします。\n\n"
        "保証期間内でも、次の場合は有料修理になります。\n\n"
        "(1) 使用上の誤りや不当な修理、改造による故障\n\n"
        "(2) お買い上げ後の落下や輸送による故障\n\n"
        "(3) 火災、地震、水害、落雷その他の天災地変による故障\n\n"
        "修理品は箱に入れてお送りください。送料は当社が負担します。\n"
    )
    asker = OfflineEngine(terms).asker
    hits = asker.search(asker.query("雷のせいで故障した場合も無料で直してもらえる？"))
    assert [h.passage for h in hits[:2]] == [1, 5]  # (3), ahead of the other exclusions


async def test_an_english_word_the_piece_writes_only_with_a_suffix_is_searched_with_it() -> None:
    # rent → rental: searched with, so the rental line ranks first; never judged with, as
    # spelling alone also makes show → shower and state → station.
    facilities = parse_article(
        "Facilities\n\nThe shared kitchen is open from 7:00 to 22:00 every day.\n\n"
        "• Bicycle rental: 1,000 yen per day\n\n"
        "• Shower rooms: towels cost 200 yen\n\n"
        "The station is a five-minute walk away. Lockers cost 100 yen.\n"
    )
    engine = OfflineEngine(facilities)
    hits = engine.asker.search(engine.asker.query("How much does it cost to rent a bike?"))
    assert hits[0].passage == 2
    for question in ("How much does the show cost?", "Which state is the hostel in?"):
        assert not (await engine.ask(question)).grounded, question
    # A short word is no base of a longer one (wat is no water).
    assert PieceVocabulary(facilities).derived("rent") == ["rental"]
    assert PieceVocabulary(parse_article("T\n\nThe water is warm.\n")).derived("wat") == []


async def test_named_days_are_answered_from_the_pieces_dates() -> None:
    # 大みそか: the piece gives 12月31日 only; お盆 the span 8月13日〜16日.
    rules = parse_article(
        "フリーパスのご案内\n\n"
        "フリーパスは、有人駅の窓口と公式アプリで発売します。\n\n"
        "12月31日と1月1日は窓口での発売をお休みします。この2日間は、アプリ版のみ発売します。\n\n"
        "休業日：8月13日〜16日\n\n"
        "窓口の営業時間は7:00〜20:00です。\n"
    )
    engine = OfflineEngine(rules)
    answer = await engine.ask("大みそかに駅の窓口で買えますか")
    assert_grounded(answer, rules)
    assert 2 in answer.passages, answer.text
    answer = await engine.ask("お盆に窓口はやっていますか")
    assert 3 in answer.passages, answer.text


def test_two_english_words_are_searched_with_what_the_piece_calls_them() -> None:
    # front desk: the piece writes reception desk, and front only of its door.
    hostel = parse_article(
        "FAQ\n\nCheck-in is from 15:00 to 23:00. The reception desk is staffed from 7:30 to "
        "23:00 every day.\n\n"
        "There is no curfew. The front door is locked from 1:00 to 6:00, but your key card "
        "opens it at any time.\n"
    )
    asker = OfflineEngine(hostel).asker
    assert asker.search(asker.query("What hours is the front desk open?"))[0].passage == 1


async def test_an_english_word_the_piece_never_writes_is_searched_with_its_synonym() -> None:
    # stroller: the piece writes pushchair (both ベビーカー in the dictionary).
    policy = parse_article(
        "Baggage\n\nEvery passenger may bring one cabin bag of up to 7 kg on board the plane.\n\n"
        "One pushchair per child travels free of charge and does not count as a bag.\n\n"
        "Sports equipment such as surfboards costs USD 75 per flight each way.\n"
    )
    answer = await OfflineEngine(policy).ask("What about strollers?")
    assert_grounded(answer, policy)
    assert 2 in answer.passages


def test_a_verb_the_piece_writes_conjugated_is_not_searched_with_synonyms() -> None:
    """遅らせた is 遅らせる written: no word the piece lacks, so none of its dictionary kin
    (支持, through "hold") joins the search."""
    article = parse_article(
        "事故報告\n\n"
        "雨がやむのを待つため、出発を予定より1時間遅い7:00にすると決めました。\n"
        "出発を1時間遅らせたものの、岩が乾くのを待たずに出発しました。\n"
        "三点支持を重点的に練習する予定です。\n"
    )
    query = OfflineEngine(article).asker.query("どうして出発を遅らせたの？")
    assert query.stated == ()


async def test_a_contest_the_piece_never_numbers_is_not_covered() -> None:
    """第8回の大賞は誰？ of the ninth contest's results: the piece names the ninth's winners
    only; asked of the ninth, the question is answered."""
    article = to_article(read_file(TEST_DATA / "unseen18" / "p2_haiku.md"))
    engine = OfflineEngine(article)
    other = await engine.ask("第8回の大賞は誰だった？")
    assert not other.citations and not other.grounded
    own = await engine.ask("第9回の応募総数は？")
    _assert_verifies(own, article)
    assert 4 in own.passages
