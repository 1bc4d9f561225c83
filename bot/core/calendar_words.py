"""Days a question names that a piece gives only as dates: a reader's お盆 is the piece's
8月13日〜16日, 大みそか its 12月31日, 年末年始 its 12月29日〜1月3日, 平日 its 月曜日・火曜日・
木曜日・金曜日, 冬 its 12月〜3月.

`on_dates` rewrites the question with the dates the piece writes that fall in the named
days, as the piece writes them, when the piece never writes the name itself; as
`ranges.in_ranges` does with a figure. 平日, 土日 and 週末 become the days of the week the
piece lists together, after the name where the piece writes it too. The names and their
days are the common Japanese calendar's (お盆 is taken as 8月13日〜16日, the usual span; a
piece's own wider span overlaps it); read on the NFKC text.
"""

from __future__ import annotations

import re
import unicodedata

from bot.core.article import Article
from bot.core.once import once_per
from bot.core.scripts import KANJI
from bot.core.tokenize import morphemes

Day = tuple[int, int]  # month, day
# A name of days → the first and the last of them (a span may wrap past 12月31日).
NAMED: dict[str, tuple[Day, Day]] = {
    **dict.fromkeys(("大みそか", "大晦日", "おおみそか"), ((12, 31), (12, 31))),
    **dict.fromkeys(("元日", "元旦"), ((1, 1), (1, 1))),
    **dict.fromkeys(("三が日", "正月"), ((1, 1), (1, 3))),
    "年末年始": ((12, 29), (1, 3)),
    "お盆": ((8, 13), (8, 16)),
    **dict.fromkeys(("ゴールデンウィーク", "GW"), ((4, 29), (5, 5))),
    "クリスマスイブ": ((12, 24), (12, 24)),
    "クリスマス": ((12, 24), (12, 25)),
}
# A season, named by one kanji: a word of its own only (not 春 of 春日部).
SEASONS: dict[str, tuple[Day, Day]] = {
    "春": ((3, 1), (5, 31)),
    "夏": ((6, 1), (8, 31)),
    "秋": ((9, 1), (11, 30)),
    "冬": ((12, 1), (2, 28)),
}
# A name of days of the week → the days it names.
WEEKDAYS: dict[str, str] = {"平日": "月火水木金", "土日": "土日", "週末": "土日"}

_DATE = r"(?P<m>1[0-2]|0?[1-9])月(?P<d>3[01]|[12][0-9]|0?[1-9])日(?:\s*[(（][^)）]{1,4}[)）])?"
_TO = r"\s*(?:〜|～|~|-|–|—|から)\s*"
_SPAN = re.compile(
    rf"(?<![0-9]){_DATE}(?:{_TO}(?:(?P<m2>1[0-2]|0?[1-9])月)?(?P<d2>3[01]|[12][0-9]|0?[1-9])日)?"
    rf"|(?<![0-9])(?P<mm>1[0-2]|0?[1-9])月{_TO}(?P<mm2>1[0-2]|0?[1-9])月(?![0-9])"
)
# Days of the week listed together: 月曜日・火曜日・木曜日・金曜日, 土曜〜日曜 (not 月・水: a
# month's kanji alone).
_DAY_LIST = re.compile(r"(?:[月火水木金土日]曜日?\s*[・、,〜～\-–]\s*)+[月火水木金土日]曜日?")
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _ordinal(day: Day) -> int:
    """The day's place in a leap year, 1 to 366."""
    month, d = day
    return sum(_MONTH_DAYS[: month - 1]) + min(d, _MONTH_DAYS[month - 1])


def _days(first: Day, last: Day) -> set[int]:
    """The days from `first` to `last`, past the year's end if `last` comes before."""
    a, b = _ordinal(first), _ordinal(last)
    return set(range(a, b + 1)) if a <= b else set(range(a, 367)) | set(range(1, b + 1))


@once_per
def _plain(article: Article) -> str:
    """The piece's text, NFKC: what the names, dates and days are read on."""
    return unicodedata.normalize("NFKC", article.text)


@once_per
def _listed(article: Article) -> str:
    """The piece's lists of days of the week (`_DAY_LIST`), one after another."""
    return " ".join(_DAY_LIST.findall(_plain(article)))


@once_per
def _spans(article: Article) -> list[tuple[str, set[int]]]:
    """The piece's dates and spans of dates (8月13日〜16日, 12月〜3月), each as written with
    the days it covers."""
    out = []
    for m in _SPAN.finditer(_plain(article)):
        if m["mm"]:
            first, last = (int(m["mm"]), 1), (int(m["mm2"]), 31)
        else:
            first = (int(m["m"]), int(m["d"]))
            last = (int(m["m2"] or m["m"]), int(m["d2"])) if m["d2"] else first
            if not m["m2"] and last[1] < first[1]:
                last = (first[0] % 12 + 1, last[1])  # 8月30日〜2日 ends in September
        out.append((m.group(), _days(first, last)))
    return out


def _weekdays(days: str, text: str) -> list[str]:
    """The days of the week among `days` as the piece writes them (月曜日, else 月曜)."""
    for suffix in ("曜日", "曜"):
        found = [d + suffix for d in days if d + suffix in text]
        if found:
            return found
    return []


def _writes(text: str, name: str) -> bool:
    """Whether the piece writes the name: a one-kanji season not as the head of a word (冬,
    2024年夏; not the 冬 of 冬季, which names the season its own way)."""
    if len(name) > 1:
        return name in text
    return re.search(f"{name}(?![{KANJI}])", text) is not None


def on_dates(question: str, article: Article) -> str:
    """`question` with each name of days it gives that the piece never writes replaced by the
    piece's dates that fall in them, and each name of days of the week by the days the piece
    lists (after the name, where the piece writes it); unchanged if there are none."""
    asked = out = unicodedata.normalize("NFKC", question)
    if not any(name in out for name in (*NAMED, *SEASONS, *WEEKDAYS)):
        return question
    text = _plain(article)
    named = {**NAMED, **SEASONS}
    for name in sorted(named, key=len, reverse=True):
        if name not in out or _writes(text, name):
            continue
        meant = _days(*named[name])
        said = [written for written, days in _spans(article) if days & meant]
        if said:
            out = _replaced(out, name, f" {' '.join(dict.fromkeys(said))} ")
    for name, days in WEEKDAYS.items():
        if name not in out:
            continue
        # The days the piece lists together (月曜日・火曜日・木曜日・金曜日, a table's header),
        # not those it names apart (定休日は水曜日, 木曜日が祝日の場合は…); with the name
        # itself where the piece writes it too (平日 in one line, the days in another).
        said = _weekdays(days, _listed(article))
        if said:
            kept = [name] if _writes(text, name) else []
            out = out.replace(name, f" {' '.join((*kept, *said))} ")
    return question if out == asked else out.strip()


def _replaced(question: str, name: str, by: str) -> str:
    """`question` with `name` replaced by `by` where it is a word: a season's kanji only as a
    word of its own to the tagger (冬は, not 春 of 春日部), a name in Latin letters not inside
    a longer word or after a figure (GW, not that of GWh or 5GW)."""
    if name in SEASONS:
        parts, at = [], 0
        for m in morphemes(question):
            start = question.find(m.surface, at)
            if start < 0:
                continue
            end = start + len(m.surface)
            parts += [question[at:start], by if m.surface == name else m.surface]
            at = end
        return "".join(parts) + question[at:]
    if name.isascii():
        return re.sub(rf"(?<![0-9A-Za-z]){name}(?![0-9A-Za-z])", by, question)
    return question.replace(name, by)
