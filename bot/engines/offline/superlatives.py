"""The row of a table a question picks by a superlative: the most or the least of a column
(港からいちばん遠い島は？ → the row of 4マス under 港からの距離; Which tomato gives the
earliest harvest? → the fewest days to first harvest), or the first or the last by a column
of days or times (いちばん最後の日は？ of a table of dates, 朝いちばんの番組は？ of a timetable).

The table is the one the search's best passages belong to; the column is the one whose name
shares a word with the question, or names the measure the superlative's word asks for (遠い:
距離; 安い: 料金). A table written across (運転音 | 約60dB | 約58dB | 約55dB, the measure as
its first cell, the things compared as its columns) answers with that row itself. The
answer quotes the header row and the row picked, so the reader sees what each cell is.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from bot.core.article import Article
from bot.core.retrieval import RERANK_DEPTH, Hit
from bot.core.structure import CELL
from bot.core.tokenize import morph_tokens
from bot.engines.offline.asking import Asker
from bot.engines.offline.query import Query

logger = logging.getLogger(__name__)

# A superlative: its word, and whether it picks the most (1), the least (-1), the last
# ("last") or the first ("first"): the most or the least of a column of days or times.
# Japanese after いちばん, 一番, 最も (遠い, 安い, 最後の); English as one word (earliest),
# most expensive, or the most, asking a count (the most seeds); nothing is asked by least.
_MOST, _LEAST, _LAST, _FIRST = 1, -1, "last", "first"
_JA_WORDS: tuple[tuple[str, int | str, str], ...] = (
    # (the word's stem, the pick, the measure its column is named by)
    ("遠", _MOST, "距離/マス|km|キロ|分"),
    ("近", _LEAST, "距離/マス|km|キロ|分"),
    ("高", _MOST, "料金|価格|値段|代|費|賃|高さ/円|m"),
    ("安", _LEAST, "料金|価格|値段|代|費|賃/円"),
    ("低", _LEAST, "料金|価格|高さ/円|m"),
    ("長", _MOST, "長さ|時間|期間|日数/分|日|cm|m"),
    ("短", _LEAST, "長さ|時間|期間|日数/分|日|cm|m"),
    ("多", _MOST, "数|量/人|件|本|個|枚"),
    ("少な", _LEAST, "数|量/人|件|本|個|枚"),
    ("大き", _MOST, "大きさ|サイズ|容量/cm|m|l"),
    ("小さ", _LEAST, "大きさ|サイズ|容量/cm|m|l"),
    ("重", _MOST, "重さ|重量/kg|g"),
    ("軽", _LEAST, "重さ|重量/kg|g"),
    ("静か", _LEAST, "音/db"),
    ("うるさ", _MOST, "音/db"),
    ("早", _FIRST, "日|時|期間|時間/時|日"),
    ("遅", _LAST, "日|時|期間|時間/時|日"),
    ("最後", _LAST, "日付|日程|日にち|日時|期日|開催日|実施日|期間|年月/日"),
    ("最初", _FIRST, "日付|日程|日にち|日時|期日|開催日|実施日|期間|年月/日"),
    ("新し", _LAST, "日|年|時/年|日"),
    ("古", _FIRST, "日|年|時/年|日"),
)
# The words after いちばん that may hold the superlative's word (いちばん音が静かな機種).
_JA_ASKED = re.compile(r"(?:いちばん|一番|最も|もっとも)\s*([^\s、。？?]{1,6})")
# What the superlative's word says of, written before it (音 of 音が静か, 人気 of 人気の高い),
# and the end of any measure or unit a column is named by: 人気 is none (いちばん人気の高い
# is no price), 人 is one (いちばん人の多い日).
_OF = re.compile(r"(\w+)[がの]$")
_MEASURES = re.compile(
    "(?:" + "|".join(m.replace("/", "|").strip("|") for _, _, m in _JA_WORDS) + ")$"
)
_MORNING = re.compile(r"朝(?:いちばん|一番)")  # first thing in the morning: the first row
_EN_WORDS: tuple[tuple[str, int | str, str], ...] = (
    ("earliest", _LEAST, "day|date|time|week|month/days?|weeks?"),
    ("soonest", _LEAST, "day|date|time|week|month/days?|weeks?"),
    ("latest", _MOST, "day|date|time|week|month/days?|weeks?"),
    ("cheapest", _LEAST, "price|cost|fee/"),
    ("most expensive", _MOST, "price|cost|fee/"),
    ("highest", _MOST, "height|price|cost/m|cm"),
    ("tallest", _MOST, "height/m|cm"),
    ("lowest", _LEAST, "height|price|cost/"),
    ("longest", _MOST, "length/cm|m"),
    ("shortest", _LEAST, "length/cm|m"),
    ("largest", _MOST, "size|capacity|area|seats/"),
    ("biggest", _MOST, "size|capacity|area|seats/"),
    ("smallest", _LEAST, "size|capacity|area|seats/"),
    ("heaviest", _MOST, "weight/kg|g"),
    ("lightest", _LEAST, "weight/kg|g"),
    ("farthest", _MOST, "distance/miles|km"),
    ("furthest", _MOST, "distance/miles|km"),
    ("nearest", _LEAST, "distance/miles|km"),
    ("closest", _LEAST, "distance/miles|km"),
    ("quietest", _LEAST, "noise/db"),
    ("loudest", _MOST, "noise/db"),
    ("fewest", _LEAST, "number|seeds|people|count/"),
    ("the most", _MOST, "number|seeds|people|count/"),
)
# The first figure of a cell: a date (2024年4月25日, 4月25日) and its time, a time (6:00), or
# a number (1,320, 3.5).
# (午後2時 and 2 p.m. after 午前10時; 10時半; a date as 4月25日 or 2024/4/25; −5℃ below 3℃)
_TIME = re.compile(
    r"(?P<half>午前|午後)?\s*(?<![0-9.])(?P<hour>[0-9]{1,2})"
    r"(?:(?::(?P<min>[0-9]{2})|\.(?P<dot>[0-9]{2})(?=\s*[ap]\.?m\b)"
    r"|時(?!間)(?:(?P<fun>[0-9]{1,2})分|(?P<han>半))?)(?:\s*(?P<ap>[ap])\.?m\b)?"
    r"|\s*(?P<ap2>[ap])\.?m\b)",
    re.I,
)
_DATE = re.compile(
    r"(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})日"
    r"|(?<![0-9/])(?:([0-9]{4})/)?([0-9]{1,2})/([0-9]{1,2})(?![0-9/])"
)
_NUMBER = re.compile(r"(?:[-−‐–]|マイナス)?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")


def superlative(question: str) -> tuple[int | str, str, str] | None:
    """The superlative a question asks by: (its pick, its word, its measure), or None."""
    q = question.casefold()
    if _MORNING.search(q):
        return _FIRST, "朝", "時間|時刻/"
    if m := _JA_ASKED.search(q):
        after = m.group(1)
        # (an adjective, not its measure named: 高い, not 高さ of いちばん薄いのは高さ何センチ)
        at = [
            (m.start(), stem, pick, measure)
            for stem, pick, measure in _JA_WORDS
            if (m := re.search(rf"{stem}(?!さ)", after))
        ]
        found = min(at, default=None)
        of = _OF.search(after[: found[0]]) if found is not None else None
        if found is not None and (of is None or _MEASURES.search(of.group(1))):
            return found[2], found[1], found[3]
    for word, pick, measure in _EN_WORDS:
        if re.search(rf"\b{word}\b", q):
            return pick, word, measure
    return None


def _value(cell: str) -> float | None:
    """A cell's first figure as a number to compare: a date as 10000 × year + 100 × month +
    day (then, with a time, in minutes: 5月20日 10:00 after 5月10日 14:00), minutes of a time,
    else its number; None for a cell without one."""
    cell = cell.replace("，", ",")
    minutes = _minutes(_TIME.search(cell))
    if m := _DATE.search(cell):
        year, month, day = (int(g or 0) for g in (m[1] or m[4], m[2] or m[5], m[3] or m[6]))
        date = year * 10000 + month * 100 + day
        return date if minutes is None else date * 24 * 60 + minutes
    if minutes is not None:
        return minutes
    if m := _NUMBER.search(cell):
        number = re.sub(r"^(?:[-−‐–]|マイナス)", "-", m.group())
        return float(number.replace(",", ""))
    return None


def _minutes(time: re.Match[str] | None) -> int | None:
    """Minutes after midnight of a time `_TIME` found (午後2時半 → 870, 9.30pm → 1290), or
    None (none found, or no hour of a day)."""
    if time is None or int(time["hour"]) > 24:
        return None
    hour = int(time["hour"])
    minute = 30 if time["han"] else int(time["min"] or time["dot"] or time["fun"] or 0)
    afternoon = time["half"] == "午後" or (time["ap"] or time["ap2"] or "").lower() == "p"
    return (hour + 12 if afternoon and hour < 12 else hour) * 60 + minute


def asked_row(asker: Asker, query: Query, question: str) -> list[int] | None:
    """The header row and the row a superlative question picks (`superlative_row`), among
    the piece's tables, for a question in the piece's language naming nothing the piece
    never writes (日本でいちばん長い川は？ of a timetable picks no row)."""
    asked = superlative(question)
    if asked is None or query.translated:
        return None
    missing = asker.relevance.vocabulary.check(question).missing_parts
    if any(asked[1] not in w and w not in asked[1] for w in missing):  # (nor earliest)
        return None
    hits = asker.search(query, RERANK_DEPTH)
    return superlative_row(asker.article, asker.retriever.table_headers, question, asked, hits)


def superlative_row(
    article: Article,
    headers: Mapping[int, int],
    question: str,
    asked: tuple[int | str, str, str],
    hits: Sequence[Hit],
) -> list[int] | None:
    """Sentence indices of the header row and the row a superlative question picks by
    (`asked`: `superlative`), in the table of the best passages (`hits`) or, if none of them
    is a table's, in the one table of the piece that answers it (`headers`: each table row's
    header row, by ¶ number); None when no table answers it."""
    pick, word, measure = asked
    tables = sorted(set(headers.values()))
    hit = [t for h in hits for t in (headers.get(h.passage, h.passage),) if t in tables]
    words = {w for w in morph_tokens(question.casefold()) if w not in word and len(w) > 1}
    # Among all the tables, only a column named as asked (港からの距離), not one whose cells
    # merely hold the measure's unit (Oversized bag (158 to 203 cm) for the longest surfboard).
    for candidates, by_cells in (([hit[0]] if hit else [], True), (tables, False)):
        found = {
            t: row
            for t in candidates
            if (row := _picked(article, headers, t, words, pick, measure, by_cells)) is not None
        }
        if len(found) == 1:
            ((header, row),) = found.items()
            picked = [article.paragraph(header).sentences[0].index]
            logger.debug("superlative %s of the table under ¶%d: ¶%d", word, header, row)
            return picked + [s.index for s in article.paragraph(row).sentences]
    return None


def _picked(
    article: Article,
    headers: Mapping[int, int],
    header: int,
    words: set[str],
    pick: int | str,
    measure: str,
    by_cells: bool,
) -> int | None:
    """The row the superlative picks in the table under ¶`header`, or None (`by_cells`: a
    column may be known by its cells' unit, `_column`)."""
    rows = [n for n, h in sorted(headers.items()) if h == header]
    names = article.paragraph(header).text.split(CELL)
    cells = {n: article.paragraph(n).text.split(CELL) for n in rows}
    named = measure.split("/")[0]
    # A header naming the measure or a word of the question past its first cell heads a table
    # written down (コース | 距離 | 時間, though each row's first cell says コース too).
    if not any(
        re.search(named, c, re.I) or any(w in c.casefold() for w in words) for c in names[1:]
    ) and (row := _across(rows, cells, words, named)):
        return row
    return _down(rows, cells, names, words, pick, measure, by_cells)


def _across(
    rows: Sequence[int], cells: Mapping[int, list[str]], words: set[str], named: str
) -> int | None:
    """A table written across: the row whose first cell names the measure or a word of the
    question and whose other cells are all figures (運転音 | 約60dB | 約58dB | 約55dB)."""
    for n in rows:
        first, *others = cells[n]
        named_here = re.search(named, first, re.I) or any(w in first.casefold() for w in words)
        label = _value(first) is None  # (not a day: 4月11日 | …第2駐車場 | 13:00〜15:00)
        if named_here and label and len(others) >= 2 and all(_value(c) is not None for c in others):
            return n
    return None


def _down(
    rows: Sequence[int],
    cells: Mapping[int, list[str]],
    names: Sequence[str],
    words: set[str],
    pick: int | str,
    measure: str,
    by_cells: bool,
) -> int | None:
    """A table written down: the row with the most or the least in the column the question
    names (or whose name or cells give the measure; the last and the first are the most and
    the least of a column of days or times), or None with no such column."""
    if len(rows) < 2:
        return None
    column = _column(rows, cells, names, words, measure, by_cells)
    if column is None:
        return None
    values = {
        n: v for n in rows if len(cells[n]) > column and (v := _value(cells[n][column])) is not None
    }
    if len(values) < 2:
        return None
    most = pick in (_MOST, _LAST)
    return (max if most else min)(values, key=lambda n: values[n])


def _column(
    rows: Sequence[int],
    cells: Mapping[int, list[str]],
    names: Sequence[str],
    words: set[str],
    measure: str,
    by_cells: bool,
) -> int | None:
    """The column of figures the question asks about: named by one of its words, else named
    by the measure (港からの距離) or, `by_cells`, giving it after its figures (4マス, 55 dB)."""
    named, units = measure.split("/")
    figured = [
        k
        for k in range(len(names))
        if sum(len(cells[n]) > k and _value(cells[n][k]) is not None for n in rows) >= 2
    ]
    unit = re.compile(rf"[0-9]\s*(?:{units})(?![a-z])", re.I) if units and by_cells else None
    for test in (
        lambda k: any(w in names[k].casefold() for w in words),
        lambda k: re.search(named, names[k], re.I) is not None,
        lambda k: (
            unit is not None and any(unit.search(cells[n][k]) for n in rows if len(cells[n]) > k)
        ),
    ):
        chosen = [k for k in figured if test(k)]
        if chosen:
            return chosen[0]
    return None
