"""Selection: the bounded MMR search picks what trying every candidate picks."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from bot.core.article import Article, parse_article
from bot.core.centrality import cosine
from bot.core.files import load_article
from bot.core.interview import find_interview
from bot.core.structure import epigraph, headings, points_back
from bot.engines.offline.engine import OfflineEngine
from bot.engines.offline.factors import find_factors
from bot.engines.offline.summary import _REDUNDANCY, Analysis
from bot.library.formats import read_file, to_article
from tests.conftest import SHARED_PIECES, TEST_DATA
from tests.core.test_interview import INTERVIEW
from tests.core.test_mail import THREAD


def exhaustive_pick(
    analysis: Analysis,
    candidates: Sequence[int],
    score: Sequence[float],
    *,
    count: int,
    chars: int | None,
    spread: float,
) -> list[int]:
    """MMR by trying every candidate in every round (what `pick` must equal)."""
    sentences, vectors = analysis.article.sentences, analysis.vectors
    pool = set(candidates) & analysis.prose
    picked: list[int] = []
    used = 0
    while pool and len(picked) < count:

        def mmr(i: int) -> float:
            overlap = max((cosine(vectors[i], vectors[j]) for j in picked), default=0.0)
            same = any(sentences[j].paragraph == sentences[i].paragraph for j in picked)
            return score[i] - _REDUNDANCY * overlap - spread * same

        best = max(pool, key=lambda i: (mmr(i), -i))
        pool.discard(best)
        size = len(sentences[best].text)
        if chars is not None and picked and used + size > chars:
            continue
        picked.append(best)
        used += size
    return picked


@pytest.mark.parametrize("seed", range(20))
def test_pick_equals_the_exhaustive_search(any_article: Article, seed: int) -> None:
    analysis = Analysis(any_article)
    rng = random.Random(seed)
    n = len(any_article.sentences)
    # Centrality itself, and random scores with many ties (rounded) to test the tie-break.
    score = analysis.centrality if seed % 2 else [round(rng.random(), 1) for _ in range(n)]
    candidates = rng.sample(range(n), k=max(1, n // (1 + seed % 3)))
    kwargs = {"count": 1 + seed % 8, "chars": rng.choice([None, 300, 900]), "spread": seed % 3 / 4}
    assert analysis.pick(candidates, score, **kwargs) == exhaustive_pick(
        analysis, candidates, score, **kwargs
    )


def test_summaries_and_key_points_pick_from_the_pieces_own_prose(any_article: Article) -> None:
    """Never a section heading (it supports nothing) nor an opening epigraph (not the piece's
    own words): on 地震雑感 the summary used to open with 「一　地震の概念」, and on
    デンマルク国の話 with a verse of Isaiah."""
    analysis = Analysis(any_article)
    aside = headings(any_article) | {epigraph(any_article, headings(any_article))}
    picked = analysis.summary("long", find_factors(any_article)) + analysis.key_points()
    assert picked
    assert all(any_article.sentences[i].paragraph not in aside for i in picked)
    assert analysis.prose <= analysis.quotable


async def test_a_piece_whose_only_words_are_its_epigraph_is_still_quoted() -> None:
    piece = parse_article(
        "Quote\n\nThe unexamined life is not worth living for any of us. — Socrates\nOk.\nYes.\n"
    )
    analysis = Analysis(piece)
    assert analysis.prose == analysis.quotable != frozenset()
    engine = OfflineEngine(piece)
    for answer in (await engine.summary("short"), await engine.quotes(None)):
        assert answer.grounded and "unexamined life" in answer.text


async def test_an_email_threads_summary_quotes_its_messages_only() -> None:
    # A thread's summary quoted its header block, a signature, a quoted copy of an earlier
    # message and いつもお世話になっております。
    piece = parse_article(THREAD)
    answer = await OfflineEngine(piece).summary("long")
    assert answer.grounded and "打ち合わせ" in answer.text
    # A salutation heads nothing and supports nothing: never quoted.
    salutation = next(p for p in piece.paragraphs if p.text == "小野寺様")
    assert not {s.index for s in salutation.sentences} & Analysis(piece).quotable
    for noise in (
        "件名",
        "差出人",
        "03-5555",
        "> 小野寺",
        "> 打ち合わせ",
        "お世話になっております",
    ):
        assert noise not in answer.text


@pytest.mark.skipif(not SHARED_PIECES.is_dir(), reason="needs ../shared/pieces")
def test_key_points_stand_alone() -> None:
    # 「それは人間の団体…」 was a key point of 天災と国防, quoted apart from what "it" is.
    analysis = Analysis(load_article(SHARED_PIECES / "tensai-to-kokubou.txt"))
    texts = [analysis.article.sentences[i].text for i in analysis.key_points()]
    assert texts and not any(points_back(t) for t in texts)


def test_list_fragments_are_not_key_points_of_prose() -> None:
    # A how-to's ingredient lines were its first key point and summary sentences.
    piece = parse_article(
        "How to bake a loaf\n\n"
        "This guide walks you through a simple sourdough loaf for beginners. It takes a day.\n"
        "What you need\n"
        "- 100 g active sourdough starter\n- 375 g water at about 27 °C\n"
        "- 500 g strong white bread flour\n- 10 g fine salt\n- A Dutch oven with a lid\n"
        "Steps\n"
        "Feed your starter the night before, so that it is bubbly by morning.\n"
        "Mix the starter, water and flour in a large bowl until no dry flour remains.\n"
        "Add the salt and squeeze it through the dough with wet hands.\n"
        "Let the dough rise at room temperature until it has grown by about half.\n"
        "Preheat the oven with the Dutch oven inside to 250 °C for one hour.\n"
        "Bake the loaf covered for 20 minutes, then uncover it and bake for 25 more minutes.\n"
        "Wait at least two hours before slicing.\n"
    )
    analysis = Analysis(piece)
    for picked in (analysis.key_points(), analysis.summary("short", find_factors(piece))):
        texts = [piece.sentences[i].text for i in picked]
        assert texts and not any(t.startswith("- ") for t in texts), texts


async def test_an_interviewer_s_questions_are_no_summary_key_point_or_quote() -> None:
    # An interview's summary quoted the interviewer's questions (――…は。) as what it said.
    piece = parse_article(INTERVIEW)
    asked = find_interview(piece).questions
    engine = OfflineEngine(piece)
    analysis = engine.analysis
    for length in ("short", "medium", "long"):
        picked = analysis.summary(length, find_factors(piece))
        assert picked and not asked & {piece.sentences[i].paragraph for i in picked}
    answers = [
        await engine.summary(),
        await engine.factors(),
        await engine.quotes(),
        await engine.quotes("パン"),  # the questions' words too: ――パン職人になった…
        await engine.factor(1),
    ]
    for answer in answers:
        cited = {c.passage for c in answer.citations}
        assert cited and not asked & cited, answer.text
        lines = [line.lstrip("0123456789. 「") for line in answer.text.splitlines()]
        assert not any(line.startswith("――") for line in lines)


def test_a_schedule_s_lines_weigh_less_in_a_summary_than_what_the_piece_says() -> None:
    article = parse_article(
        "公民館だより\n\n"
        "今月は講座を三つ開きます。どの講座も参加は無料です。\n\n"
        "書道教室は先生が代わり、来月から土曜日の午前に移ります。\n\n"
        "6月の予定\n\n"
        "6月2日（月）　書道教室（和室）\n\n"
        "6月9日（月）　作品展（ホール）\n\n"
        "6月20日（金）　映画会（ホール）\n\n"
        "6月27日（金）　書道教室（和室）\n"
    )
    weights = Analysis(article)._alone
    scheduled = [s.index for s in article.sentences if s.paragraph >= 5]
    assert all(weights[i] < 1 for i in scheduled)
    assert all(weights[s.index] == 1 for s in article.sentences if s.paragraph < 3)


async def test_a_sentence_quoted_from_inside_a_speakers_turn_names_the_speaker() -> None:
    # 「それでも…4億円ほど安くなる」 was quoted with no word of who said it.
    piece = parse_article(
        "座談会\n\n"
        "司会：まず数字から教えてください。みさき線の状況はどうですか。\n"
        "佐藤：輸送密度は1日312人です。目安の10分の1以下です。\n"
        "司会：バスにすると費用はどうなりますか。\n"
        "佐藤：除雪費は年間約4,000万円を見込んでいます。それでも鉄道を維持するより、年間で4億円ほど安くなるという計算です。\n"
        "司会：村井さんはどう考えますか。\n"
        "村井：4億円安くなっても、人が町から出て行ったら意味がないんです。\n"
    )
    analysis = Analysis(piece)
    inside = next(s for s in piece.sentences if s.text.startswith("それでも"))
    opening = next(s for s in piece.sentences if s.text.startswith("佐藤：除雪費"))
    assert analysis.compose([inside.index])[0] == f"[佐藤] {inside.text} [¶{inside.paragraph}]"
    # A turn's opening sentence shows its label itself: nothing is added.
    assert analysis.compose([opening.index, inside.index])[0].startswith("佐藤：除雪費")


def test_quoted_lines_of_one_paragraph_keep_the_pieces_line_break() -> None:
    # A chat's messages, quoted together, are shown on their own lines as the piece has
    # them: glued, 「いいかな？22:42 山田恵 …」 was no line of the piece.
    path = TEST_DATA / "unseen8" / "p2_chat.txt"
    article = to_article(read_file(path), path=path)
    analysis = Analysis(article)
    day = next(p for p in article.paragraphs if p.text.count("\n") >= 3)
    text, cites = analysis.compose([s.index for s in day.sentences])
    lines = text.removesuffix(f" [¶{day.number}]").splitlines()
    assert len(lines) == day.text.count("\n") + 1
    assert all(line in day.text.splitlines() for line in lines)
    assert all(article.text[c.start : c.end] == c.quote for c in cites)
