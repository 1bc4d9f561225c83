"""Reading a piece's file safely: regular files only, never more than the size limit, UTF-8."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from bot.core.article import Article, ArticleError, parse_article

log = logging.getLogger(__name__)

# The largest piece accepted, in bytes of UTF-8 text. Every command answers on a piece this
# size within seconds and a few hundred MB (benchmarks/SIZES.md); the cost grows linearly.
MAX_PIECE_BYTES = 2 * 1024 * 1024


_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
}


class FileTooLarge(ArticleError):
    """A file over the byte limit it was read with (`limit`)."""

    def __init__(self, message: str, *, size: int | None, limit: int) -> None:
        super().__init__(message)
        self.size = size
        self.limit = limit


def _read_capped(path: Path, limit: int) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise ArticleError(f"article path is {kind}, not a regular file: {path}")
        if info.st_size > limit:
            raise _too_large(f"{info.st_size:,} bytes", path, limit, info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(limit + 1)
    finally:
        os.close(fd)
    if len(raw) > limit:  # it grew since, or its size was not what it said
        raise _too_large(f"over {limit:,} bytes", path, limit, None)
    return raw


def _too_large(size: str, path: Path, limit: int, actual: int | None) -> FileTooLarge:
    message = f"article file is too large ({size}; the limit is {limit:,} bytes): {path}"
    return FileTooLarge(message, size=actual, limit=limit)


def read_regular_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` (default `MAX_PIECE_BYTES`),
    or `ArticleError` in one line.

    Opened without blocking (a FIFO would wait for a writer) and checked on the open file
    itself, so nothing but a regular file is ever read, and never more than the limit allows.
    """
    try:
        return _read_capped(path, MAX_PIECE_BYTES if limit is None else limit)
    except FileNotFoundError:
        raise ArticleError(f"article file not found: {path}") from None
    except PermissionError:
        raise ArticleError(f"article file is not readable (permission denied): {path}") from None
    except OSError as exc:
        raise ArticleError(f"article file cannot be read: {path} ({exc.strerror})") from None


def read_article_text(path: Path) -> str:
    """Read a file as UTF-8 text, or raise `ArticleError` with one clear line."""
    raw = read_regular_file(path)
    if b"\x00" in raw:
        raise ArticleError(f"article file looks binary, expected UTF-8 text: {path}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"article file is not valid UTF-8 (bad byte at offset {exc.start}): {path}"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(f"article file is empty: {path}")
    return text


def load_article(path: Path) -> Article:
    """Load and parse the piece at `path`."""
    article = parse_article(read_article_text(path), path=path)
    log.debug("loaded %s: %d paragraphs", path, len(article.paragraphs))
    return article


def default_article_path(seeds_dir: Path) -> Path:
    """The piece shipped in `seeds/`: the first text file in name order."""
    if not seeds_dir.is_dir():
        raise ArticleError(f"seeds folder not found: {seeds_dir}")
    files = sorted(p for p in seeds_dir.iterdir() if p.suffix in {".txt", ".md"} and p.is_file())
    if not files:
        raise ArticleError(f"no article (.txt or .md) in {seeds_dir}")
    return files[0]
