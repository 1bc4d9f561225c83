"""Names matched by sound: an English name and the piece's katakana for it (Timofeev and
ティモフェーエフ), compared by a rough sound key of each (`sound`), for the lexicon both ways
(`bot.core.lexicon`, `bot.core.lexicon_en`)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.core.romaji import romanise

if TYPE_CHECKING:
    from bot.core.vocabulary import PieceVocabulary

NAME_SIMILARITY = 0.75
# Sounds a name may open with in one language and the other: a vowel or y (Yeltsin and
# エリツィン), th as s or t (Thomas, トーマス), c as k or s (Celsius, セルシウス), w as u or b
# (Wolfgang, ヴォルフガング), x as k or z (Xavier, ザビエル); any other opening sound must be the
# same in both.
_OPENINGS_ALIKE = tuple(frozenset(s) for s in ("aeiouyj", "st", "ks", "ub", "kz"))


def sound(s: str) -> str:
    """A rough sound key: l→r, v→b, c/ck→k, ph→f, doubled letters and final/epenthetic u
    dropped, so 'Timofeev' and ティモフェーエフ ('timofeeefu') come close."""
    s = s.lower()
    for a, b in (
        ("ph", "f"),
        ("ck", "k"),
        ("c", "k"),
        ("q", "k"),
        ("l", "r"),
        ("v", "b"),
        ("w", "u"),
        ("x", "ks"),
        ("th", "s"),
        ("tsu", "tu"),
        ("shi", "si"),
    ):
        s = s.replace(a, b)
    s = re.sub(r"(?<=[bcdfghjkmnprstvz])u(?=[bcdfghjkmnprstvz]|$)", "", s)
    s = re.sub(r"(?<=[bcdfghjkmnprstvz])o$", "", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s


def sounds_alike(a: str, b: str) -> float:
    """How alike two sound keys are (0 to 1), or 0 when they open with different sounds
    (but for one sound written two ways, `_OPENINGS_ALIKE`): a name keeps its first sound in
    the other script, and the rest alone does not make one name of two (Lisa and エリア,
    'risa' and 'eria', share 'r', 'i', 'a')."""
    if not a or not b:
        return 0.0
    if a[0] != b[0] and not any({a[0], b[0]} <= alike for alike in _OPENINGS_ALIKE):
        return 0.0
    return SequenceMatcher(None, a, b).ratio()


@lru_cache(maxsize=1 << 14)
def katakana_sound(katakana: str) -> str:
    return sound(romanise(katakana))


def match_name(word: str, piece: PieceVocabulary) -> list[str]:
    """Katakana words of the piece that sound like the English `word`."""
    if len(word) < 4:
        return []
    target = sound(word)
    best: list[tuple[float, str]] = []
    for kata in piece.katakana:
        r = sounds_alike(target, katakana_sound(kata))
        if r >= NAME_SIMILARITY:
            best.append((r, kata))
    best.sort(reverse=True)
    return [k for _, k in best[:2]]
