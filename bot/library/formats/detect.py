"""Which format a document is in: magic bytes first, then the file name, then the content type."""

from __future__ import annotations

import logging
from pathlib import PurePosixPath
from typing import Literal

from bot.library.errors import PieceError, Reason

log = logging.getLogger(__name__)

Format = Literal["text", "markdown", "html", "pdf"]
SUPPORTED = "plain text (.txt), Markdown (.md), HTML (.html) or PDF with a text layer (.pdf)"

EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}
CONTENT_TYPES: dict[str, Format] = {
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
}
# Formats people bring that we do not read: named in the error rather than "binary".
_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (Word, EPUB, …)",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"{\\rtf": "an RTF document",
}
_HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body")


def media_type(content_type: str | None) -> str:
    """`text/html; charset=utf-8` → `text/html`."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def detect_format(data: bytes, *, filename: str | None, content_type: str | None) -> Format:
    """The document's format, or `PieceError(UNSUPPORTED)` naming what it looks like."""
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise PieceError(
                Reason.UNSUPPORTED, f"this file is {what}; piece-bot reads {SUPPORTED}"
            )
    suffix = PurePosixPath(filename or "").suffix.lower()
    declared = EXTENSIONS.get(suffix) or CONTENT_TYPES.get(media_type(content_type))
    if declared == "pdf":
        raise PieceError(Reason.UNDECODABLE, "this file is named a PDF but is not one")
    if suffix and suffix not in EXTENSIONS:
        raise PieceError(Reason.UNSUPPORTED, f"“{suffix}” files are not read; use {SUPPORTED}")
    if declared is not None:
        return declared
    sniffed = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sniffed.startswith(_HTML_SNIFF):
        return "html"
    return "text"
