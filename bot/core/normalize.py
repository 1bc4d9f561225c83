"""Loose orthographic folding for "does the piece mention this word?" checks.

Stricter than nothing, looser than `tokenize.fold`: NFKC and case-folding, then the spelling
variants of Japanese loanwords and names that do not change the word (ヴァ/バ, ヅ/ズ, the
middle dot and spaces inside names). Used only to test presence, never to quote: quotes are
always taken verbatim from `Article.text`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_V = str.maketrans({"ヴ": "ブ", "ヅ": "ズ", "ヂ": "ジ", "ヰ": "イ", "ヱ": "エ", "ヲ": "オ"})
_V_SYLLABLE = re.compile(r"ブ([ァィゥェォ])")
_SMALL_TO_ROW = {"ァ": "バ", "ィ": "ビ", "ゥ": "ブ", "ェ": "ベ", "ォ": "ボ"}
# Separators inside names and compounds that writers use or drop at will.
_SEPARATORS = re.compile(r"[\s・･=＝\-‐‑–—_/]+")


# Characters folded at a time. Each step is one call into C that holds the interpreter lock
# throughout: NFKC alone takes about 80 ms on a 2 MB piece, which the event loop (in another
# thread) would wait for. Cut into parts, other threads get their turn in between.
_PART_CHARS = 20_000
# Safe places to cut: whitespace, or just before a Japanese comma or full stop (a long
# paragraph of Japanese has no whitespace at all).
_CUT = re.compile(r"\s|(?=[。、])")


def loose_fold(text: str) -> str:
    """NFKC, case-folded, loanword spelling variants merged, name separators dropped."""
    if len(text) <= _PART_CHARS:
        return _fold(text)
    return "".join(_fold(part) for part in _parts(text))


def _parts(text: str) -> Iterator[str]:
    """`text` cut every `_PART_CHARS` or so, just before whitespace or 。/、. Both are safe
    cuts: nothing composes with them under NFKC (they are starters, and compose with no
    character before them), no spelling variant spans them, and folding drops whitespace, so
    folding the parts gives what folding the whole would."""
    start = 0
    while len(text) - start > _PART_CHARS:
        cut = _CUT.search(text, start + _PART_CHARS)
        if cut is None:
            break
        yield text[start : cut.start()]
        start = cut.start()
    yield text[start:]


def _fold(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).casefold()
    t = t.translate(_V)
    t = _V_SYLLABLE.sub(lambda m: _SMALL_TO_ROW[m.group(1)], t)
    return _SEPARATORS.sub("", t)
