"""Grounding: find quotes verbatim in the piece; the one check every citation passes."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Set
from dataclasses import dataclass, field, replace
from functools import lru_cache

from bot.core.answer import Answer, AnswerItem, Citation
from bot.core.article import Article
from bot.core.header import HEADER_PASSAGE, header_fields
from bot.core.heading_names import heading_names
from bot.core.once import Once
from bot.core.structure import sections, table_headers
from bot.core.text import Span

log = logging.getLogger(__name__)

# Every kind of quotation mark normalises to one, so 「…」 and "…" in a quote match either.
_QUOTES = set("\"'“”„‟‘’‚‛«»‹›「」『』〝〞〟＂＇`´")
_QUOTE = '"'
_ASCII_QUOTES = str.maketrans(dict.fromkeys([q for q in _QUOTES if q.isascii()], _QUOTE))
# Long runs of ASCII are normalised at once (`_normalize_ascii`).
_ASCII_RUN = re.compile(r"[\x00-\x7f]{32,}")
_SPACES = re.compile(r"\s+")
_SPACE_RUN = re.compile(r"\s{2,}")
# A few characters occur anywhere ("ない。"): a quote shorter than this supports nothing.
MIN_QUOTE_CHARS = 6


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
    out: list[str] = []  # parts of the normalised text
    index: list[int] = []
    state = _Written()
    pos = 0
    for run in _ASCII_RUN.finditer(text):
        _normalize_chars(text, pos, run.start(), out, index, state)
        _normalize_ascii(text, run.start(), run.end(), out, index, state)
        pos = run.end()
    _normalize_chars(text, pos, len(text), out, index, state)
    return "".join(out), index


@dataclass(slots=True)
class _Written:
    """How far `normalize` got: the last character written, and the offset of a space read
    after it, written only if what follows is not wide (a space at the end is never written)."""

    last: str = ""
    space: int | None = None


def _normalize_chars(
    text: str, start: int, end: int, out: list[str], index: list[int], state: _Written
) -> None:
    """`normalize` of text[start:end], one character at a time."""
    last, space = state.last, state.space
    for i in range(start, end):
        for c in _norm_char(text[i]):
            if c == " ":
                if space is None and last and not _is_wide(last):
                    space = i
                continue
            if space is not None and not _is_wide(c):
                out.append(" ")
                index.append(space)
            space = None
            out.append(c)
            index.append(i)
            last = c
    state.last, state.space = last, space


def _normalize_ascii(
    text: str, start: int, end: int, out: list[str], index: list[int], state: _Written
) -> None:
    """`normalize` of text[start:end], all ASCII, at once: NFKC changes no ASCII character,
    and none is wide. Whitespace runs become one space at the offset of their first character,
    so offsets shift only past runs of two or more. (Character by character, the 1.8 MB of
    150,000 one-line paragraphs took 0.45 s.)"""
    part = text[start:end].translate(_ASCII_QUOTES)
    body = len(part) - len(part.lstrip())
    tail = len(part.rstrip())
    if body and state.space is None and state.last and not _is_wide(state.last):
        state.space = start
    if body == len(part):
        return
    if state.space is not None:
        out.append(" ")
        index.append(state.space)
    pos = body
    for run in _SPACE_RUN.finditer(part, body, tail):
        index.extend(range(start + pos, start + run.start() + 1))
        pos = run.end()
    index.extend(range(start + pos, start + tail))
    out.append(_SPACES.sub(" ", part[body:tail]))
    state.last = part[tail - 1]
    state.space = start + tail if tail < len(part) else None


def shorten(text: str, limit: int = 40) -> str:
    """`text` on one line, cut at `limit` characters: how failures name what failed."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(slots=True)
class Verified:
    """Citations that passed, exact and without repeats, and a readable reason for each failure."""

    citations: list[Citation] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


class Grounder:
    """Locates quotes in one article, mapping matches back to original characters.

    Paragraphs are ¶1…¶N; ¶0 is the header (title, author, source, date lines; see
    `bot.core.header`), cited only when a claim names ¶0.
    """

    def __init__(self, article: Article) -> None:
        self.article = article
        self._named_headings: Once[frozenset[int]] = Once()
        self._norm, self._index = normalize(article.text)
        self._header = [(f.start, *normalize(f.text)) for f in header_fields(article).values()]

    def locate(self, quote: str, *, near: int | None = None) -> Span | None:
        """Find `quote` in the piece; return its span in the original text, or None.

        With several occurrences, the one inside ¶`near` wins, else the first.
        Surrounding quote marks on the quote are tolerated. Any length locates: quote marks
        around a short term of the piece's own (「抑止」) are true; whether a quote is long
        enough to support a claim is for `cite` to judge.
        """
        needle, _ = normalize(quote)
        span = self._find(needle, near)
        if span is None and len(needle) > 2 and needle[0] == _QUOTE and needle[-1] == _QUOTE:
            span = self._find(needle[1:-1].strip(), near)
        return span

    def _find(self, needle: str, near: int | None) -> Span | None:
        if not needle:
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
        """A `Citation` for `quote` if it is long enough and locates within one paragraph
        (with `passage=0`, within one header field: see `_cite_header`)."""
        if passage == HEADER_PASSAGE:
            return self._cite_header(quote)
        if not (long_enough(quote) or self._whole_heading(quote, passage)):
            return None
        span = self.locate(quote, near=passage)
        if span is None:
            return None
        para = self.article.paragraph_at(span.start)
        if para is None or span.end > para.end:
            return None  # spans a paragraph break or lies in the header: not one passage
        return Citation(para.number, self.article.text[span.start : span.end], span.start, span.end)

    def _naming_headings(self) -> frozenset[int]:
        """The ¶ numbers of the section headings that name something (ミニモ Q2, 第7条（…）:
        `structure.heading_names`), not a kind of content (POINT, まとめ, Q&A), and of the
        tables' header rows, which name their rows' columns (品名 | 価格)."""
        under = sections(self.article)
        named = {h for h in set(under.values()) if heading_names(self.article.paragraph(h).text)}
        return frozenset(named | set(table_headers(self.article).values()))

    def _whole_heading(self, quote: str, passage: int | None) -> bool:
        """Whether `quote` is the whole of ¶`passage`, a section heading that names something
        or a table's header row: that names its section (its rows) at any length (ミニモ Q2),
        as a whole header field does, and locates in it. A heading that names none (POINT,
        まとめ) is quoted as any words are: under the minimum length it would support any
        claim at all."""
        if passage is None or not 1 <= passage <= len(self.article.paragraphs):
            return False
        whole = normalize(quote)[0] == normalize(self.article.paragraph(passage).text)[0]
        return whole and passage in self._named_headings.get(self._naming_headings)

    def _cite_header(self, quote: str) -> Citation | None:
        """¶0: `quote` within one header field. A whole field supports what it names at any
        length (a two-character title is still the title); a part of one must be long enough."""
        needle, _ = normalize(quote)
        if len(needle) > 2 and needle[0] == _QUOTE and needle[-1] == _QUOTE:
            needle = needle[1:-1].strip()
        if not needle:
            return None
        for start, norm, index in self._header:
            pos = norm.find(needle)
            if pos < 0 or (needle != norm and not long_enough(needle)):
                continue
            a, b = start + index[pos], start + index[pos + len(needle) - 1] + 1
            return Citation(HEADER_PASSAGE, self.article.text[a:b], a, b)
        return None

    def verify(
        self, claims: Iterable[tuple[int, str]], *, allowed: Set[int] | None = None
    ) -> Verified:
        """Check (¶ number, quote) claims: each quote must be long enough and word for word in
        that passage (and, if `allowed` is given, in a passage among those). Kept citations
        carry the piece's own characters and offsets; duplicates are merged."""
        out = Verified()
        seen: set[tuple[int, int]] = set()
        for passage, quote in claims:
            found = self._judge(passage, quote, allowed)
            if isinstance(found, str):
                log.debug("dropped citation: %s", found)
                out.failures.append(found)
            elif (found.start, found.end) not in seen:
                seen.add((found.start, found.end))
                out.citations.append(found)
        return out

    def _judge(self, passage: int, quote: str, allowed: Set[int] | None) -> Citation | str:
        """The citation a claim stands for, or why it stands for none."""
        short = shorten(quote)
        if passage != HEADER_PASSAGE and not (
            long_enough(quote) or self._whole_heading(quote, passage)
        ):
            return f"quote “{short}” is too short to support anything"
        if allowed is not None and passage not in allowed:
            return f"¶{passage} was not among the passages given (quote “{short}”)"
        found = self.cite(quote, passage=passage)
        if found is None and passage == HEADER_PASSAGE:
            return f"quote “{short}” is not a header field, nor long enough a part of one (¶0)"
        if found is None:
            return f"quote “{short}” is not word for word in ¶{passage}"
        if allowed is not None and found.passage not in allowed:
            # Verbatim, but from a passage the model never saw: memory, not reading.
            return f"quote “{short}” is not in ¶{passage}"
        return found

    def check_answer(self, answer: Answer) -> Answer:
        """The answer with every citation (its own and its items') re-verified; failures removed."""

        def check(citations: Iterable[Citation]) -> Verified:
            return self.verify((c.passage, c.quote) for c in citations)

        checked = check(answer.citations)
        failures = list(checked.failures)
        items = []
        for item in answer.items:
            item_checked = check(item.citations)
            failures += item_checked.failures
            items.append(AnswerItem(item.title, item.text, tuple(item_checked.citations)))
        if failures:
            log.warning("%s answer lost %d citation(s): %s", answer.engine, len(failures), failures)
        # Replaced even without failures: a citation that locates may still have had wrong offsets.
        return replace(answer, citations=tuple(checked.citations), items=tuple(items))


def long_enough(quote: str) -> bool:
    """Whether `quote` is long enough to support anything (see `MIN_QUOTE_CHARS`)."""
    # In ASCII text every character but whitespace normalises to one that stays: enough of
    # them settle it without normalising (every sentence of a piece is asked about; on
    # 150,000 one-line paragraphs, normalising them all took 0.4 s).
    if quote.isascii() and len("".join(quote.split())) >= MIN_QUOTE_CHARS:
        return True
    return len(normalize(quote)[0]) >= MIN_QUOTE_CHARS
