"""Schedules: a piece's lines that open with a day (10月26日（月）…, 2026/11/3 …), which name
events rather than say something of them, and are neither headings nor prose."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bot.core.article import Article, Paragraph

# A line opening with a day (10月26日（月）…, 2026/11/3 …, 11/7（土）…): a schedule's entry.
# A month and a day in range; with slashes, after a year or before a weekday in brackets
# (not 3/4 of our matches, 24/7, 50/50).
_MONTH, _DAY = r"(?:1[0-2]|0?[1-9])", r"(?:3[01]|[12][0-9]|0?[1-9])"
_DATED = re.compile(
    rf"(?:[0-9]{{4}}\s*年\s*)?{_MONTH}\s*月\s*{_DAY}\s*日"
    rf"|[0-9]{{4}}([/.\-]){_MONTH}\1{_DAY}(?![0-9])|{_MONTH}/{_DAY}\s*[（(][月火水木金土日]"
)


def dated(text: str) -> bool:
    """Whether a paragraph opens with a day (`_DATED`), as a schedule's entries do."""
    return _DATED.match(unicodedata.normalize("NFKC", text[:24]).lstrip()) is not None


# What may follow a day on a line that is only the day: its weekday, a time.
_DAY_ONLY_REST = re.compile(
    r"\s*+(?:[（(][月火水木金土日](?:曜日?)?(?:・?祝日?)?[）)])?\s*+"
    r"(?:[0-9]{1,2}[:：][0-9]{2}|[0-9]{1,2}時(?:[0-9]{1,2}分)?)?\s*+"
)


def day_only(text: str) -> bool:
    """Whether a line is a day and nothing else (3月22日（土）, 2026/3/22 10:00): the header of
    a diary's or a log's entry, not an entry of a schedule."""
    text = unicodedata.normalize("NFKC", text).strip()
    m = _DATED.match(text)
    return m is not None and _DAY_ONLY_REST.fullmatch(text, m.end()) is not None


def schedule_entries(article: Article) -> frozenset[int]:
    """The ¶ numbers of a schedule's entries: lines opening with a day among other such
    lines (`in_a_dated_run`), which name events rather than say something of them."""
    ps = article.paragraphs
    return frozenset(p.number for i, p in enumerate(ps) if in_a_dated_run(ps, i))


def in_a_dated_run(ps: Sequence[Paragraph], i: int) -> bool:
    """Whether paragraph `i` opens with a day, as the line above or below it does: an entry
    of a schedule (10月26日（月）～11月6日（金）　読書週間 between two other days' lines), not a
    heading, whatever its neighbours end with."""
    around = (ps[j].text for j in (i - 1, i + 1) if 0 <= j < len(ps))
    return dated(ps[i].text) and any(dated(text) for text in around)
