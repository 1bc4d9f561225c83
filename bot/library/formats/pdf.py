"""PDF to stored text: the text layer (pypdfium2), wrapped lines joined back into paragraphs.

pypdfium2 (PDFium's bindings, Apache-2.0/BSD-3) was chosen over pypdf by measurement (see the
README): the same text on our test PDFs, 2.5–3× faster. PDFium is not thread-safe, even
across documents, so every call into it holds one process-wide lock. PyMuPDF (AGPL) is not
used: its licence would bind the whole project.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from bot.core.article import TERMINAL
from bot.core.structure import CELL
from bot.library.errors import PieceError, Reason
from bot.library.formats.markup import front_matter, join_lines, paragraphs_text

log = logging.getLogger(__name__)

_PDFIUM = threading.Lock()
# A line ending this far short of the right margin ends its paragraph, and so does a gap to
# the next line this much wider than the usual line pitch (set on generated Japanese and
# English PDFs: the last line of a paragraph is short, and paragraphs are spaced apart).
_SHORT_LINE = 0.85
_WIDE_GAP = 1.3
_ROW_OVERLAP = 0.2  # lines whose boxes overlap by this share of their height are one row
_ROW_REACH = 8  # … if no more than this many lines apart in the page's order
_RESIZED = 0.2  # lines whose heights differ by this share are in different type sizes
_CELL_GAP = 1.2  # a gap this many times the type's height between two words parts cells
_SAME_BASELINE = 2.0  # PDF units (1/72 inch): pieces this close in height share a line
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[-–—\s]*$", re.I)
_PDF_JUNK = str.maketrans({"\x02": None, "\ufffe": None, "\x00": None, "\u00ad": None})
# A line of PDFium's text (it ends each with \r\n), without its leading and trailing spaces.
_PDFIUM_LINE = re.compile(r"\S(?:[^\r\n]*\S)?")
_SPACES = re.compile(r"[ \t\u3000]+")
_PLACEHOLDER_TITLES = frozenset({"untitled", "anonymous", "(anonymous)"})


def render_pdf(data: bytes) -> str:
    """The stored text of a PDF: front matter (title, author) and its paragraphs."""
    pages, meta = _extract(data)
    if not any(pages):
        raise PieceError(
            Reason.SCANNED,
            "this PDF has no text layer (scanned pages?): only PDFs with selectable text work",
        )
    paragraphs = _paragraphs(_without_running_lines(pages))
    return paragraphs_text(front_matter(meta), paragraphs)


def _extract(data: bytes) -> tuple[list[list[_Line]], dict[str, str]]:
    """Each page's non-empty lines, and the document's title and author."""
    import pypdfium2 as pdfium  # only PDF documents pay for the import

    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            locked = "password" in str(exc).lower()
            why = "it is encrypted" if locked else "it is damaged or not a PDF"
            raise PieceError(Reason.UNDECODABLE, f"this PDF cannot be read: {why}") from None
        try:
            pages = [_page_lines(pdf, i) for i in range(len(pdf))]
            info = pdf.get_metadata_dict(skip_empty=True)
        finally:
            pdf.close()
    meta = {
        key: value.strip()
        for key, value in (("title", info.get("Title", "")), ("author", info.get("Author", "")))
        if value.strip() and value.strip().lower() not in _PLACEHOLDER_TITLES
    }
    return pages, meta


class _Line(NamedTuple):
    """One line of a page: its text, its left and right edges, its baseline's box from bottom
    to top (PDF units, y grows upwards), and whether it is a table's row."""

    text: str
    left: float
    right: float
    y: float
    top: float
    row: bool = False

    @property
    def height(self) -> float:
        return self.top - self.y


def _page_lines(pdf: object, index: int) -> list[_Line]:
    """The page's text lines in reading order: PDFium's text, cut where it breaks lines, each
    line placed by its characters' boxes (several pieces on one baseline, e.g. a table's
    cells, make one line). Characters, not PDFium's text rectangles: a font the PDF does not
    embed gives its glyphs boxes of no height, and PDFium leaves those out of its rectangles
    (a whole table of a Japanese PDF made with a standard CID font was lost that way)."""
    page = pdf[index]  # type: ignore[index]
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        if len(text) != count:  # characters beyond the BMP: one by one, to keep the indices
            text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(count))
        pieces = []
        for m in _PDFIUM_LINE.finditer(text):
            pieces += _pieces(textpage, text, m.start(), m.end() - 1)
    finally:
        textpage.close()
        page.close()
    lines: list[_Line] = []
    for piece in pieces:
        last_line = lines[-1] if lines else None
        if (
            last_line is not None
            and abs(last_line.y - piece.y) < _SAME_BASELINE
            and abs(piece.left - last_line.right) < _CELL_GAP * piece.height
        ):
            before = piece.left >= last_line.right
            text = last_line.text + piece.text if before else piece.text + last_line.text
            lines[-1] = _Line(
                text,
                min(last_line.left, piece.left),
                max(last_line.right, piece.right),
                last_line.y,
                max(last_line.top, piece.top),
            )
        else:
            lines.append(piece)
    return _rows(lines)


def _pieces(textpage: object, text: str, first: int, last: int) -> list[_Line]:
    """One line of PDFium's text, `text[first:last + 1]`, cut where a gap between two
    characters is wider than `_CELL_GAP` times the type's height (the space between a
    table's cells, which PDFium writes as one space)."""
    box = textpage.get_charbox  # type: ignore[attr-defined]
    cuts = [first]
    for gap in _SPACES.finditer(text, first, last):
        before, after = box(gap.start() - 1, loose=True), box(gap.end(), loose=True)
        if after[0] - before[2] > _CELL_GAP * (before[3] - before[1]):
            cuts += [gap.start(), gap.end()]
    cuts.append(last + 1)
    out = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=True):
        line = " ".join(text[start:end].translate(_PDF_JUNK).split())
        if line:
            left, bottom, _, top = box(start, loose=True)
            out.append(_Line(line, left, box(end - 1, loose=True)[2], bottom, top))
    return out


def _rows(lines: list[_Line]) -> list[_Line]:
    """A table's row as one line: lines near each other in the page's order whose boxes
    overlap in height (text lines never do: their pitch exceeds their height) are the cells
    of one row, a cell's wrapped lines among them (毎週月曜・ over 木曜, beside 東地区).
    Stored with its cells between `CELL`, left to right, each cell's lines joined top to
    bottom. Only near lines: a second column's lines, level with the first's, come far
    later in the page's order."""
    group = list(range(len(lines)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for i, line in enumerate(lines):
        for j in range(max(0, i - _ROW_REACH), i):
            if _overlap(line, lines[j]) > _ROW_OVERLAP:
                group[root(i)] = root(j)
    members: dict[int, list[_Line]] = {}
    for i, line in enumerate(lines):
        members.setdefault(root(i), []).append(line)
    return [_row(found) if len(found) > 1 else found[0] for found in members.values()]


def _row(lines: list[_Line]) -> _Line:
    cells: list[list[_Line]] = []
    for line in sorted(lines, key=lambda line: line.left):
        cell = cells[-1] if cells else []
        if cell and line.left < max(c.right for c in cell):  # under the cell's other line
            cell.append(line)
        else:
            cells.append([line])
    texts = [join_lines(c.text for c in sorted(cell, key=lambda c: -c.top)) for cell in cells]
    return _Line(
        CELL.join(texts),
        min(line.left for line in lines),
        max(line.right for line in lines),
        min(line.y for line in lines),
        max(line.top for line in lines),
        row=True,
    )


def _resized(a: _Line, b: _Line) -> bool:
    return abs(a.height - b.height) > _RESIZED * min(a.height, b.height)


def _overlap(a: _Line, b: _Line) -> float:
    """How far two lines' boxes overlap in height, as a share of the lower one's height."""
    shared = min(a.top, b.top) - max(a.y, b.y)
    return shared / (min(a.height, b.height) or 1.0)


def _without_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop page numbers, and headers/footers: a first or last line of a page whose text
    (digits aside) recurs at the same height on at least half of the pages."""

    def key(line: _Line) -> tuple[str, int]:
        return re.sub(r"\d+", "#", line.text), round(line.y)

    edges = Counter(key(p[i]) for p in pages if p for i in {0, -1})
    running = {k for k, n in edges.items() if len(pages) >= 3 and n >= len(pages) / 2}
    return [
        [
            line
            for i, line in enumerate(page)
            if not _PAGE_NUMBER.match(line.text)
            and not (i in (0, len(page) - 1) and key(line) in running)
        ]
        for page in pages
    ]


def _paragraphs(pages: Sequence[Sequence[_Line]]) -> list[str]:
    """Lines joined into paragraphs. A paragraph ends after a line that stops clearly short
    of the right margin, where the gap to the next line is wider than the usual line pitch,
    where the type size changes, around a table's row, and at a page that ends early or on
    the end of a sentence; otherwise a paragraph cut by a page break is joined again.
    """
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    margin_left = min(line.left for line in lines)
    measure = max(line.right for line in lines) - margin_left
    bottom = min(line.y for line in lines)
    pitches = sorted(a.y - b.y for page in pages for a, b in pairwise(page) if a.y - b.y > 0)
    # The line pitch, not the median: where paragraphs are short, gaps between them abound.
    pitch = pitches[len(pitches) // 4] if pitches else 0.0
    paragraphs: list[str] = []
    current: list[str] = []
    for page in pages:
        for line, after in zip(page, [*page[1:], None], strict=True):
            current.append(line.text)
            if after is None:
                ends = line.text.endswith(TERMINAL) or line.y - bottom > _WIDE_GAP * pitch
            else:
                # A table's row stands alone, and a change of type size (a heading over its
                # text) ends a paragraph too.
                ends = (
                    (pitch > 0 and line.y - after.y > _WIDE_GAP * pitch)
                    or after.row
                    or _resized(line, after)
                )
            if ends or line.row or line.right - margin_left < _SHORT_LINE * measure:
                paragraphs.append(join_lines(current))
                current = []
    if current:
        paragraphs.append(join_lines(current))
    return paragraphs
