"""Plain text as piece-bot stores it: decoded as `core.files.decode_text` reads a file (UTF-8,
byte-order mark dropped, or Japanese in a legacy encoding), line endings as `\\n`."""

from __future__ import annotations

from bot.core.files import Undecodable
from bot.core.files import decode_text as decode_file_text
from bot.library.errors import PieceError, Reason


def decode_text(data: bytes) -> str:
    """The stored text of a plain-text file, exactly as `core.files.read_article_text` reads
    one from disk (a test holds the two together)."""
    try:
        return decode_file_text(data)
    except Undecodable as exc:
        raise PieceError(Reason.UNDECODABLE, f"the file {exc}") from None
