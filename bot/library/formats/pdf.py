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
from bot.library.errors import PieceError, Reason
from bot.library.formats.markup import front_matter, join_lines, paragraphs_text

log = logging.getLogger(__name__)

_PDFIUM = threading.Lock()
# A line ending this far short of the right margin ends its paragraph, and so does a gap to
# the next line this much wider than the usual line pitch (set on generated Japanese and
# English PDFs: the last line of a paragraph is short, and paragraphs are spaced apart).
_SHORT_LINE = 0.85
_WIDE_GAP = 1.3
_SAME_BASELINE = 2.0  # PDF units (1/72 inch): rectangles this close in height share a line
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[-–—\s]*$", re.I)
_PDF_JUNK = str.maketrans({"\x02": None, "\ufffe": None, "\x00": None, "\u00ad": None})
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
    """One line of a page: its text, its left and right edges, and its baseline (PDF units,
    y grows upwards)."""

    text: str
    left: float
    right: float
    y: float


def _page_lines(pdf: object, index: int) -> list[_Line]:
    """The page's text lines in reading order, from PDFium's text rectangles (several
    rectangles on one baseline, e.g. two fonts, make one line)."""
    page = pdf[index]  # type: ignore[index]
    textpage = page.get_textpage()
    try:
        pieces = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top).translate(_PDF_JUNK)
            if text.strip():
                pieces.append(_Line(" ".join(text.split()), left, right, bottom))
    finally:
        textpage.close()
        page.close()
    lines: list[_Line] = []
    for piece in pieces:
        last = lines[-1] if lines else None
        if last is not None and abs(last.y - piece.y) < _SAME_BASELINE:
            text = last.text + piece.text if piece.left >= last.right else piece.text + last.text
            lines[-1] = _Line(
                text, min(last.left, piece.left), max(last.right, piece.right), last.y
            )
        else:
            lines.append(piece)
    return lines


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
    and at a page that ends early or on the end of a sentence; otherwise a paragraph cut by
    a page break is joined again.
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
                ends = pitch > 0 and line.y - after.y > _WIDE_GAP * pitch
            if ends or line.right - margin_left < _SHORT_LINE * measure:
                paragraphs.append(join_lines(current))
                current = []
    if current:
        paragraphs.append(join_lines(current))
    return paragraphs
