"""One question as the offline `ask` searches the piece with it (`Query`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from bot.core.question import QuestionInfo, analyse


@dataclass(frozen=True)
class Query:
    """One question, ready to search the piece with.

    `text` is what is searched: the question itself, its translation into the piece's own
    words (an English question on a Japanese piece, or a Japanese one on an English piece:
    `translated`), or the question plus synonyms the piece uses. `missing`: names in the
    question that the piece has no form of at all (not by spelling, not by sound); `absent`:
    other words of a translated question the piece writes in no form. `restated`: every
    word of the question the piece lacks is a measure it states otherwise (people →
    population), so the words searched with are judged too. `stated`: the words `text` adds
    to a Japanese question (the piece's synonyms of its words the piece never writes, the
    piece's measures of its everyday words: 広さ → 面積), searched as related words
    (`LexicalRetriever.search`).
    """

    question: str
    text: str
    translated: bool = False
    restated: bool = False
    missing: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    stated: tuple[str, ...] = ()

    @cached_property
    def info(self) -> QuestionInfo:
        """What the question asks for; its focus in the words the piece is searched with."""
        info = analyse(self.question)
        return replace(info, focus=self.text) if self.translated or self.restated else info

    @property
    def judged(self) -> str:
        """The words the covered / not-covered decision reads: the reader's own, or for a
        question in another language than the piece's, their translation (or restatement)."""
        return self.text if self.translated or self.restated else self.question


def searched_with(question: str, words: Sequence[str]) -> str:
    """`question` and, after it, `words` (each once): what is searched for it."""
    return f"{question} {' '.join(dict.fromkeys(words))}" if words else question
