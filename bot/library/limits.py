"""How many pieces a server or a person may hold, and how many anyone may add in a while."""

from __future__ import annotations

from bot.engines.base import clean_text
from bot.library.errors import PieceError, Reason
from bot.library.scope import Reader
from bot.library.store import PieceStore, Scope
from bot.settings import Settings

MAX_TITLE_CHARS = 200


def checked_title(raw: str | None) -> str | None:
    """A title given with a piece, on one line, or None; `PieceError` if it is too long."""
    if raw is None:
        return None
    title = " ".join(clean_text(raw).split())
    if len(title) > MAX_TITLE_CHARS:
        raise PieceError(
            Reason.TOO_LARGE,
            f"the title is too long ({len(title)} characters; the limit is {MAX_TITLE_CHARS})",
            limit=MAX_TITLE_CHARS,
        )
    return title or None


async def check_limits(store: PieceStore, settings: Settings, reader: Reader, now: float) -> None:
    """Raise `PieceError` if the reader's home holds its limit of pieces, or the reader has
    added their limit in the window (`PIECE_MAX_PER_*`, `PIECE_ADD_RATE_*`)."""
    scope, _ = owner = reader.home
    if scope is Scope.BUNDLED or reader.user_id is None:
        return  # the operator is not limited
    if scope is Scope.SERVER:
        limit, holder = settings.piece_max_per_server, "this server already holds"
    else:
        limit, holder = settings.piece_max_per_user, "you already hold"
    if await store.count(owner) >= limit:
        raise PieceError(
            Reason.LIMIT_REACHED,
            f"{holder} {limit} pieces, the limit: remove one first",
            limit=limit,
        )
    window = settings.piece_add_rate_window_s
    count = settings.piece_add_rate_count
    if await store.additions_since(reader.user_id, now - window) >= count:
        raise PieceError(
            Reason.RATE_LIMITED,
            f"you added {count} pieces in the last {duration(window)}; try again later",
            limit=count,
        )


def duration(seconds: float) -> str:
    """A window in words: "hour", "3 hours", "10 minutes", "90 seconds"."""
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = int(seconds // 3600)
        return "hour" if hours == 1 else f"{hours} hours"
    if seconds >= 60 and seconds % 60 == 0:
        return f"{int(seconds // 60)} minutes"
    return f"{seconds:g} seconds"
