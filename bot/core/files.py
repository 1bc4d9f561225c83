"""Reading a piece's file safely: regular files only, never more than the size limit, as text
(UTF-8, or Japanese in a legacy encoding)."""

from __future__ import annotations

import codecs
import logging
import os
import stat
from pathlib import Path

from bot.core.article import Article, ArticleError, parse_article
from bot.core.scripts import KANA_CHAR

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


class Undecodable(ArticleError):
    """Bytes that are no text piece-bot reads: binary (`offset` None), or not UTF-8 from
    `offset` on (and no Japanese in a legacy encoding either)."""

    def __init__(self, offset: int | None) -> None:
        self.offset = offset
        super().__init__(
            "looks binary, expected UTF-8 text"
            if offset is None
            else f"is not valid UTF-8 (bad byte at offset {offset}) nor Japanese in Shift_JIS "
            "or EUC-JP"
        )


# Japanese files from before UTF-8 (Aozora Bunko's texts are Shift_JIS) are read too, when
# they decode without an error and read as Japanese: at least one character in 20 is kana.
_LEGACY_JAPANESE = ("cp932", "euc_jp")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_text(raw: bytes) -> str:
    """A text file's bytes as text: UTF-8 (byte-order mark dropped), UTF-16 with a byte-order
    mark, or Japanese in Shift_JIS / EUC-JP; line endings as `\n`. Else `Undecodable`."""
    if raw.startswith(_UTF16_BOMS):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise Undecodable(None) from None
        if "\x00" in text:
            raise Undecodable(None)
    elif b"\x00" in raw:
        raise Undecodable(None)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            legacy = _legacy_japanese(raw)
            if legacy is None:
                raise Undecodable(exc.start) from None
            text = legacy
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _legacy_japanese(raw: bytes) -> str | None:
    for codec in _LEGACY_JAPANESE:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        kana = len(KANA_CHAR.findall(text))
        if kana and kana * 20 >= len(text):
            log.info("read as %s (not UTF-8)", codec)
            return text
    return None


def read_article_text(path: Path) -> str:
    """Read a text file (`decode_text`), or raise `ArticleError` with one clear line."""
    try:
        text = decode_text(read_regular_file(path))
    except Undecodable as exc:
        raise ArticleError(f"article file {exc}: {path}") from None
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
