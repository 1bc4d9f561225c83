"""Who sees and changes which piece: the one place the scope rules live.

- bundled pieces (seeds/ and the operator's): everyone sees them; only the operator, at
  the terminal, adds or removes them;
- server pieces: everyone in that server sees them; adding and removing needs Manage Server
  there (the front end reports the member's permission; this module enforces it);
- personal pieces: only the person who added them, wherever they use the app.

A piece that exists but is not visible gets the same answer as one that does not exist.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from bot.library.errors import PieceError, Reason
from bot.library.store import BUNDLED_OWNER, Owner, Piece, Scope

ID_CHARS = 8  # base32: 40 bits, short enough to type, far from guessable by enumeration


_ID_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz234567")  # base32, lower case


def piece_id(owner: Owner, key: str) -> str:
    """A piece's id: stable for the same text (or seed file) under the same owner, so adding
    a piece twice finds the first; different for every owner, so ids say nothing across."""
    scope, owner_id = owner
    digest = hashlib.sha256(f"{scope.value}:{owner_id}:{key}".encode()).digest()
    return base64.b32encode(digest).decode("ascii")[:ID_CHARS].lower()


def looks_like_id(text: str) -> bool:
    """Whether `text` could be a piece's id (what `piece_id` makes): a reader's id may be
    anything, undecodable bytes of a terminal argument included, which no store can look up."""
    return len(text) == ID_CHARS and all(c in _ID_ALPHABET for c in text)


def not_found(piece_id: str) -> PieceError:
    shown = piece_id if len(piece_id) <= ID_CHARS * 4 else piece_id[: ID_CHARS * 4] + "…"
    return PieceError(Reason.NOT_FOUND, f"there is no piece {shown!r} here")


@dataclass(frozen=True, slots=True)
class Reader:
    """Who asks and where. Build one with `operator`, `in_server` or `personal`."""

    user_id: int | None  # None: the operator at the terminal
    guild_id: int | None = None  # a server where the app is installed
    channel_id: int | None = None
    manages_server: bool = False  # holds Manage Server in that server

    @classmethod
    def operator(cls) -> Reader:
        """The terminal: manages the bundled pieces, sees only those."""
        return cls(None)

    @classmethod
    def in_server(
        cls, user_id: int, guild_id: int, channel_id: int, *, manages_server: bool
    ) -> Reader:
        """A member in a server where the app is installed (not merely user-installed)."""
        return cls(user_id, guild_id, channel_id, manages_server)

    @classmethod
    def personal(cls, user_id: int, channel_id: int | None = None) -> Reader:
        """A user in DMs, group DMs, or anywhere the app is only user-installed."""
        return cls(user_id, None, channel_id)

    @property
    def owners(self) -> tuple[Owner, ...]:
        """Whose pieces this reader sees."""
        seen = [BUNDLED_OWNER]
        if self.guild_id is not None:
            seen.append((Scope.SERVER, self.guild_id))
        if self.user_id is not None:
            seen.append((Scope.PERSONAL, self.user_id))
        return tuple(seen)

    @property
    def home(self) -> Owner:
        """Where a piece this reader adds goes."""
        if self.user_id is None:
            return BUNDLED_OWNER
        if self.guild_id is not None:
            return (Scope.SERVER, self.guild_id)
        return (Scope.PERSONAL, self.user_id)

    @property
    def context(self) -> str:
        """Whose "current piece" applies: the channel in a server, else the user."""
        if self.user_id is None:
            return "terminal"
        if self.guild_id is not None and self.channel_id is not None:
            return f"channel:{self.channel_id}"
        return f"user:{self.user_id}"

    def can_see(self, piece: Piece) -> bool:
        return piece.owned_by in self.owners

    def check_add(self) -> None:
        """Raise NEEDS_MANAGE_SERVER unless this reader may add a piece to `home`."""
        if self.home[0] is Scope.SERVER and not self.manages_server:
            raise PieceError(
                Reason.NEEDS_MANAGE_SERVER,
                "adding a piece to this server needs the Manage Server permission",
            )

    def check_remove(self, piece: Piece) -> None:
        """Raise NOT_FOUND if the piece is not visible; FORBIDDEN (a bundled piece) or
        NEEDS_MANAGE_SERVER (a server's piece) if this reader may not remove it."""
        if not self.can_see(piece):
            raise not_found(piece.id)
        if piece.scope is Scope.BUNDLED and self.user_id is not None:
            raise PieceError(
                Reason.FORBIDDEN, "bundled pieces are managed by the operator, from the terminal"
            )
        if piece.scope is Scope.BUNDLED and piece.seed is not None:
            raise PieceError(
                Reason.FORBIDDEN,
                f"this piece mirrors the file {piece.seed} (in seeds/ or ARTICLE_PATH): "
                "remove the file, or set ARTICLE_PATH to another, instead",
            )
        if piece.scope is Scope.SERVER and not self.manages_server:
            raise PieceError(
                Reason.NEEDS_MANAGE_SERVER,
                "removing a server's piece needs the Manage Server permission",
            )

    def check_use(self, piece: Piece) -> None:
        """Raise unless the piece may become this context's current piece."""
        if not self.can_see(piece):
            raise not_found(piece.id)
        if piece.scope is Scope.PERSONAL and self.context.startswith("channel:"):
            # Everyone in the channel would get answers about a piece only one of them sees.
            raise PieceError(
                Reason.PERSONAL_IN_CHANNEL,
                "a personal piece cannot be a channel's piece: pass it with the piece option",
            )
