"""Plain text as piece-bot stores it: UTF-8, byte-order mark dropped, line endings as `\\n`."""

from __future__ import annotations

from bot.library.errors import PieceError, Reason


def decode_text(data: bytes) -> str:
    """The stored text of a plain-text file, exactly as `core.article.read_article_text` reads
    one from disk (a test holds the two together)."""
    if b"\x00" in data:
        raise PieceError(Reason.UNDECODABLE, "the file looks binary, not UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PieceError(
            Reason.UNDECODABLE, f"the file is not valid UTF-8 text (bad byte at offset {exc.start})"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
