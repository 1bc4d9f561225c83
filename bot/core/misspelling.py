"""An English word the reader misspelt, spelt as the piece writes it: raiway → railway.

A word of the question that the piece never writes and that no dictionary knows (the JMdict
table's English glosses, `lexicon.is_english_word`) is taken for a slip of the fingers when
exactly one of the piece's words is one edit away (a letter dropped, added, changed, or two
swapped): "averge" is "average", "temprature" is "temperature". A real word the piece lacks
("Austria" where it writes "Australia") is never respelt, nor a short one (too many words are
an edit apart: from / form).
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Callable, Collection

from bot.core.tokenize import stem

log = logging.getLogger(__name__)

MIN_LETTERS = 5
_WORD = re.compile(r"[A-Za-z]+")


def respell_english(
    question: str, piece_stems: Collection[str], known: Callable[[str], bool]
) -> str:
    """`question` with each misspelt word (above) replaced by the piece's word one edit away
    (as its stem: what the search reads); `piece_stems`: the stems of the piece's words,
    `known(word)`: whether a dictionary has the word."""

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        folded = stem(word.casefold())
        if len(word) < MIN_LETTERS or folded in piece_stems or known(word):
            return word
        near = _one_edit(folded) & set(piece_stems)
        if len(near) != 1:
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
