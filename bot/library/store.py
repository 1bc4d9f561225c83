"""What the library keeps about pieces, and the one interface to where it keeps it.

`PieceStore` is all the library knows of storage: `bot.storage.pieces` implements it on the
bot's SQLite database; a PostgreSQL store would implement the same methods, and no caller
would change. Nothing here decides who may see what: that is `bot.library.scope`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.core.article import Article
    from bot.library.formats import Document


class Scope(StrEnum):
    """Who a piece belongs to: everyone (bundled), one server, or one person."""

    BUNDLED = "bundled"
    SERVER = "server"
    PERSONAL = "personal"


# (scope, owner id): the guild id for SERVER, the user id for PERSONAL, 0 for BUNDLED.
Owner = tuple[Scope, int]
BUNDLED_OWNER: Owner = (Scope.BUNDLED, 0)


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece in the library, without its text (lists never load texts)."""

    id: str
    scope: Scope
    owner: int
    title: str
    format: str  # text, markdown, html or pdf
    origin: str | None  # the file name or URL it came from, as the adder gave it
    sha256: str  # of the stored text: the LLM answer cache's key
    size: int  # UTF-8 bytes of the stored text
    paragraphs: int
    added_by: int | None  # Discord user id; None for the terminal and seeds/
    added_at: float  # Unix time
    seed: str | None = None  # the file in seeds/ (or ARTICLE_PATH) a bundled piece mirrors

    @property
    def owned_by(self) -> Owner:
        return (self.scope, self.owner)


class PieceStore(Protocol):
    """Pieces, their texts, each context's current piece, and a log of additions."""

    async def open(self) -> None:
        """Create or check the storage now rather than on first use."""
        ...

    async def aclose(self) -> None: ...

    async def add(self, piece: Piece, text: str, *, source: str = "") -> bool:
        """Store a new piece; False (and nothing changed) if its id is taken. `source`: the
        hash of the file it was read from, by which `by_source` finds it."""
        ...

    async def renew(self, piece: Piece, text: str, *, source: str) -> bool:
        """Give a stored piece a new text (its hash, size and paragraphs from `piece`) and
        record `source` as its file, in one step; False (and nothing changed) if it is gone."""
        ...

    async def by_source(self, owner: Owner, source: str) -> str | None:
        """The id of the owner's piece read from the file with this hash, if any."""
        ...

    async def has_source(self, piece_id: str) -> bool:
        """Whether the piece's file is recorded (pieces stored before sources were kept have
        none)."""
        ...

    async def put(self, piece: Piece, text: str) -> None:
        """Store a piece, replacing any with its id (seeds whose file changed)."""
        ...

    async def get(self, piece_id: str) -> Piece | None: ...

    async def text(self, piece_id: str) -> str | None: ...

    async def list(self, owners: Sequence[Owner]) -> list[Piece]:
        """The pieces of these owners: bundled first, then server, then personal, oldest first."""
        ...

    async def count(self, owner: Owner) -> int: ...

    async def seeded(self) -> list[Piece]:
        """Bundled pieces that mirror a file (seeds/, ARTICLE_PATH)."""
        ...

    async def delete(self, piece_id: str) -> bool:
        """Delete the piece, its text and every context's pointer to it; False if absent."""
        ...

    async def sharing_text(self, sha256: str) -> int:
        """How many pieces hold a text with this hash (answers cached for it are shared)."""
        ...

    async def set_current(self, context: str, piece_id: str) -> None: ...

    async def current(self, context: str) -> str | None: ...

    async def record_addition(self, user_id: int, at: float) -> None: ...

    async def additions_since(self, user_id: int, since: float) -> int: ...


def new_piece(
    pid: str,
    owner: Owner,
    document: Document,
    article: Article,
    title: str | None,
    origin: str | None,
    added_by: int | None,
    now: float,
) -> Piece:
    """A new piece of `owner` read as `document` (parsed: `article`), its own `title` or the
    piece's."""
    return Piece(
        id=pid,
        scope=owner[0],
        owner=owner[1],
        title=title or article.meta.title,
        format=document.format,
        origin=origin,
        sha256=article.sha256,
        size=document.size,
        paragraphs=len(article.paragraphs),
        added_by=added_by,
        added_at=now,
    )
