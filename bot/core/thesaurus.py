"""Japanese synonyms from the Sudachi synonym dictionary: words meaning the same thing.

`synonyms(word)` returns the other words of every synonym group that `word` belongs to
without ambiguity (父親 → 父, パパ; 値段 → 価格, 代金; 国連 → 国際連合). The groups are curated
(Works Applications' Sudachi synonym dictionary, Apache-2.0), so they are tighter than words
sharing an English gloss. The table (`bot/data/sudachi_synonyms.tsv.gz`: one group per line,
a word marked `~` is ambiguous and never looked up by, only found) loads on first use.

`measures(word)`: how a piece states the measure a question asks for with an everyday word
(広さ → 面積, 重さ → 重量 / 質量, how much rain → rainfall, how many people live → population):
the project's own short table, `bot/data/measures.tsv` (the asked word, then the piece's words;
one way only: a piece's 面積 does not make a reader's question about 広さ).
"""

from __future__ import annotations

import gzip
import logging
from functools import lru_cache

from bot.core.data_files import DATA, tsv_rows
from bot.core.once import Once
from bot.core.tokenize import morphemes

logger = logging.getLogger(__name__)

TABLE = DATA / "sudachi_synonyms.tsv.gz"
MEASURES = DATA / "measures.tsv"
AMBIGUOUS = "~"

_table: Once[str] = Once()
_measures: Once[dict[str, tuple[str, ...]]] = Once()


def _read() -> str:
    """The table as one string, each group a line after a newline: searched with `str.find`
    (≈ 5 ms to read) rather than indexed (≈ 55 ms to build, on a reader's first question)."""
    return "\n" + gzip.decompress(TABLE.read_bytes()).decode("utf-8")


@lru_cache(maxsize=4096)
def _groups_of(word: str) -> tuple[tuple[str, ...], ...]:
    """The groups `word` belongs to unambiguously: lines holding it as a whole field."""
    if not word or any(c in word for c in "\t\n"):
        return ()
    text = _table.get(_read)
    out = []
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if text[at - 1] in "\t\n" and text[end : end + 1] in ("\t", "\n", ""):
            start = text.rfind("\n", 0, at) + 1
            stop = text.find("\n", end)
            out.append(tuple(text[start : stop if stop >= 0 else len(text)].split("\t")))
            at = stop
            if at < 0:
                break
        at = text.find(word, at + 1)
    return tuple(out)


def synonyms(word: str, *, certain: bool = False) -> list[str]:
    """The other words of the groups `word` belongs to unambiguously, in table order
    (`certain`: only those that belong to it unambiguously too)."""
    out = [
        w.removeprefix(AMBIGUOUS)
        for group in _groups_of(word)
        for w in group
        if not (certain and w.startswith(AMBIGUOUS))
    ]
    return [w for w in dict.fromkeys(out) if w != word]


def _read_measures() -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(row[1:]) for row in tsv_rows(MEASURES)}


def measures(word: str) -> tuple[str, ...]:
    """The words a piece states the measure `word` asks for with (広さ → 面積); () if none."""
    return _measures.get(_read_measures).get(word, ())


def measures_in(question: str) -> list[str]:
    """The piece's words for each measure a Japanese question asks with an everyday word
    (本体の重さは？ → 重量, 質量): a word of its own, not part of one (校長さん holds no 長さ)."""
    table = _measures.get(_read_measures)
    starts, ends, at = set(), set(), 0
    for w in morphemes(question):
        at = question.find(w.surface, at)
        starts.add(at)
        at += len(w.surface)
        ends.add(at)
    out: list[str] = []
    for asked, stated in table.items():
        i = question.find(asked)
        while i >= 0:
            if i in starts and i + len(asked) in ends:
                out += stated
                break
            i = question.find(asked, i + 1)
    return out
