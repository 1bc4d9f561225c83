"""Japanese synonyms from the Sudachi synonym dictionary: words meaning the same thing.

`synonyms(word)` returns the other words of every synonym group that `word` belongs to
without ambiguity (父親 → 父, パパ; 値段 → 価格, 代金; 国連 → 国際連合). The groups are curated
(Works Applications' Sudachi synonym dictionary, Apache-2.0), so they are tighter than words
sharing an English gloss. The table (`bot/data/sudachi_synonyms.tsv.gz`: one group per line,
a word marked `~` is ambiguous and never looked up by, only found) loads on first use.
"""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

from bot.core.once import Once

logger = logging.getLogger(__name__)

TABLE = Path(__file__).resolve().parents[1] / "data" / "sudachi_synonyms.tsv.gz"
AMBIGUOUS = "~"

_index: Once[dict[str, tuple[int, ...]]] = Once()
_groups: Once[list[tuple[str, ...]]] = Once()


def _read() -> list[tuple[str, ...]]:
    with gzip.open(TABLE, "rt", encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()]


def _make_index() -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for g, words in enumerate(_groups.get(_read)):
        for w in words:
            if not w.startswith(AMBIGUOUS):
                index.setdefault(w, []).append(g)
    return {w: tuple(gs) for w, gs in index.items()}


def synonyms(word: str, *, certain: bool = False) -> list[str]:
    """The other words of the groups `word` belongs to unambiguously, in table order
    (`certain`: only those that belong to it unambiguously too)."""
    groups = _groups.get(_read)
    out: list[str] = []
    for g in _index.get(_make_index).get(word, ()):
        out += [
            w.removeprefix(AMBIGUOUS)
            for w in groups[g]
            if not (certain and w.startswith(AMBIGUOUS))
        ]
    return [w for w in dict.fromkeys(out) if w != word]
