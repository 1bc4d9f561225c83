"""Hits replaced by what they stand for: a section heading by its section's paragraphs, an
interviewer's question by its answer (`interview.stands_for`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from bot.core.article import Article
from bot.core.interview import Interview
from bot.core.retrieval import Hit


def answering(
    article: Article,
    hits: Sequence[Hit],
    stands_for: Mapping[int, Sequence[int]],
    interview: Interview,
    holds: Callable[[str], bool | None] = lambda text: None,
) -> list[Hit]:
    """`hits`, each section heading and each interviewer's question that is answered
    replaced by what it stands for (`stands_for`): the best ranked of those paragraphs, or
    failing that the first, scored as the better of the two; each paragraph once, where it
    first comes. When the question asks for a figure, a date or a value (`holds` of a text is
    not None: `asked_figure.holding_test`) and that paragraph does not hold one, the best
    ranked that does, or failing that the first that does: the heading names what is asked
    about, the line under it gives the value (車のお祓い, then • 受付時間：9:00〜15:30). A
    debater's turn that states something before asking (`Interview.stating`) stays after its
    answer: the question may ask what it states."""
    stating = interview.stating
    by_passage = {h.passage: h for h in hits}
    out: dict[int, Hit] = {}
    for hit in hits:
        found = [hit]
        if hit.passage in stands_for:
            paragraphs = stands_for[hit.passage]
            ranked = [h.passage for h in hits if h.passage in paragraphs]
            first = by_passage[ranked[0]] if ranked else article.paragraph(paragraphs[0])
            if holds(first.text) is False:
                holding = [n for n in paragraphs if holds(article.paragraph(n).text)]
                ranked = [n for n in ranked if n in holding] or holding[:1] or ranked
            answer = by_passage.get(ranked[0]) if ranked else None
            if answer is None:
                p = article.paragraph(ranked[0] if ranked else paragraphs[0])
                answer = Hit(p.number, p.start, p.end, p.text, 0.0, 0.0)
            found = [better(answer, hit), *([hit] if hit.passage in stating else [])]
        for hit in found:
            seen = out.get(hit.passage)
            out[hit.passage] = hit if seen is None else better(seen, hit)
    return list(out.values())


def better(hit: Hit, other: Hit) -> Hit:
    """`hit`, scored as the better of the two (an answer, and the question it answers)."""
    return replace(
        hit, score=max(hit.score, other.score), confidence=max(hit.confidence, other.confidence)
    )


def with_value(article: Article, hits: Sequence[Hit], giving: Sequence[int]) -> list[Hit]:
    """`hits`, the paragraphs `giving` the value asked (`Relevance.giving`: 電話番号は？ and
    the piece's one phone line) first, scored as the best."""
    if not giving or not hits:
        return list(hits)
    top = hits[0]
    first = []
    for n in giving:
        p = article.paragraph(n)
        first.append(Hit(p.number, p.start, p.end, p.text, top.score, top.confidence))
    return first + [h for h in hits if h.passage not in giving]
