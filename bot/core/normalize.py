"""Loose orthographic folding for "does the piece mention this word?" checks.

Stricter than nothing, looser than `tokenize.fold`: NFKC and case-folding, then the spelling
variants of Japanese loanwords and names that do not change the word (ヴァ/バ, ヅ/ズ, the
middle dot and spaces inside names). Used only to test presence, never to quote: quotes are
always taken verbatim from `Article.text`.
"""

from __future__ import annotations

import re
import unicodedata

_V = str.maketrans({"ヴ": "ブ", "ヅ": "ズ", "ヂ": "ジ", "ヰ": "イ", "ヱ": "エ", "ヲ": "オ"})
_V_SYLLABLE = re.compile(r"ブ([ァィゥェォ])")
_SMALL_TO_ROW = {"ァ": "バ", "ィ": "ビ", "ゥ": "ブ", "ェ": "ベ", "ォ": "ボ"}
# Separators inside names and compounds that writers use or drop at will.
_SEPARATORS = re.compile(r"[\s・･=＝\-‐‑–—_/]+")


def loose_fold(text: str) -> str:
    """NFKC, case-folded, loanword spelling variants merged, name separators dropped."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = t.translate(_V)
    t = _V_SYLLABLE.sub(lambda m: _SMALL_TO_ROW[m.group(1)], t)
    return _SEPARATORS.sub("", t)
