"""The one error of the library: a reason code (for localised replies) and a user-safe message."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why a piece could not be added, fetched, found or changed; stable, for translations."""

    UNSUPPORTED = "unsupported"  # a format the library does not read
    EMPTY = "empty"  # no text at all, or no paragraph in it
    SCANNED = "scanned"  # a PDF whose pages are images: no text layer
    TOO_LARGE = "too_large"  # over a byte limit (`limit` says which)
    UNDECODABLE = "undecodable"  # not UTF-8, or a damaged / encrypted file
    BAD_URL = "bad_url"  # not an http(s) URL, or malformed
    BLOCKED_ADDRESS = "blocked_address"  # resolves to a non-public address
    FETCH_FAILED = "fetch_failed"  # DNS, connection or HTTP error
    TOO_SLOW = "too_slow"  # the download took longer than `limit` seconds
    TOO_MANY_REDIRECTS = "too_many_redirects"
    CONTENT_TYPE = "content_type"  # served as something other than HTML, text or PDF
    NOT_FOUND = "not_found"  # no such piece, or not visible here (the same answer on purpose)
    FORBIDDEN = "forbidden"  # visible, but only the operator may change it (bundled pieces)
    NEEDS_MANAGE_SERVER = "needs_manage_server"  # a server's pieces: without Manage Server
    PERSONAL_IN_CHANNEL = "personal_in_channel"  # a personal piece as a channel's current one
    LIMIT_REACHED = "limit_reached"  # the server or user holds `limit` pieces already
    RATE_LIMITED = "rate_limited"  # `limit` additions in the window already


class PieceError(Exception):
    """A piece-level failure the user can act on.

    `str(error)` is one English line that is safe to show (no paths of the
    server, no internal addresses); `reason` and `limit` let a front end say
    the same in another language.
    """

    def __init__(self, reason: Reason, message: str, *, limit: int | float | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.limit = limit

    def __repr__(self) -> str:
        return f"PieceError({self.reason.value!r}, {str(self)!r})"
