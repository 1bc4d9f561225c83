"""The offline engine: every command answers from the piece, with citations that locate."""

from __future__ import annotations

import asyncio
import gc
import json
import weakref

import pytest

from bot.core.answer import Answer, Turn
from bot.core.article import Article, parse_article
from bot.core.grounding import MIN_QUOTE_CHARS, Grounder
from bot.core.header import HEADER_PASSAGE, header_fields
from bot.engines.base import Engine, InvalidRequest
from bot.engines.messages import message
from bot.engines.offline.engine import OfflineEngine
from bot.engines.offline.summary import SUMMARY_BUDGET
from tests.conftest import TEST_DATA

EMBED_DESCRIPTION_LIMIT = 4096


def assert_grounded(answer: Answer, article: Article) -> None:
    """Every citation (and item citation) is verbatim at its offsets, inside its paragraph
    (¶0: inside one header field)."""
    cites = list(answer.citations) + [c for i in answer.items for c in i.citations]
    fields = header_fields(article).values()
    for c in cites:
        assert article.text[c.start : c.end] == c.quote
        if c.passage == HEADER_PASSAGE:
            assert any(f.start <= c.start and c.end <= f.end for f in fields)
        else:
            p = article.paragraph(c.passage)
            assert p.start <= c.start and c.end <= p.end
        assert Grounder(article).cite(c.quote, passage=c.passage) == c
    for c in answer.citations:
        assert f"[¶{c.passage}]" in answer.text
    assert answer.grounded == bool(answer.citations)
    json.dumps(answer.to_dict(), ensure_ascii=False)


def test_engine_satisfies_the_protocol(engine: OfflineEngine) -> None:
    assert isinstance(engine, Engine)
    assert engine.name == "offline"


@pytest.mark.parametrize("length", list(SUMMARY_BUDGET))
async def test_summary_lengths(engine: OfflineEngine, article: Article, length: str) -> None:
    answer = await engine.summary(length)  # type: ignore[arg-type]
    assert_grounded(answer, article)
    assert answer.grounded and answer.kind == "summary"
    count, _ = SUMMARY_BUDGET[length]
    assert 1 <= len(answer.citations) <= count
    assert len(answer.text) <= EMBED_DESCRIPTION_LIMIT
    # Reading order.
    starts = [c.start for c in answer.citations]
    assert starts == sorted(starts)


async def test_summaries_grow_with_length(engine: OfflineEngine) -> None:
    sizes = [len((await engine.summary(n)).citations) for n in ("short", "medium", "long")]  # type: ignore[arg-type]
    assert sizes[0] < sizes[1] < sizes[2]


async def test_summary_starts_with_the_lead(engine: OfflineEngine, article: Article) -> None:
    answer = await engine.summary("short")
    assert answer.citations[0].quote == article.sentences[0].text


async def test_factors_and_factor(engine: OfflineEngine, article: Article) -> None:
    answer = await engine.factors()
    assert_grounded(answer, article)
    assert len(answer.items) == 3 and answer.note is None
    for n, item in enumerate(answer.items, start=1):
        assert f"{n}. {item.title}" in answer.text
        one = await engine.factor(n)
        assert_grounded(one, article)
        assert one.items[0].title == item.title
        assert one.citations[0] == item.citations[0]  # explanation opens with the item itself


async def test_an_unannounced_list_is_not_called_factors() -> None:
    """第一に…第二に… with no 「二つの要因」 before it may list lessons or steps: the intro
    says the piece lists points, as it does, not that it names factors."""
    article = parse_article(
        "デンマークの話\n\n"
        "この話は私どもに何を教えますか。\n"
        "第一に戦敗かならずしも不幸にあらざることを教えます。国は戦争に負けても亡びません。\n"
        "第二は天然の無限的生産力を示します。小国の富は土地の改良によって生まれます。\n"
    )
    answer = await OfflineEngine(article).factors(locale="ja")
    assert answer.text.startswith("記事は次の2点を順に挙げています：\n1. ")
    assert "要因" not in answer.text and answer.note is None


async def test_a_piece_without_a_list_answers_for_its_factors_with_its_key_points() -> None:
    """要因は？ on a piece that lists nothing gets what `factors` gives (its key points, and
    the note that says so), in the reader's language; "the second one?" then means the
    second key point, as `factor 2` gives it. Both used to be "not covered"."""
    text = (TEST_DATA / "jishin-zakkan.txt").read_text("utf-8")
    # Its first section lists four ways to study earthquakes (先ず第一には…第四には…); the
    # sections after it list nothing.
    head, _, sections = text.partition("一　地震の概念")
    engine = OfflineEngine(parse_article(head + sections[sections.index("二　震源") :]))
    assert not engine.factor_cues.enumerated
    listed = await engine.ask("要因は何？")
    expected = await engine.factors(locale="ja")
    assert listed.kind == "ask" and listed.text == expected.text and listed.grounded
    assert listed.text.startswith(message("no_enumeration", "ja"))
    second = await engine.ask("2つ目は？", [Turn("要因は何？", listed.text, listed.passages)])
    assert second.citations == (await engine.factor(2)).citations
    english = await engine.ask("What factors does the piece name?")
    assert message("no_enumeration", "en") in english.text
    # A question about a topic is searched, and an item asked with no list before it is not
    # taken for a key point.
    topic = await engine.ask("地震の原因は？")
    assert topic.text != listed.text
    alone = await engine.ask("2つ目は？")
    assert not alone.citations and alone.text == message("item_of_what", "ja")
    # Nor is the count searched for in the piece (二 matched any 二 and 第二 it writes).
    for question, lang in (("二つ目は？", "ja"), ("And the second one?", "en")):
        assert (await engine.ask(question)).text == message("item_of_what", lang)
    assert (await engine.ask("二つ目の源因は？")).text != message("item_of_what", "ja")


async def test_the_factor_list_needs_no_analysis_of_the_piece(any_article: Article) -> None:
    # Listing the factors reads the cues alone: the same items and announcement as the full
    # list, whose last item's reach needs the piece's analysis (seconds on a large piece).
    engine = OfflineEngine(any_article)
    cues = engine.factor_cues
    if cues.enumerated:
        await engine.factors()
        assert not engine._factor_list.done  # the analysis was not needed
    full = engine.factor_list
    assert (cues.enumerated, cues.announcement) == (full.enumerated, full.announcement)
    assert [(f.number, f.title, f.marker) for f in cues.factors] == [
        (f.number, f.title, f.marker) for f in full.factors
    ]


async def test_an_item_that_is_its_whole_sentence_is_said_once() -> None:
    """A step whose title is its whole sentence is not said twice (title, then quote); the
    quote keeps the step's own number, and a bullet's item is numbered by the list."""
    steps = parse_article(
        "お茶のいれ方\n\n手順は次のとおり。\n1. 湯を沸かして少し冷ます。\n"
        "2. 急須に茶葉を入れて湯を注ぐ。一分ほど蒸らして待つ。\n3. 湯飲みに最後の一滴まで注ぐ。\n"
    )
    answer = await OfflineEngine(steps).factor(2)
    assert (
        answer.text.splitlines()[0] == "2. 急須に茶葉を入れて湯を注ぐ。一分ほど蒸らして待つ。 [¶3]"
    )
    assert answer.text.count("急須に茶葉を入れて湯を注ぐ") == 1
    spaced = parse_article(
        "ぬか床\n\n手順は次のとおり。\n1. 塩水を作って冷ます。\n2. ぬかに塩水を混ぜる。\n"
        "3. 1日2回、底からかき混ぜる。\n"
    )
    answer = await OfflineEngine(spaced).factor(3)
    assert answer.text.splitlines()[0] == "3. 1日2回、底からかき混ぜる。 [¶4]"  # not 3. 3.
    bullets = parse_article(
        "投資の心得\n\nポイントは次の3つだ。\n・長期で保有すること。\n・手数料の低い商品を選ぶこと。\n"
        "・分散して投資すること。\n"
    )
    answer = await OfflineEngine(bullets).factor(2)
    assert answer.text.splitlines()[0] == "2. ・手数料の低い商品を選ぶこと。 [¶3]"
    assert_grounded(answer, bullets)
    # A title cut from its sentence (the predicate of 2つ目の要因は、…) still heads the quotes.
    article = parse_article(
        "物価\n\n物価が上がった要因は二つある。\n1つ目の要因は、円安が進んだことである。\n"
        "2つ目の要因は、燃料の価格が高騰したことである。\n"
    )
    answer = await OfflineEngine(article).factor(2)
    assert answer.text.splitlines()[0] == "2. 燃料の価格が高騰したこと"


@pytest.mark.parametrize("n", [0, 4, -1, 100])
async def test_unknown_factor_gives_the_valid_range(engine: OfflineEngine, n: int) -> None:
    with pytest.raises(InvalidRequest, match="from 1 to 3"):
        await engine.factor(n)


async def test_quotes(engine: OfflineEngine, article: Article) -> None:
    central = await engine.quotes(None, 3)
    assert_grounded(central, article)
    assert len(central.citations) == 3
    topical = await engine.quotes("制裁", 4)
    assert_grounded(topical, article)
    assert len(topical.citations) == 4
    assert all("制裁" in c.quote for c in topical.citations)
    nothing = await engine.quotes("量子コンピュータ", 2)
    assert not nothing.grounded and nothing.citations == ()
    # A topic in another language is looked for in its translation; the quotes stay verbatim.
    english = await engine.quotes("sanctions", 2)
    assert_grounded(english, article)
    assert english.text.startswith(message("quoted_in", "en", language_name="Japanese"))
    assert len(english.citations) == 2 and all("制裁" in c.quote for c in english.citations)
    with pytest.raises(InvalidRequest):
        await engine.quotes(None, 0)
    with pytest.raises(InvalidRequest):
        await engine.quotes(None, 11)


async def test_ask_finds_the_answering_passage(engine: OfflineEngine, article: Article) -> None:
    answer = await engine.ask("北朝鮮が初めて核実験をしたのは何年？")
    assert_grounded(answer, article)
    assert answer.grounded
    assert any("核実験" in c.quote and "2006" in c.quote for c in answer.citations)


@pytest.mark.parametrize(
    "question", ["日本の首相は誰ですか", "火星の気温は？", "Who won the 2018 World Cup?"]
)
async def test_ask_says_plainly_when_the_piece_does_not_cover_it(
    engine: OfflineEngine, question: str
) -> None:
    answer = await engine.ask(question)
    assert not answer.grounded and answer.citations == ()
    assert "does not cover" in answer.text or "記述がありません" in answer.text


async def test_follow_up_by_ordinal_uses_history(engine: OfflineEngine, article: Article) -> None:
    first = await engine.ask("ロシアと北朝鮮の接近の要因は？")
    history = [Turn("ロシアと北朝鮮の接近の要因は？", first.text, first.passages)]
    follow = await engine.ask("二つ目について詳しく", history)
    assert_grounded(follow, article)
    factor2 = await engine.factor(2)
    assert follow.citations == factor2.citations
    # Without the history the same words do not find the second factor.
    alone = await engine.ask("二つ目について詳しく")
    assert alone.citations != factor2.citations


async def asked(engine: OfflineEngine, question: str) -> tuple[Answer, list[Turn]]:
    """The answer to a first question, and the conversation it makes."""
    answer = await engine.ask(question)
    return answer, [Turn(question, answer.text, answer.passages)]


async def test_tell_me_more_continues_from_the_last_passages(
    engine: OfflineEngine, article: Article
) -> None:
    first, history = await asked(engine, "北朝鮮が初めて核実験をしたのは何年？")
    more = await engine.ask("もっと詳しく", history)
    assert_grounded(more, article)
    assert more.grounded
    assert set(more.passages) <= set(first.passages)
    assert not {c.quote for c in more.citations} & {c.quote for c in first.citations}


async def test_tell_me_more_reads_on_once_the_last_passages_are_quoted(
    engine: OfflineEngine, article: Article
) -> None:
    first, history = await asked(engine, "北朝鮮が初めて核実験をしたのは何年？")
    seen = set(first.passages)
    for _ in range(4):  # each "more" quotes something new, further on when it must
        more = await engine.ask("もっと詳しく", history)
        assert_grounded(more, article)
        assert more.grounded
        assert all(c.quote not in t.answer for t in history for c in more.citations)
        history.append(Turn("もっと詳しく", more.text, more.passages))
        seen |= set(more.passages)
    assert max(seen) > max(first.passages)


async def test_thanks_is_acknowledged_and_never_taken_for_more(
    engine: OfflineEngine, article: Article
) -> None:
    _, history = await asked(engine, "北朝鮮が初めて核実験をしたのは何年？")
    thanks = await engine.ask("ありがとう！", history)
    assert thanks.text == message("welcome", "ja") and not thanks.citations
    english = await engine.ask("thanks")  # first thing said, too
    assert english.text == message("welcome", "en") and not english.citations
    # After the thanks, "more" still means the last answer that quoted the piece.
    history.append(Turn("ありがとう！", thanks.text, ()))
    more = await engine.ask("続きは？", history)
    assert more.grounded and more.text.startswith(
        (message("more_from_previous", "ja"), message("reading_on", "ja"))
    )
    # Words the piece never uses are not covered, even after an answer (not "more" of it).
    unrelated = await engine.ask("ラーメンのおすすめは？", history[:1])
    assert not unrelated.citations


async def test_tell_me_more_with_nothing_said_asks_what_about(engine: OfflineEngine) -> None:
    """Said first, "tell me more" has no answer to go on from: it used to get "the piece does
    not cover this", which reads as if the piece had been searched for it."""
    for question, lang in (("もっと詳しく", "ja"), ("Tell me more", "en")):
        answer = await engine.ask(question)
        assert answer.text == message("more_of_what", lang) and not answer.citations
    # After a reply that quoted nothing (thanks), with no quoting answer before it: the same.
    thanks = await engine.ask("ありがとう")
    again = await engine.ask("続きは？", [Turn("ありがとう", thanks.text, ())])
    assert again.text == message("more_of_what", "ja")


@pytest.mark.parametrize(
    ("question", "message"),
    [("", "empty"), ("   \n\t ", "empty"), ("あ" * 1001, "1,000")],
)
async def test_bad_questions(engine: OfflineEngine, question: str, message: str) -> None:
    with pytest.raises(InvalidRequest, match=message):
        await engine.ask(question)


async def test_control_characters_and_markdown_are_harmless(
    engine: OfflineEngine, article: Article
) -> None:
    answer = await engine.ask("**制裁**\x00\x1b[31m の効果は？\u202e")
    assert_grounded(answer, article)
    assert "\x1b" not in answer.text and "\x00" not in answer.text


async def test_every_command_on_every_piece_cites_verbatim(any_article: Article) -> None:
    e = OfflineEngine(any_article)
    answers = [
        await e.summary("short"),
        await e.summary("long"),
        await e.factors(),
        await e.quotes(None, 5),
    ]
    count = len((await e.factors()).items)
    answers += [await e.factor(n) for n in range(1, count + 1)]
    for s in any_article.sentences[:: max(1, len(any_article.sentences) // 8)]:
        answers.append(await e.ask(s.text[:40]))
        answers.append(await e.quotes(s.text[:12], 2))
    for a in answers:
        assert_grounded(a, any_article)
    assert all(a.grounded for a in answers[:4])


async def test_a_piece_without_enumeration_falls_back_to_key_points() -> None:
    text = "\n".join(
        [
            "町の図書館は百年前に建てられた。建物は古いが、今も多くの人が通う。",
            "図書館には三万冊の本がある。子ども向けの本も多い。",
            "館長は新しい読書会を始めた。読書会は毎月開かれる。",
            "町の人々は図書館を大切にしている。",
        ]
    )
    article = parse_article(text)
    e = OfflineEngine(article)
    answer = await e.factors(locale="en")
    assert answer.note and "does not enumerate" in answer.note
    assert 1 <= len(answer.items) <= 3
    assert_grounded(answer, article)
    one = await e.factor(1, locale="en")
    assert_grounded(one, article)
    assert one.note == answer.note  # one key point says it is no listed factor, as the list does


@pytest.mark.parametrize(
    ("question", "lang"), [("この論考を書いたのは誰？", "ja"), ("Who wrote this piece?", "en")]
)
async def test_questions_about_the_piece_itself_are_answered_from_its_header(
    engine: OfflineEngine, article: Article, question: str, lang: str
) -> None:
    answer = await engine.ask(question)
    # No paragraph says who wrote it; the header's author line does, cited as ¶0.
    assert_grounded(answer, article)
    assert article.meta.author and answer.citations[0].quote == article.meta.author
    assert answer.passages == (HEADER_PASSAGE,) and "[¶0]" in answer.text


async def test_headings_too_short_to_quote_are_never_cited(
    any_article: Article, caplog: pytest.LogCaptureFixture
) -> None:
    # Some pieces have headings ("二　震源") as sentences: they support nothing, so the engine
    # never picks them, rather than picking them and losing the citation in verification.
    text = "\n".join(
        [
            "一　概要",
            "町の図書館は百年前に建てられた。建物は古いが、今も多くの人が通う。",
            "二　蔵書",
            "図書館には三万冊の本がある。子ども向けの本も多い。",
        ]
    )
    for article in (parse_article(text), any_article):
        e = OfflineEngine(article)
        with caplog.at_level("WARNING", logger="bot.core.grounding"):
            answers = [await e.summary("long"), await e.quotes(None, 10), await e.factors()]
            answers += [await e.ask("蔵書"), await e.ask("図書館の本は何冊？")]
        assert not caplog.records, caplog.records[0].getMessage()
        for a in answers:
            assert_grounded(a, article)
            assert all(len(c.quote) >= MIN_QUOTE_CHARS for c in a.citations)
            assert "一　概要" not in a.text and "二　蔵書" not in a.text


async def test_an_engine_let_go_is_freed_without_the_cyclic_collector(article: Article) -> None:
    # Pieces are prepared with the cyclic collector paused, then what is alive is frozen
    # (core.collector): an engine in a reference cycle, once out of the library, would stay.
    engine = OfflineEngine(article)
    engine.prepare()
    await engine.summary("short")
    await engine.factors()
    await engine.quotes("制裁", 2)
    await engine.ask("ロシアと北朝鮮の条約は何を定めている？")
    await engine.ask("Who is Timofeev?")
    gone = weakref.ref(engine)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        del engine
        # A worker thread lets go of the call it ran just after handing back its result, so
        # it may still hold the engine for a moment: give it a second, never the collector.
        for _ in range(100):
            if gone() is None:
                break
            await asyncio.sleep(0.01)
        assert gone() is None
    finally:
        if was_enabled:
            gc.enable()


async def test_an_unannounced_lists_items_are_asked_for_by_what_they_are_called() -> None:
    """A list the piece numbers without announcing it: its items are asked for by any name
    for items (the second step, 手順は？), or by the name its cues give them (最初の理由は…)."""
    steps = parse_article(
        "Two-factor sign-in\n\nIt adds a check when you sign in.\n"
        "1. Open the Settings page and choose Security.\n"
        "2. Scan the QR code with an authenticator app.\n"
        "3. Enter the six-digit code the app shows.\n"
    )
    engine = OfflineEngine(steps)
    second = await engine.ask("What is the second step?")
    assert second.citations == (await engine.factor(2)).citations
    listed = await engine.ask("What are the steps?")
    assert "1. Open the Settings page" in listed.text and len(listed.citations) == 3
    reasons = parse_article(
        "離職の理由\n\n新人の離職が続いている。\n最初の理由は、長時間労働である。\n"
        "二つ目の理由は、人間関係の悩みである。\n三つ目の理由は、給与への不満である。\n"
    )
    engine = OfflineEngine(reasons)
    answer = await engine.ask("2つ目の理由は？")
    assert [c.passage for c in answer.citations] == [3]
    assert "人間関係の悩み" in answer.text


async def test_list_items_too_short_to_quote_are_listed_uncited(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """1. 円安 is an item, but no quote: listed without a ¶ of its own, and `factor 1` says
    its title alone, rather than handing the grounder quotes it refuses."""
    text = "Prices\n\n物価が上がった要因は次の3つだ。\n1. 円安\n2. 燃料高\n3. 人手不足の深刻化\n"
    engine = OfflineEngine(parse_article(text))
    listed = await engine.factors()
    assert listed.text.splitlines()[1:4] == ["1. 円安", "2. 燃料高", "3. 人手不足の深刻化 [¶4]"]
    first = await engine.factor(1)
    assert first.text == "1. 円安" and not first.citations
    assert "lost" not in caplog.text
