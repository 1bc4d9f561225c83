"""The piece: its text parsed into paragraphs (¶1…¶N), sentences and retrieval windows.

Reading a file safely is `core.files`.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path

from bot.core.byline import (
    BULLET,
    addresses_or_names_kind,
    byline,
    header_lines,
    is_header,
    looks_like_header_line,
)
from bot.core.collector import collector_paused
from bot.core.language import detect_language
from bot.core.text import SENTENCE_END, split_sentences

WINDOW_CHARS = 240  # paragraphs longer than this are split into overlapping windows
_TITLE_MAX = 80
_DERIVED_TITLE_MAX = 60
# What a sentence ends with: a full stop, or a closing bracket or quote after one.
TERMINAL = (*SENTENCE_END, *'？」』）)”"')
# Front matter: `key: value` lines between `---` lines opening the file; the keys read.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
META_KEYS = ("title", "author", "source", "date", "language", "url")


class ArticleError(Exception):
    """The article cannot be used; the message is one line meant for the user."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence, with its offsets into `Article.text`."""

    paragraph: int
    index: int  # position among all sentences of the piece, 0-based
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Window:
    """A retrieval unit: a whole paragraph, or a run of its sentences if it is long."""

    paragraph: int
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph; `number` is the reader-facing ¶ id."""

    number: int
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...]

    @property
    def label(self) -> str:
        return f"¶{self.number}"


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the piece says about itself; `title_derived` marks a title we made up from the lead."""

    title: str
    title_derived: bool = False
    author: str | None = None
    source: str | None = None
    date: str | None = None
    language: str = "ja"
    url: str | None = None


@dataclass(frozen=True)
class Article:
    """A parsed piece. Every offset anywhere in piece-bot points into `text`."""

    text: str
    meta: Metadata
    paragraphs: tuple[Paragraph, ...]
    path: Path | None = None

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @cached_property
    def windows(self) -> tuple[Window, ...]:
        out: list[Window] = []
        for p in self.paragraphs:
            if _one_window(p):  # most paragraphs: no call, no list of one
                out.append(Window(p.number, p.start, p.end, p.text, p.sentences))
            else:
                out += _windows(p)
        return tuple(out)

    def paragraph(self, number: int) -> Paragraph:
        if not 1 <= number <= len(self.paragraphs):
            raise KeyError(f"no ¶{number}: the piece has ¶1–¶{len(self.paragraphs)}")
        return self.paragraphs[number - 1]

    def sentences_within(self, start: int, end: int) -> list[Sentence]:
        """The sentences that lie inside text[start:end], in order."""
        sentences = self.sentences
        out = []
        k = bisect.bisect_left(self._sentence_starts, start)
        while k < len(sentences) and sentences[k].end <= end:
            out.append(sentences[k])
            k += 1
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing character `offset`, if any."""
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0 and offset < self.paragraphs[k].end:
            return self.paragraphs[k]
        return None


def _one_window(p: Paragraph) -> bool:
    return len(p.text) <= WINDOW_CHARS or len(p.sentences) <= 1


def _windows(p: Paragraph) -> list[Window]:
    if _one_window(p):
        return [Window(p.number, p.start, p.end, p.text, p.sentences)]
    out: list[Window] = []
    i = 0
    sents = p.sentences
    while i < len(sents):
        j = i
        size = 0
        while j < len(sents) and (j == i or size + len(sents[j].text) <= WINDOW_CHARS):
            size += len(sents[j].text)
            j += 1
        chunk = sents[i:j]
        start, end = chunk[0].start, chunk[-1].end
        out.append(Window(p.number, start, end, p.text[start - p.start : end - p.start], chunk))
        if j >= len(sents):
            break
        i = j - 1 if j - 1 > i else j  # one sentence of overlap keeps boundary facts findable
    return out


# ---------------------------------------------------------------- parsing


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line in text[start:end], without the newline."""
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def _stripped(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# A line drawn across, of nothing but rule marks (=====, ------, ━━━━, ＊＊＊): it sets off
# what it rules, as a blank line does, and says nothing.
_RULE = re.compile(r"(?:[=\-_*~─━═＝－＿＊～―‐][ \t　]*){3,}")


def _ruled(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`lines`, a rule line (`_RULE`) made empty: blank, as far as the shape is concerned."""
    return [(s, s) if _RULE.fullmatch(text, *_stripped(text, s, e)) else (s, e) for s, e in lines]


def _paragraph_spans(text: str, start: int) -> list[tuple[int, int]]:
    """Paragraph spans in text[start:]: one per line, or per blank-line block if lines wrap;
    a rule line separates paragraphs as a blank one does, but only blank lines tell that a
    file wraps (a file of one line per paragraph may rule its sections too)."""
    raw = _lines(text, start, len(text))
    blank = any(not text[s:e].strip() for s, e in raw)
    lines = [_stripped(text, s, e) for s, e in _ruled(text, raw)]
    nonempty = [(s, e) for s, e in lines if e > s]
    if not nonempty:
        return []
    # Lines followed by another non-empty line that is not a list item: if most of them stop
    # mid-sentence, the file wraps its paragraphs and blank lines separate them.
    inner = [a for a, b in pairwise(lines) if a[1] > a[0] and b[1] > b[0] and not _item(text, b)]
    ending = sum(1 for s, e in inner if text[s:e].endswith(TERMINAL))
    if blank and inner and ending / len(inner) < 0.5:
        blocks: list[tuple[int, int]] = []
        cur: tuple[int, int] | None = None
        for s, e in lines:
            if e == s or (cur and _item(text, (s, e))):  # a list item starts its own
                if cur:
                    blocks.append(cur)
                cur = None
            if e > s:
                cur = (cur[0], e) if cur else (s, e)
        if cur:
            blocks.append(cur)
        return blocks
    return nonempty


def _item(text: str, line: tuple[int, int]) -> bool:
    """Whether a line opens a list item."""
    return BULLET.match(text, line[0], line[1]) is not None


def _derive_title(lead: str) -> str:
    first = split_sentences(lead)
    sentence = lead[first[0].start : first[0].end] if first else lead
    if len(sentence) <= _DERIVED_TITLE_MAX:
        return sentence.rstrip("。．.")
    cut = sentence[:_DERIVED_TITLE_MAX]
    for mark in ("、", "，", ", ", "は", " "):
        k = cut.rfind(mark)
        if k >= _DERIVED_TITLE_MAX // 2:
            return cut[: k + (0 if mark in "、，" else len(mark))].rstrip("、，, ") + "…"
    return cut + "…"


def _shaped_header(text: str, lines: list[tuple[int, int]]) -> tuple[int, list[str], int] | None:
    """For the seeds' shape (first line, blank, author / source / date, body), return
    (index of the first line, the header lines, index of the first body line), else None.

    A real header (`core.byline.is_header`: two lines, a date, or a line naming the issuer)
    runs straight into the body or is followed by a blank line; another lone short line
    between blank lines is the heading of the body's first section. A short first line with
    no header lines after its blank line is a title alone (an encyclopedia article's shape):
    the header is empty and the body starts after the blank line, with that heading if any.
    """
    first = next((i for i, (s, e) in enumerate(lines) if text[s:e].strip()), None)
    if first is None or first + 2 >= len(lines) or text[slice(*lines[first + 1])].strip():
        return None
    candidates = [text[slice(*line)] for line in lines[first + 2 : first + 7]]
    header = [line.strip() for line in candidates[: header_lines(candidates)]]
    k = first + 2 + len(header)
    runs_on = k < len(lines) and bool(text[slice(*lines[k])].strip())
    body = any(text[slice(*line)].strip() for line in lines[k:])
    kept = is_header(header)
    if header and not runs_on and not body:
        return None
    if not kept:
        # No author / source / date lines: a title alone, if the first line reads as one
        # (short, no closing punctuation) and the body follows the blank line.
        lead = text[slice(*lines[first])].strip()
        if not _reads_as_title(lead):
            return None
        return first, [], first + 2
    return first, header, k


def _reads_as_title(line: str) -> bool:
    """A stripped line short enough for a title, with no sentence end."""
    return len(line) <= _TITLE_MAX and not line.endswith(SENTENCE_END)


def _release_header(text: str, lines: list[tuple[int, int]]) -> tuple[int, list[str]] | None:
    """For a release's or a notice's shape (報道関係者各位 / プレスリリース / date / issuer, a
    blank line, the headline, the body), return (index of the headline, the header lines that
    name a field), else None. The opening lines are short, run on without a blank line, and
    one of them says whom the document is for or what kind it is."""
    first = next((i for i, (s, e) in enumerate(lines) if text[s:e].strip()), None)
    if first is None:
        return None
    k = first
    while k < len(lines) and text[slice(*lines[k])].strip():
        k += 1
    opening = [text[slice(*line)].strip() for line in lines[first:k]]
    if not any(map(addresses_or_names_kind, opening)) or not all(
        map(looks_like_header_line, opening)
    ):
        return None
    title = next((i for i in range(k, len(lines)) if text[slice(*lines[i])].strip()), None)
    if title is None or title + 1 >= len(lines):
        return None
    headline = text[slice(*lines[title])].strip()
    if not _reads_as_title(headline):
        return None
    return title, [line for line in opening if not addresses_or_names_kind(line)]


def _head_and_paragraphs(text: str) -> tuple[dict[str, str], list[tuple[int, int]]]:
    """What the file's head says of the piece (front matter, or the header lines of shape
    (2) / (2') of `parse_article`), and the spans of its paragraphs."""
    meta: dict[str, str] = {}
    fm = FRONT_MATTER.match(text)
    if fm:
        for line in fm.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() in META_KEYS and value.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
        return meta, _paragraph_spans(text, fm.end())
    lines = _ruled(text, _lines(text, 0, len(text)))
    released = _release_header(text, lines)
    if released is not None:
        title, header = released
        meta.update(byline(header))
        meta["title"] = text[slice(*_stripped(text, *lines[title]))]
        return meta, _paragraph_spans(text, lines[title][1] + 1)
    shaped = _shaped_header(text, lines)
    if shaped is None:
        return meta, _paragraph_spans(text, 0)
    first, header, k = shaped
    meta.update(byline(header))
    s, e = _stripped(text, *lines[first])
    lead = text[s:e]
    spans: list[tuple[int, int]] = []
    if _reads_as_title(lead):
        meta["title"] = lead
    else:
        spans.append((s, e))
    return meta, spans + _paragraph_spans(text, lines[k - 1][1] + 1)


@collector_paused()  # see bot.core.collector: a sentence and a paragraph per line, no cycles
def parse_article(text: str, path: Path | None = None) -> Article:
    """Parse one of the accepted shapes into an `Article` (offsets into `text` as given).

    Shapes: (1) front matter between `---` lines (title, author, source, date,
    language, url) then paragraphs; (2) a first line (a title if short, else the
    lead paragraph), a blank line, author / source / date lines, then one
    paragraph per line; (2') a short title line, a blank line, then one paragraph
    per line; (3) plain paragraphs separated by newlines.
    """
    if not text.strip():
        raise ArticleError("article is empty")
    meta, spans = _head_and_paragraphs(text)
    if not spans:
        raise ArticleError("article has no paragraphs")
    if all(looks_like_header_line(text[s:e]) for s, e in spans):
        raise ArticleError(
            "article has no body: only a title or header lines "
            "(short lines without a sentence end), nothing to answer from"
        )

    paragraphs: list[Paragraph] = []
    index = 0
    for number, (s, e) in enumerate(spans, start=1):
        body = text[s:e]
        sentences = []
        for sp in split_sentences(text, s, e, newline_ends="\n" not in body):
            # A paragraph of one sentence: one string for both.
            said = body if sp.start == s and sp.end == e else text[sp.start : sp.end]
            sentences.append(Sentence(number, index, sp.start, sp.end, said))
            index += 1
        paragraphs.append(Paragraph(number, s, e, body, tuple(sentences)))

    body = "".join(p.text for p in paragraphs)
    title = meta.get("title")
    derived = title is None
    if title is None:
        title = _derive_title(paragraphs[0].text)
    language = meta.get("language") or detect_language(body)
    metadata = Metadata(
        title=title,
        title_derived=derived,
        author=meta.get("author"),
        source=meta.get("source"),
        date=meta.get("date"),
        language=language,
        url=meta.get("url"),
    )
    return Article(text=text, meta=metadata, paragraphs=tuple(paragraphs), path=path)
