"""An English word the reader misspelt, spelt as the piece writes it: raiway → railway.

A word of the question that the piece never writes and that no dictionary knows (the JMdict
table's English glosses, `lexicon.is_english_word`) is taken for a slip of the fingers when
exactly one of the piece's words is one edit away (a letter dropped, added, changed, or two
swapped): "averge" is "average", "temprature" is "temperature". A slip keeps a word's first
letter (whose is no slip for "those"), and a word of fewer than five letters is left alone
(too many are an edit apart: from / form). A real word the piece lacks, in any of its forms
(warnings, passes, wider), is never respelt, nor a name (a capital inside the question) or a
contraction.
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Callable, Collection

log = logging.getLogger(__name__)

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
MIN_LETTERS = 5
MAX_LETTERS = 20  # longer is no word mistyped (and its edits would be many)


def respell_english(
    question: str, piece_words: Collection[str], known: Callable[[str], bool]
) -> str:
    """`question` with each misspelt word (above) replaced by the piece's word one edit away;
    `piece_words`: the piece's words, case-folded; `known(word)`: whether a dictionary has
    the word (in any of its forms)."""

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        folded = word.casefold()
        if not MIN_LETTERS <= len(folded) <= MAX_LETTERS or folded in piece_words:
            return word
        if (word[0].isupper() and m.start() > 0) or not word.isalpha():
            return word  # a name (Pryce is not "price"), or a contraction (doesn't)
        # A slip keeps the first letter (whose is not "those", ensure not "insure").
        near = {w for w in _one_edit(folded) if w in piece_words and w[0] == folded[0]}
        if len(near) != 1 or known(folded):
            return word
        (spelt,) = near
        log.debug("respelt %r as %r", word, spelt)
        return spelt

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
