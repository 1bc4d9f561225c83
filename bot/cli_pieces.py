"""Terminal commands for the library: `pieces list | add PATH_OR_URL | remove ID`, and `--piece`.

The operator manages the bundled pieces (visible in every server and DM) in the database the
bot uses (`PIECE_BOT_DATA_DIR`), so a running bot sees a piece as soon as it is added here.
Nothing of the library is imported until one of these commands runs: `python -m bot summary`
starts as fast as before.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot.cli_args import piece_ref
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.engines.base import Engine, PieceInfo
    from bot.library.service import Library
    from bot.library.store import Piece

log = logging.getLogger(__name__)

_URL_SCHEMES = ("http://", "https://")


def add_pieces_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The `pieces` command and its three subcommands, on the CLI's subparsers."""
    pieces = sub.add_parser(
        "pieces", parents=[common], help="list, add or remove the bundled pieces"
    )
    actions = pieces.add_subparsers(dest="pieces_command", metavar="ACTION")
    actions.required = True
    actions.add_parser("list", parents=[common], help="the bundled pieces")
    add = actions.add_parser(
        "add", parents=[common], help="add a file (.txt .md .html .pdf) or an http(s) URL"
    )
    add.add_argument("source", metavar="PATH_OR_URL")
    add.add_argument("--title", default=None, help="the title to show (default: the piece's)")
    remove = actions.add_parser("remove", parents=[common], help="remove a bundled piece")
    remove.add_argument("piece_id", metavar="ID", type=piece_ref)


def piece_row(piece: Piece) -> dict[str, Any]:
    """What `pieces list --json` shows of a piece."""
    return {
        "id": piece.id,
        "title": piece.title,
        "scope": piece.scope.value,
        "format": piece.format,
        "size": piece.size,
        "paragraphs": piece.paragraphs,
        "origin": piece.origin,
        "seed": piece.seed is not None,
    }


def _describe(piece: Piece) -> str:
    return f"{piece.id}  {piece.title}  ({piece.size:,} bytes, {piece.paragraphs} paragraphs)"


@asynccontextmanager
async def _library(settings: Settings) -> AsyncIterator[Library]:
    """The library on the bot's database, open, and closed after, even if opening failed
    half way: a store left open keeps a database thread, and the process, alive."""
    from bot.library.service import library_for

    library = library_for(settings, durable=True)  # never "added" to a library in memory
    try:
        await library.open()
        yield library
    finally:
        await library.aclose()  # the engines too


async def run_pieces(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    """`pieces list | add | remove`; a `PieceError` propagates to the CLI's error handling."""
    from bot.library.scope import Reader

    as_json = bool(getattr(args, "json", False))
    operator = Reader.operator()
    async with _library(settings) as library:
        action = args.pieces_command
        if action == "list":
            pieces = await library.list(operator)
            if as_json:
                data: dict[str, Any] = {"pieces": [piece_row(p) for p in pieces]}
                data["default"] = library.default_id
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                for p in pieces:
                    mark = " (default)" if p.id == library.default_id else ""
                    out.write(_describe(p) + mark + "\n")
            return 0
        if action == "add":
            source: str = args.source
            if source.startswith(_URL_SCHEMES) or "://" in source:
                added = await library.add_url(operator, source, title=args.title)
            else:
                added = await library.add_path(operator, Path(source), title=args.title)
            verb = "added" if added.created else "already in the library"
            _say(
                out,
                as_json,
                {"piece": piece_row(added.piece), "created": added.created},
                f"{verb}: {_describe(added.piece)}",
            )
            return 0
        # The readers' conversations about the piece go with it, as when Discord removes it.
        from bot.storage.conversations import conversations_for

        conversations = conversations_for(settings)
        library.on_remove(conversations.forget_removed)
        try:
            removed = await library.remove(operator, args.piece_id)
        finally:
            await conversations.aclose()
        _say(out, as_json, {"removed": piece_row(removed)}, f"removed: {_describe(removed)}")
        return 0


def _say(out: TextIO, as_json: bool, data: dict[str, Any], text: str) -> None:
    out.write((json.dumps(data, ensure_ascii=False) if as_json else text) + "\n")


async def run_on_piece(
    settings: Settings, piece_id: str, command: Callable[[Engine], Awaitable[int]]
) -> int:
    """Run a reading command on the bundled piece `piece_id` (`--piece ID`)."""
    from bot.library.scope import Reader

    async with (
        _library(settings) as library,
        library.reading(Reader.operator(), piece_id) as reading,
    ):
        return await command(reading.engine)


async def about_piece(settings: Settings, piece_id: str) -> PieceInfo:
    """What `about --piece ID` shows, without building the piece's engine."""
    from bot.library.scope import Reader

    async with _library(settings) as library:
        return await library.about(Reader.operator(), piece_id)
