"""Ranges a piece states that hold a figure a question gives: 「5歳の子どもに飲ませても大丈夫？」
is about the piece's 7歳未満, 「12歳の子は何錠？」 about its 11歳以上15歳未満.

A question's figure with its unit (5歳, 60kg, 3人) that the piece never writes as such would
otherwise be matched by its bare number, in any unit (5日間を超えて…). `in_ranges` rewrites the
question with the narrowest range of the piece, in the same unit, that holds the figure, as
the piece writes it. A range is a bound (7歳未満, 15歳以上, 65歳を超える), two bounds
(11歳以上15歳未満) or a span (3〜5人, 20から29歳), in English too (over 32 kg, up to 10 kg,
23 kg or less, 23.1 to 32 kg); read on the NFKC text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from bot.core.article import Article
from bot.core.normalize import loose_fold
from bot.core.once import once_per
from bot.core.vocabulary import folded_text

# A Latin unit is the whole of a word: the m of 5mm, 5mg or "5 minutes" is no metre.
_UNIT = (
    r"(?:歳|才|(?:kg|km|cm|mg|ml|g|m|lb|Wh)(?![A-Za-z])"
    r"|人|名|円|時間|分|日|か月|ヶ月|カ月|年|回|錠|度|階|個)"
)
# A number, its thousands set off by commas or not (1,500円, 1500円).
_NUMBER = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_START = r"(?<![0-9.])(?<![0-9],)"  # not inside a longer number
_LOW = r"(?:以上|超|を?超え(?:る|た)?|より(?:上|多い))"
_HIGH = r"(?:未満|以下|まで|より(?:下|少ない))"
# English bounds stand before the figure (over 32 kg, up to 10 kg); those that hold it: at
# least, up to, at most, no more than, not exceeding.
_EN_LOW = (
    r"(?:over|more than|above|heavier than|longer than|larger than|exceeding|exceeds?"
    r"|at least)"
)
_EN_HIGH = (
    r"(?:up to|under|less than|below|lighter than|shorter than|at most|no more than"
    r"|not exceeding)"
)
_EN_HOLDING = frozenset({"at least", "up to", "at most", "no more than", "not exceeding"})
# Or after it, holding it: 23 kg or less, 12 years or over (not "or so", "or two").
_OR_MORE = r"(?:more|over|above|greater|heavier|longer|larger)"
_OR_LESS = r"(?:less|fewer|under|below|lighter|shorter|smaller)"
# 3〜5人, 20から29歳, 23.1 to 32 kg, 100–160 Wh. (" to " is the spaces around it: the \s* before
# and after a span's "to" read them, once, in linear time on a long run of spaces.)
_TO = r"(?:[〜~\-－から]{1,2}|[–—]|(?<=\s)to(?=\s))"
# Read from a number's first digit only: tried inside a long run of digits (a constant's
# thousand places), each start would rescan the rest of the run. A unit is read with the
# spaces before it (a run of spaces after a number is read once, not once per split).
_BOUNDS = re.compile(
    rf"{_START}(?P<a>{_NUMBER})(?:\s*(?P<u1>{_UNIT}))?\s*(?P<lo>{_LOW})\s*"
    rf"(?P<b>{_NUMBER})\s*(?P<u2>{_UNIT})\s*(?P<hi>{_HIGH})"
    rf"|{_START}(?P<c>{_NUMBER})(?:\s*(?P<u3>{_UNIT}))?\s*{_TO}\s*(?P<d>{_NUMBER})\s*(?P<u4>{_UNIT})"
    rf"|{_START}(?P<e>{_NUMBER})\s*(?P<u5>{_UNIT})\s*(?P<one>{_LOW}|{_HIGH})"
    rf"|\b(?P<pre>(?i:(?:not?\s+)?(?:{_EN_LOW}|{_EN_HIGH})))\s+(?P<f>{_NUMBER})\s*(?P<u6>{_UNIT})"
    rf"|{_START}(?P<g>{_NUMBER})\s*(?P<u7>{_UNIT})\s+or\s+(?P<post>{_OR_MORE}|{_OR_LESS})\b"
)
# A figure a question gives, with its unit, not inside a longer number.
_GIVEN = re.compile(rf"{_START}(?P<n>{_NUMBER})\s*(?P<u>{_UNIT})")


class Range(NamedTuple):
    low: float
    high: float
    low_in: bool  # the low bound is inside the range (以上), not outside (超)
    high_in: bool
    unit: str
    text: str  # as the piece writes it (NFKC)

    def holds(self, x: float) -> bool:
        above = x >= self.low if self.low_in else x > self.low
        below = x <= self.high if self.high_in else x < self.high
        return above and below


# What a figure's number follows when it places rather than counts (第5回, the fifth; 4月8日,
# a day of a month; 10時30分, a time of day), for a unit or any: no amount a range holds.
_PLACING = {("第", None), ("月", "日"), ("時", "分")}


def _places(text: str, start: int, unit: str) -> bool:
    before = text[start - 1 : start]
    return (before, None) in _PLACING or (before, unit) in _PLACING


def _value(number: str) -> float:
    return float(number.replace(",", ""))


def _range(m: re.Match[str]) -> Range | None:
    text = m.group()
    units = {"a": m["u1"] or m["u2"], "b": m["u2"], "c": m["u3"] or m["u4"], "d": m["u4"]}
    units["e"], units["f"], units["g"] = m["u5"], m["u6"], m["u7"]
    if any(m[n] is not None and _places(m.string, m.start(n), u) for n, u in units.items()):
        return None  # 3月1日から20日まで: days of a month
    if m["b"] is not None:
        unit = m["u2"]
        if m["u1"] not in (None, unit):
            return None
        low, high = _value(m["a"]), _value(m["b"])
        return Range(low, high, m["lo"] == "以上", m["hi"] != "未満", unit, text)
    if m["d"] is not None:
        unit = m["u4"]
        if m["u3"] not in (None, unit):
            return None
        return Range(_value(m["c"]), _value(m["d"]), True, True, unit, text)
    if m["g"] is not None:
        x, unit = _value(m["g"]), m["u7"]
        if re.fullmatch(_OR_MORE, m["post"]):
            return Range(x, float("inf"), True, False, unit, text)
        return Range(float("-inf"), x, False, True, unit, text)
    if m["f"] is not None:
        x, unit, bound = _value(m["f"]), m["u6"], " ".join(m["pre"].lower().split())
        holds = bound in _EN_HOLDING
        if not holds and (negated := re.match(r"not? ", bound)):
            # not more than 7 kg is at most 7 kg; not less than 100 Wh, at least 100 Wh
            if re.fullmatch(_EN_HIGH, bound[negated.end() :]):
                return Range(x, float("inf"), True, False, unit, text)
            return Range(float("-inf"), x, False, True, unit, text)
        if re.fullmatch(_EN_LOW, bound):
            return Range(x, float("inf"), holds, False, unit, text)
        return Range(float("-inf"), x, False, holds, unit, text)
    x, unit, bound = _value(m["e"]), m["u5"], m["one"]
    if re.fullmatch(_LOW, bound):
        return Range(x, float("inf"), bound == "以上", False, unit, text)
    return Range(float("-inf"), x, False, bound != "未満", unit, text)


@once_per
def piece_ranges(article: Article) -> tuple[Range, ...]:
    """Every range the piece states (see the module docstring). Worked out once per article."""
    found: dict[str, Range] = {}
    for p in article.paragraphs:
        for m in _BOUNDS.finditer(unicodedata.normalize("NFKC", p.text)):
            r = _range(m)
            if r is not None and r.text not in found:
                found[r.text] = r
    return tuple(found.values())


@once_per
def _figures(article: Article) -> frozenset[tuple[float, str]]:
    """The figures with units the piece writes, as (value, unit)."""
    return frozenset(
        (_value(m["n"]), m["u"])
        for p in article.paragraphs
        for m in _GIVEN.finditer(unicodedata.normalize("NFKC", p.text))
    )


def _written(article: Article, x: float, unit: str) -> bool:
    return (x, unit) in _figures(article)


# Ages by the school stage that holds them, as a fare or a fee table names them (5歳 →
# 小学生未満); the ages a stage starts or ends at (6, 12, 15) belong to two, and are left.
_STAGES = (
    (0, 5, ("小学生未満", "未就学児", "未就学", "幼児")),
    (7, 11, ("小学生",)),
    (13, 14, ("中学生",)),
    (16, 17, ("高校生",)),
)


def _school_stage(age: float, article: Article) -> str | None:
    """The piece's word for the school stage an age is in (小学生未満 for 5), or None."""
    text = folded_text(article)
    for low, high, words in _STAGES:
        if low <= age <= high:
            return next((w for w in words if loose_fold(w) in text), None)
    return None


def in_ranges(question: str, article: Article) -> str:
    """`question` with each figure it gives that the piece never writes (5歳) replaced by the
    narrowest range of the piece that holds it (7歳未満), or an age by the school stage the
    piece names that holds it (小学生未満); unchanged if there is none."""
    text = unicodedata.normalize("NFKC", question)

    def narrowest(m: re.Match[str]) -> str:
        x, unit = _value(m["n"]), m["u"]
        if _written(article, x, unit) or _places(text, m.start("n"), unit):
            return m.group()
        holding = [r for r in piece_ranges(article) if r.unit == unit and r.holds(x)]
        if not holding:
            stage = _school_stage(x, article) if unit in ("歳", "才") else None
            return stage or m.group()
        return min(holding, key=lambda r: (r.high - r.low, len(r.text))).text

    rewritten = _GIVEN.sub(narrowest, text)
    return question if rewritten == text else rewritten
