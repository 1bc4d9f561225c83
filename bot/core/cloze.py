"""Fill-in-the-blank questions: 「東〇ラジオ放送」の〇に入る文字は？, "the ___ of Denmark".

A reader quizzing themselves on a piece copies a phrase of it with a gap: 〇, ○, □, ＿, a
run of Latin O (OOOO), or underscores. The words either side of the gap, found in one
sentence of the piece with something in between, say where the answer is and what it is.
Nothing is guessed: the answer is that sentence, quoted whole.

A gap of n Japanese placeholder marks stands for n characters by convention (〇〇 → 伊豆); a
match of n to 2n characters is accepted, the exact length first. Underscores stand for a
word or a few, of any length. The words before the gap must all be there; those after it may
be cut short. The context must be specific: at least MIN_CONTEXT characters either side
together, not all of them kana (に入る, which frames the question, is no context).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bot.core.scripts import KANA_CHAR

log = logging.getLogger(__name__)

# A gap: Japanese placeholder marks, a run of two or more Latin O (full or half width) that
# is no part of a word (not the OO of BOOK), or underscores.
_GAP = re.compile(r"[〇○◯□■●＿]+|(?<![A-Za-z])[OＯ]{2,}(?![A-Za-z])|_{2,}")
_UNDERSCORES = re.compile(r"_+")
# What bounds a gap's context: sentence ends, commas, brackets and quotes, line ends. Spaces
# do not (an English phrase is context too).
_BOUND = re.compile(r"[。．.!?！？、,，:：;；「」『』“”\"()（）\[\]【】\n]")
MIN_CONTEXT = 3
MAX_CONTEXT = 12  # characters either side tried; longer ones say nothing more
_MAX_WORDS = 5  # the most words an underscore gap stands for, after the first


@dataclass(frozen=True, slots=True)
class Fill:
    """Where a gap's context occurs in a text: the fill's span, and how much context matched."""

    start: int
    end: int
    context: int


@dataclass(frozen=True, slots=True)
class Gap:
    """One gap of a question: its marks, and the words before and after it up to the
    nearest comma, bracket or sentence end (MAX_CONTEXT characters at most)."""

    before: str
    after: str
    marks: str

    @property
    def left(self) -> str:
        """The words before the gap as they are matched: whole, leading spaces aside."""
        return self.before.lstrip()

    def fill_patterns(self, after_words: bool) -> list[str]:
        """What may stand in the gap, first choice first. A gap of n marks: exactly n
        characters, then n + 1, … 2n (a regular expression prefers the leftmost match over
        the shortest, so each length is tried on its own). Underscores: a word or a few after
        words of the context, one word when the gap opens it."""
        if _UNDERSCORES.fullmatch(self.marks):
            return [rf"(\S+(?:\s+\S+){{0,{_MAX_WORDS}}}?)" if after_words else r"(\S+)"]
        n = len(self.marks)
        return [rf"([^。．!?！？、\n〇○◯□■●＿]{{{k}}})" for k in range(n, 2 * n + 1)]


def gaps(question: str) -> list[Gap]:
    """The gaps of a question, with their context; empty if it has none."""
    out = []
    for m in _GAP.finditer(question):
        left = question[: m.start()]
        right = question[m.end() :]
        before = _BOUND.split(left)[-1][-MAX_CONTEXT:]
        after = _BOUND.split(right)[0][:MAX_CONTEXT]
        out.append(Gap(before, after, m.group()))
    return out


def _specific(context: str) -> bool:
    return len(context.strip()) >= MIN_CONTEXT and not all(
        KANA_CHAR.fullmatch(c) or c.isspace() for c in context
    )


def _patterns(gap: Gap) -> Iterator[tuple[int, re.Pattern[str]]]:
    """Patterns for the gap, most context first: (characters of context, pattern). The words
    before the gap are kept whole (what the gap is said of: 北〇ラジオ is not 東海ラジオ); those
    after it are shortened from their end, where a Japanese question frames its gap
    (〇に入る文字は)."""
    left = gap.left
    for j in range(len(gap.after), -1, -1):
        right = gap.after[:j]
        if _specific(left + right):
            for fill in gap.fill_patterns(after_words=bool(left)):
                body = re.escape(left) + fill + re.escape(right)
                yield len(left) + j, re.compile(body, re.IGNORECASE)


def _probe(gap: Gap) -> str:
    """Two characters every pattern of the gap holds side by side (see `_patterns`)."""
    return gap.left[:2] if len(gap.left) >= 2 else gap.after[:2]


def find_fill(question: str, texts: Iterable[tuple[int, str]]) -> list[tuple[int, Fill]]:
    """The texts (`(key, text)` pairs: sentences) that fill a gap of the question, with the
    most context matched; empty when no text does or the question has no gap.

    A fill that is itself a gap (the piece quoting the question's own blank) does not count."""
    candidates = gaps(question)
    if not candidates:
        return []
    pool = list(texts)
    # Only sentences holding two characters of a gap's context, side by side, can match.
    probes = {_probe(g).casefold() for g in candidates}
    if all(len(p) == 2 for p in probes):
        pool = [(key, text) for key, text in pool if any(p in text.casefold() for p in probes)]
    best: list[tuple[int, Fill]] = []
    best_size = 0
    for gap in candidates:
        for size, pattern in _patterns(gap):
            if size < best_size:
                break
            found = []
            for key, text in pool:
                for m in pattern.finditer(text):
                    fill = m.group(1)
                    if fill.strip() and not _GAP.search(fill):
                        found.append((key, Fill(m.start(1), m.end(1), size)))
                        break
            if found:
                if size > best_size:
                    best, best_size = found, size
                else:
                    best += [f for f in found if f not in best]
                break
    log.debug("cloze %r: %d fills with %d characters of context", question, len(best), best_size)
    return best
