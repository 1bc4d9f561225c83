"""The figure a question asks for (何歳, いくら, How much…) or its date (いつ), first: in the
passages ranked (and a figure in the sentences picked), when nearly as good a match holds it,
or a line labelled with a name the question writes (工事費：…), and the best holds none.

入学金：250,000円 matches 「合格したら入学金はいくら払う？」 by one word, less than 合格者には
合格通知書を郵送します matches it by two; it is the answer (`extract.has_figure`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from bot.core.article import Article
from bot.core.entries import LABELLED
from bot.core.enumeration import LINE_MARKS
from bot.core.extract import has_figure, holds_answer
from bot.core.normalize import loose_fold
from bot.core.question import QuestionInfo
from bot.core.relevance import NEAR
from bot.core.retrieval import Hit
from bot.core.values import as_read, asked_value

_FEE_SUFFIXES = ("費", "料", "代", "賃")  # 工事費, 利用料, 電気代, 運賃: what is paid for


def asked_for(text: str, question: str, info: QuestionInfo) -> bool | None:
    """Whether `text` holds what `question` asks for: a figure with the unit or measure it
    asks for (`extract.has_figure`), or a date when it asks when; None when it asks neither."""
    figure = has_figure(text, question)
    if figure is None and info.kind == "date":
        return holds_answer(text, info, question)
    return figure


def holding_test(question: str, info: QuestionInfo) -> Callable[[str], bool | None]:
    """The test of whether a text holds what `question` asks for: a value it asks for by
    name (電話番号, 何時: `values.asked_value`), else `asked_for`."""
    gives = asked_value(question)
    if gives is None:
        return partial(asked_for, question=question, info=info)
    return lambda text: gives(as_read(text))


def figure_first(hits: Sequence[Hit], question: str, info: QuestionInfo) -> list[Hit]:
    """`hits`, those holding what `question` asks for (`asked_for`; `info`: its analysis) and
    scoring at least NEAR of the best first, when the best holds none (else as ranked)."""
    if not hits or asked_for(hits[0].text, question, info) is not False:
        return list(hits)
    top = hits[0].score
    first = [
        h
        for h in hits[1:]
        if (h.score >= NEAR * top or _labelled_as_asked(h.text, question))
        and asked_for(h.text, question, info)
    ]
    return first + [h for h in hits if h not in first]


def _labelled_as_asked(text: str, question: str) -> bool:
    """Whether `text` is a line labelled with a name the question writes whole (工事費：約2億円
    for 今回の工事費はいくらですか), or, for a fee, the thing it is paid for (工事にはいくら
    かかるの？): the line the piece gives that value on, however much more a sentence about
    the same thing matches the question's other words."""
    m = LABELLED.match(text.strip())
    if m is None or "\n" in text.strip():
        return False
    label = loose_fold(m.group(1)).strip(LINE_MARKS)
    asked = loose_fold(question)
    paid_for = label[:-1] if label.endswith(_FEE_SUFFIXES) else ""
    return (len(label) >= 2 and label in asked) or (len(paid_for) >= 2 and paid_for in asked)


def with_figure(
    article: Article, picked: Sequence[int], candidates: Sequence[int], best: Hit, question: str
) -> list[int]:
    """The sentences `picked`, or, when none holds the figure `question` asks for, the first
    of the best passage's `candidates` that does before them."""
    sentences = article.sentences
    if any(has_figure(sentences[i].text, question) for i in picked):
        return list(picked)
    allowed = set(candidates)
    holding = [
        s.index
        for s in article.sentences_within(best.start, best.end)
        if s.index in allowed and has_figure(s.text, question)
    ]
    return [holding[0], *picked] if holding else list(picked)
