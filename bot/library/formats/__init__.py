"""Documents people bring → the stored text of a piece (what every offset points into).

`read_document` detects the format (magic bytes, file name, content type), converts it, and
checks the limits; `to_article` parses the stored text as any piece is parsed. Plain text is
stored exactly as `core.article.read_article_text` reads a file; Markdown, HTML and PDF are
stored as a plain rendering: front matter with their metadata, then one paragraph per line.
The libraries behind HTML, PDF and Markdown are imported only when such a document comes.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from bot.core.article import Article, ArticleError, parse_article
from bot.core.files import MAX_PIECE_BYTES, FileTooLarge, read_regular_file
from bot.library.errors import PieceError, Reason
from bot.library.formats.detect import CONTENT_TYPES, SUPPORTED, Format, detect_format, media_type
from bot.library.formats.markup import BULLET
from bot.library.formats.plain import decode_text

log = logging.getLogger(__name__)

__all__ = [
    "CONTENT_TYPES",
    "MAX_DOCUMENT_BYTES",
    "SUPPORTED",
    "Document",
    "Format",
    "media_type",
    "read_document",
    "read_file",
    "to_article",
]

# HTML and PDF files carry markup, fonts and images besides their text: they may be this
# large, while the text stored from any document is held to MAX_PIECE_BYTES.
MAX_DOCUMENT_BYTES = 10_000_000


@dataclass(frozen=True, slots=True)
class Document:
    """A converted document: `text` is the stored text, `format` what it was read as, and
    `source` the SHA-256 of the bytes it was read from: the same file read again by a later
    version, whose rendering may differ, is known by it (`Library` renews the piece)."""

    text: str
    format: Format
    source: str = ""

    @property
    def size(self) -> int:
        """The stored text's size in UTF-8 bytes (what the limits count)."""
        return len(self.text.encode("utf-8"))


def _too_large(what: str, size: int | None, limit: int) -> PieceError:
    amount = f"{size:,} bytes" if size is not None else f"over {limit:,} bytes"
    return PieceError(
        Reason.TOO_LARGE, f"{what} is too large ({amount}; the limit is {limit:,})", limit=limit
    )


# Formats stored as a rendering of their file, which a later version may render otherwise.
RENDERED = frozenset({"markdown", "html", "pdf"})
_BULLETED_LINE = re.compile(rf"(?m)^{re.escape(BULLET)}")


def unbulleted(text: str) -> str:
    """A stored text as versions before list bullets were kept stored it (see `BULLET`)."""
    return _BULLETED_LINE.sub("", text)


def read_document(
    data: bytes,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
) -> Document:
    """Convert `data` to stored text, or raise `PieceError` with the reason and the limit.

    CPU-bound (HTML and PDF especially): call it off the event loop.
    """
    if not data.strip():
        raise PieceError(Reason.EMPTY, "the file is empty")
    fmt = detect_format(data, filename=filename, content_type=content_type)
    limit = MAX_DOCUMENT_BYTES if fmt in ("html", "pdf") else MAX_PIECE_BYTES
    if len(data) > limit:
        raise _too_large("the file", len(data), limit)
    if fmt == "pdf":
        from bot.library.formats.pdf import render_pdf

        text = render_pdf(data)
    elif fmt == "html":
        from bot.library.formats.html import render_html

        text = render_html(data, url=url)
    elif fmt == "markdown":
        from bot.library.formats.markdown import render_markdown

        text = render_markdown(decode_text(data))
    else:
        text = decode_text(data)
    document = Document(text, fmt, hashlib.sha256(data).hexdigest())
    if document.size > MAX_PIECE_BYTES:
        raise _too_large("the text of this file", document.size, MAX_PIECE_BYTES)
    if not text.strip():
        raise PieceError(Reason.EMPTY, "the file has no text")
    log.debug("read %s as %s: %d characters", filename or url or "a document", fmt, len(text))
    return document


def read_file(path: Path) -> Document:
    """Read a local file (the terminal's, or seeds/) as a document, with the same limits."""
    try:
        found = path.exists()
    except OSError as exc:  # a name too long, a folder it may not enter
        raise PieceError(Reason.NOT_FOUND, f"cannot read {path}: {exc.strerror}") from None
    if not found:
        raise PieceError(Reason.NOT_FOUND, f"no such file: {path}")
    try:
        data = read_regular_file(path, MAX_DOCUMENT_BYTES)
    except FileTooLarge as exc:
        raise _too_large("the file", exc.size, MAX_DOCUMENT_BYTES) from None
    except ArticleError as exc:  # missing, unreadable, a directory, a device, a FIFO…
        raise PieceError(Reason.NOT_FOUND, str(exc)) from None
    return read_document(data, filename=path.name)


def to_article(document: Document, *, path: Path | None = None) -> Article:
    """The piece, parsed from the stored text like any other (offsets into `document.text`)."""
    try:
        return parse_article(document.text, path=path)
    except ArticleError as exc:
        raise PieceError(Reason.EMPTY, f"no paragraphs found in this file ({exc})") from None
