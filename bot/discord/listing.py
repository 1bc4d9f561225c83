"""How pieces are shown: sizes, scopes, a piece as an autocomplete choice and as a line of
`/piece list`, and what `/piece add` (or a file sent in a DM) confirms."""

from __future__ import annotations

from collections.abc import Sequence

import discord

import bot.discord.limits as lim
from bot.discord.i18n import t
from bot.discord.render import (
    DESCRIPTION_BUDGET,
    GROUNDED_COLOUR,
    TITLE_IN_TEXT_CHARS,
    Reply,
    escape,
    escaped,
    pack_embeds,
    render_text,
    split_text,
    truncate,
)
from bot.library.service import Added
from bot.library.store import Piece


def human_size(size: int) -> str:
    """Bytes for a reader: "820 B", "12.3 KB", "2.1 MB", "10 MB" (decimal units)."""
    if size < 1000:
        return f"{size} B"
    value, unit = (size / 1000, "KB") if size < 1_000_000 else (size / 1_000_000, "MB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def scope_name(piece: Piece, lang: str) -> str:
    return t(f"scope.{piece.scope.value}", lang)


def choice_name(piece: Piece, lang: str) -> str:
    """A piece in an autocomplete list: its title, scope and id (the id is never cut)."""
    tail = f" · {scope_name(piece, lang)} · {piece.id}"
    return truncate(piece.title, lim.CHOICE_NAME_CHARS - len(tail)) + tail


def added_text(added: Added, lang: str) -> str:
    """The confirmation of an addition: title, scope, size, paragraphs and id."""
    piece = added.piece
    return t(
        "piece.added" if added.created else "piece.exists",
        lang,
        title=escaped(piece.title, TITLE_IN_TEXT_CHARS),
        scope=scope_name(piece, lang),
        size=human_size(piece.size),
        paragraphs=piece.paragraphs,
        id=piece.id,
    )


def list_replies(
    pieces: Sequence[Piece], current: str | None, default: str | None, lang: str
) -> list[Reply]:
    """`/piece list`: one line per piece (id, title, scope, size), the current one marked."""
    if not pieces:
        return render_text(t("piece.list.none", lang))
    lines = []
    for piece in pieces:
        marks = []
        if piece.id == current:
            marks.append(t("piece.list.current", lang))
        if piece.id == default:
            marks.append(t("piece.list.default", lang))
        mark = f" — *{', '.join(marks)}*" if marks else ""
        title = escape(truncate(piece.title, lim.EMBED_TITLE_CHARS))
        size = human_size(piece.size)
        lines.append(f"`{piece.id}` **{title}** · {scope_name(piece, lang)} · {size}{mark}")
    embeds = [
        discord.Embed(description=chunk, colour=GROUNDED_COLOUR)
        for chunk in split_text("\n".join(lines), DESCRIPTION_BUDGET)
    ]
    embeds[0].title = t("piece.list.title", lang)
    return [Reply(embeds=page) for page in pack_embeds(embeds)]
