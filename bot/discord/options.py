"""The `piece` option (a piece id, offered from the pieces the reader may see) and the
autocompletes that depend on a piece: factor titles for /factor, key terms for /quote.

A piece's suggestions are worked out once, in the background, and kept for the pieces asked
about most recently. Every request looks the piece up again as the reader who types, so
nobody is ever offered anything from a piece outside their scope.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable

import discord
from discord import app_commands

import bot.discord.limits as lim
from bot.discord import delivery
from bot.discord.i18n import language_of
from bot.discord.listing import choice_name
from bot.discord.readers import reader_for
from bot.engines.base import Engine
from bot.library.errors import PieceError
from bot.library.scope import Reader
from bot.library.service import Library
from bot.library.store import Piece
from bot.storage.sqlite import StoreBusy

log = logging.getLogger(__name__)

# Autocomplete must answer within the 3 s too; on a piece still being prepared it answers
# with nothing at once, and the reader's next keystroke finds the suggestions ready. (A
# look-up in the library waits `delivery.QUICK_LOOKUP_S` at most, then nothing is offered.)
AUTOCOMPLETE_WAIT_S = 0.5
KEPT_PIECES = 64  # pieces whose suggestions are kept (a few dozen short strings each)


class PieceTransformer(app_commands.Transformer):
    """A piece id; while the reader types, the visible pieces whose title or id match."""

    @property
    def max_value(self) -> int:
        return lim.CHOICE_VALUE_CHARS  # a string option's max_length

    async def transform(self, interaction: discord.Interaction, value: object) -> str:
        return str(value).strip()

    async def autocomplete(  # type: ignore[override]
        self, interaction: discord.Interaction, value: str
    ) -> list[app_commands.Choice[str]]:
        lang = language_of(interaction.locale)
        library = delivery.piece_bot(interaction).library
        try:
            async with asyncio.timeout(delivery.QUICK_LOOKUP_S):
                pieces = await library.autocomplete(
                    reader_for(interaction), str(value or ""), limit=lim.OPTION_CHOICES
                )
        except (StoreBusy, TimeoutError):
            return []  # the next keystroke asks again
        return [app_commands.Choice(name=choice_name(p, lang), value=p.id) for p in pieces]


PieceOption = app_commands.Transform[str, PieceTransformer]

Make = Callable[[Engine], Awaitable[list[str]]]


class PerPiece:
    """Suggestions computed from a piece's engine (`make`), once per piece, in the background."""

    def __init__(self, what: str, make: Make, *, keep: int = KEPT_PIECES) -> None:
        self.what = what
        self._make = make
        self._keep = keep
        self._lists: OrderedDict[str, asyncio.Future[list[str]]] = OrderedDict()

    async def get(
        self, library: Library, reader: Reader, piece_id: str | None, *, wait: float
    ) -> list[str]:
        """The suggestions of `piece_id` (else the reader's current piece) if the reader may
        see it and they are ready within `wait` seconds (the work goes on if not); else none."""
        try:
            async with asyncio.timeout(delivery.QUICK_LOOKUP_S):  # an answer is due in 3 s
                piece = await library.resolve(reader, piece_id)
        except (PieceError, StoreBusy, TimeoutError):
            return []
        key = _key(piece)
        future = self._lists.get(key)
        if future is None or (future.done() and (future.cancelled() or future.exception())):
            future = asyncio.ensure_future(self._compute(library, reader, piece.id))
            future.add_done_callback(self._report)
        self._remember(key, future)
        return await _within(future, wait)

    def put(self, piece: Piece, values: list[str]) -> None:
        """Keep `values` as the piece's suggestions (e.g. the factors a reader was just shown)."""
        future: asyncio.Future[list[str]] = asyncio.get_running_loop().create_future()
        future.set_result(values)
        self._remember(_key(piece), future)

    def cancel(self) -> None:
        for future in self._lists.values():
            future.cancel()
        self._lists.clear()

    async def _compute(self, library: Library, reader: Reader, piece_id: str) -> list[str]:
        async with library.reading(reader, piece_id) as reading:
            values = await self._make(reading.engine)
        log.debug("%d %s for piece %s", len(values), self.what, piece_id)
        return values

    def _report(self, future: asyncio.Future[list[str]]) -> None:
        """Log a failure once, whether or not a reader was still waiting for it."""
        if future.cancelled() or (error := future.exception()) is None:
            return
        if isinstance(error, PieceError | StoreBusy):  # removed meanwhile, or busy: expected
            log.info("no %s for autocomplete: %s", self.what, error)
        else:
            log.error("could not work out the %s for autocomplete", self.what, exc_info=error)

    def _remember(self, key: str, future: asyncio.Future[list[str]]) -> None:
        self._lists[key] = future
        self._lists.move_to_end(key)
        while len(self._lists) > self._keep:
            _, old = self._lists.popitem(last=False)
            old.cancel()


def _key(piece: Piece) -> str:
    return f"{piece.id}:{piece.sha256}"  # a seed edited in place keeps its id


async def _within(future: asyncio.Future[list[str]], wait: float) -> list[str]:
    """What `future` gives, if it does within `wait` seconds (it goes on if not); else nothing
    (a failure is logged by `PerPiece._report`)."""
    try:
        return await asyncio.wait_for(asyncio.shield(future), wait)
    except Exception:  # TimeoutError included
        return []
