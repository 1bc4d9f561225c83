"""An English word the reader misspelt, spelt as the piece writes it: goverment → government.

A word of the question that the piece never writes and that no dictionary knows (the JMdict
table's English glosses, `is_english_word`) is taken for a slip of the fingers when
exactly one of the piece's words is one edit away (a letter dropped, added, changed, or two
swapped): "libary" is "library", "recieve" is "receive". A slip keeps a word's first
letter (whose is no slip for "those"), and a word of fewer than five letters is left alone
(too many are an edit apart: from / form). A real word the piece lacks, in any of its forms
(warnings, passes, wider), is never respelt, nor a contraction; a name (a capital inside the
question) only as one of the piece's names (Ikegmai → Ikegami, never Pryce → price).
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Callable, Collection
from functools import lru_cache

from bot.core.jmdict import glosses_word, stem

log = logging.getLogger(__name__)

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
MIN_LETTERS = 5
MAX_LETTERS = 20  # longer is no word mistyped (and its edits would be many)


def respell_english(
    question: str,
    piece_words: Collection[str],
    known: Callable[[str], bool],
    names: Collection[str] = (),
) -> str:
    """`question` with each misspelt word (above) replaced by the piece's word one edit away;
    `piece_words`: the piece's words, case-folded; `known(word)`: whether a dictionary has
    the word (in any of its forms); `names`: those the piece writes only capitalised, its
    names, to which a capitalised word of the question may be respelt (Ikegmai → Ikegami).
    """

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        folded = word.casefold()
        if not MIN_LETTERS <= len(folded) <= MAX_LETTERS or folded in piece_words:
            return word
        if not word.isalpha():
            return word  # a contraction (doesn't)
        # A name only as one of the piece's names (Pryce is not "price").
        named = word[0].isupper() and m.start() > 0
        words = names if named else piece_words
        # A slip keeps the first letter (whose is not "those", ensure not "insure").
        near = {w for w in _one_edit(folded) if w in words and w[0] == folded[0]}
        if len(near) != 1 or known(folded):
            return word
        (spelt,) = near
        log.debug("respelt %r as %r", word, spelt)
        return spelt.capitalize() if named else spelt

    return _WORD.sub(fix, question)


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    letters = string.ascii_lowercase
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in letters}
        | {a + c + b for a, b in splits for c in letters}
    ) - {word}


@lru_cache(maxsize=4096)
def is_english_word(word: str) -> bool:
    """Whether `word`, or a form it may be inflected from (warnings, passes, tried, wider,
    hoped), is a word of any English gloss of the JMdict table (`jmdict.glosses_word`)."""
    return any(glosses_word(form) for form in _base_forms(word.casefold()))


def _short_closed(word: str) -> bool:
    """A word of one short syllable ending consonant-vowel-consonant (skip, stop, plan),
    whose last letter doubles before -er, -ed, -ing."""
    vowels = "aeiou"
    return (
        3 <= len(word) <= 4
        and word[-1] not in vowels + "wxy"
        and word[-2] in vowels
        and word[-3] not in vowels
    )


def _base_forms(word: str) -> set[str]:
    forms = {word, stem(word), stem(stem(word))}
    for suffix, repl in _INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)] + repl
            if suffix[0] in "ei" and not repl and _short_closed(base):
                continue  # skip + er is "skipper": "skiper" is no form of skip
            forms |= {base, stem(base)}
            if len(base) > 3 and base[-1] == base[-2]:
                forms.add(base[:-1])  # stopped → stopp → stop
    return forms


_INFLECTIONS = (
    ("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"), ("es", ""), ("s", ""),
    ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("er", ""),
    ("er", "e"), ("r", ""), ("est", ""), ("st", ""), ("ly", ""),
)
