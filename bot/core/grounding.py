"""Grounding: find quotes verbatim in the piece and keep only citations that locate."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from bot.core.answer import Answer, AnswerItem, Citation
from bot.core.article import Article
from bot.core.text import Span

log = logging.getLogger(__name__)

# Every kind of quotation mark normalises to one, so 「…」 and "…" in a quote match either.
_QUOTES = set("\"'“”„‟‘’‚‛«»‹›「」『』〝〞〟＂＇`´")
_QUOTE = '"'
MIN_QUOTE_CHARS = 2


def _is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80  # CJK, kana, full-width forms: no spaces between words


@lru_cache(maxsize=4096)
def _norm_char(ch: str) -> str:
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if c in _QUOTES:
            c = _QUOTE
        elif c.isspace():
            c = " "
        out.append(c)
    return "".join(out)


def normalize(text: str) -> tuple[str, list[int]]:
    """Normalise for matching and return, for each output character, its index in `text`.

    NFKC (full/half width), one kind of quote mark, whitespace runs folded to one
    space, and no space at all next to a CJK character (Japanese does not use it).
    """
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for c in _norm_char(ch):
            if c == " " and (not chars or chars[-1] == " " or _is_wide(chars[-1])):
                continue
            if chars and chars[-1] == " " and _is_wide(c):
                chars.pop()
                index.pop()
            chars.append(c)
            index.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        index.pop()
    return "".join(chars), index


class Grounder:
    """Locates quotes in one article, mapping matches back to original characters."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self._norm, self._index = normalize(article.text)

    def locate(self, quote: str, *, near: int | None = None) -> Span | None:
        """Find `quote` in the piece; return its span in the original text, or None.

        With several occurrences, the one inside ¶`near` wins, else the first.
        Surrounding quote marks on the quote are tolerated.
        """
        needle, _ = normalize(quote)
        span = self._find(needle, near)
        if span is None and len(needle) > 2 and needle[0] == _QUOTE and needle[-1] == _QUOTE:
            span = self._find(needle[1:-1].strip(), near)
        return span

    def _find(self, needle: str, near: int | None) -> Span | None:
        if len(needle) < MIN_QUOTE_CHARS:
            return None
        first: Span | None = None
        pos = self._norm.find(needle)
        while pos != -1:
            span = Span(self._index[pos], self._index[pos + len(needle) - 1] + 1)
            if first is None:
                first = span
            if near is None:
                return span
            para = self.article.paragraph_at(span.start)
            if para is not None and para.number == near:
                return span
            pos = self._norm.find(needle, pos + 1)
        return first

    def cite(self, quote: str, *, passage: int | None = None) -> Citation | None:
        """A `Citation` for `quote` if it locates within one paragraph, else None."""
        span = self.locate(quote, near=passage)
        if span is None:
            return None
        para = self.article.paragraph_at(span.start)
        if para is None or span.end > para.end:
            return None  # spans a paragraph break or lies in the header: not one passage
        return Citation(para.number, self.article.text[span.start : span.end], span.start, span.end)

    def verify(
        self, citations: Iterable[Citation], *, allowed: set[int] | None = None
    ) -> tuple[list[Citation], list[tuple[Citation, str]]]:
        """Re-locate every citation. Returns (kept, [(dropped, reason)]); kept ones are exact."""
        kept: list[Citation] = []
        dropped: list[tuple[Citation, str]] = []
        seen: set[tuple[int, int]] = set()
        for c in citations:
            if allowed is not None and c.passage not in allowed:
                dropped.append((c, f"¶{c.passage} was not among the passages given"))
                continue
            found = self.cite(c.quote, passage=c.passage)
            if found is None:
                dropped.append((c, "quote not found verbatim in the piece"))
                continue
            if (found.start, found.end) not in seen:
                seen.add((found.start, found.end))
                kept.append(found)
        for c, reason in dropped:
            log.info("dropped citation ¶%s (%s): %.60r", c.passage, reason, c.quote)
        return kept, dropped

    def check_answer(self, answer: Answer) -> Answer:
        """The answer with every citation (its own and its items') re-verified; failures removed."""
        kept, dropped = self.verify(answer.citations)
        items = []
        for item in answer.items:
            item_kept, item_dropped = self.verify(item.citations)
            dropped += item_dropped
            items.append(AnswerItem(item.title, item.text, tuple(item_kept)))
        if not dropped:
            return answer
        return replace(answer, citations=tuple(kept), items=tuple(items))


def citation_for_span(article: Article, start: int, end: int) -> Citation:
    """A citation of exactly `article.text[start:end]` (which must lie in one paragraph)."""
    para = article.paragraph_at(start)
    if para is None or end > para.end or end <= start:
        raise ValueError(f"span {start}:{end} is not inside one paragraph")
    return Citation(para.number, article.text[start:end], start, end)
