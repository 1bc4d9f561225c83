"""The Unicode ranges of the scripts the core tells apart, each said once.

The constants are the insides of a regular-expression character class: put them in `[…]`,
alone or joined (`f"[{KANA}{KANJI}]"`).
"""

from __future__ import annotations

import re
import unicodedata

HIRAGANA = "\u3040-\u309f"
KATAKANA = "\u30a0-\u30ff"  # with ・ (nakaguro) and ー (the long-vowel mark)
KANA = HIRAGANA + KATAKANA
HALFWIDTH_KATAKANA = "\uff66-\uff9f"
# CJK ideographs (extension A, the unified block, compatibility ideographs) and the
# iteration marks written among them (人々, 〆切).
KANJI = "\u3400-\u9fff\uf900-\ufaff々〆"
HANGUL_SYLLABLES = "\uac00-\ud7af"  # 한, 글: what Korean words are written in
HANGUL = "\u1100-\u11ff\u3130-\u318f" + HANGUL_SYLLABLES  # with jamo and compatibility jamo

KANA_CHAR = re.compile(f"[{KANA}]")  # one kana: .search to find any, .findall to count

_KANJI_CHAR = re.compile(f"[{KANJI}]")
_HIRAGANA_WORD = re.compile(f"[{HIRAGANA}ー]+")
_KATAKANA_WORD = re.compile(f"[{KATAKANA}]+")


def is_hiragana(word: str) -> bool:
    """Whether `word` is written in hiragana alone (ー allowed): すすめ, どこ, ございます."""
    return _HIRAGANA_WORD.fullmatch(word) is not None


_TO_KATAKANA = str.maketrans({chr(c): chr(c + 0x60) for c in range(ord("ぁ"), ord("ゖ") + 1)})


def to_katakana(text: str) -> str:
    """`text` with its hiragana written in katakana: たかせ → タカセ (the rest untouched)."""
    return text.translate(_TO_KATAKANA)


def has_kanji(text: str) -> bool:
    """Whether `text` has a kanji in it: 保水性舗装, 粗大ごみ (not そだいごみ)."""
    return _KANJI_CHAR.search(text) is not None


def is_katakana(word: str) -> bool:
    """Whether `word` is written in katakana alone: ロシア, グスタフ・マーラー."""
    return _KATAKANA_WORD.fullmatch(word) is not None


def is_wide(ch: str) -> bool:
    """CJK and other full-width characters, which run on across a line break with no space."""
    return unicodedata.east_asian_width(ch) in "WF"
