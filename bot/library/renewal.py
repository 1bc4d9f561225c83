"""Which stored piece a file added again was read into before, however this version reads it.

Markdown, HTML and PDF are stored as their plain rendering, which improves from version to
version; the same file added again is the same piece (`Library` renews its text), known by
its bytes' hash (`Document.source`, recorded with each piece since it was kept), or, for a
piece stored before that, by its name or URL, its format and its text as that version
stored it.
"""

from __future__ import annotations

from bot.library.formats import RENDERED, Document, unbulleted
from bot.library.store import Owner, Piece, PieceStore


async def earlier_reading(
    store: PieceStore, owner: Owner, document: Document, origin: str | None
) -> Piece | None:
    """The owner's piece read from the file `document` was read from, if any."""
    if not document.source:
        return None
    pid = await store.by_source(owner, document.source)
    piece = await store.get(pid) if pid is not None else None
    return piece or await _stored_before_sources(store, owner, document, origin)


async def _stored_before_sources(
    store: PieceStore, owner: Owner, document: Document, origin: str | None
) -> Piece | None:
    """The owner's piece of the same name or URL and format, stored with no record of its
    file, whose text is this one without the list bullets the versions that kept no record
    dropped (nothing else they stored differs). A piece whose file is recorded is another
    file's, however alike (tea.md of plain lines, then tea.md of bullets)."""
    if origin is None or document.format not in RENDERED:
        return None
    plain = unbulleted(document.text)
    for piece in await store.list([owner]):
        if (
            piece.origin == origin
            and piece.format == document.format
            and await store.text(piece.id) == plain
            and not await store.has_source(piece.id)
        ):
            return piece
    return None
