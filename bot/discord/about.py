"""The /about and /help embeds: the piece, the engine in use, and how to use the bot."""

from __future__ import annotations

import discord

import bot.discord.limits as lim
from bot.core.language import language_label
from bot.discord.i18n import TEXT, t
from bot.discord.listing import scope_name
from bot.discord.render import GROUNDED_COLOUR, embed_link, escaped
from bot.engines.base import PieceInfo
from bot.library.store import Piece


def _named(prefix: str, name: str, lang: str) -> str:
    """`name` (a language code, an engine) in words if the strings table has them, else as is."""
    key = f"{prefix}.{name}"
    return t(key, lang) if key in TEXT else name


def about_embed(info: PieceInfo, lang: str, *, piece: Piece) -> discord.Embed:
    """The piece's metadata, its library id and scope, the engine in use, and how answers
    are grounded."""
    unknown = t("about.unknown", lang)
    title = info.title + (f" {t('about.derived', lang)}" if info.title_derived else "")
    embed = discord.Embed(
        title=t("about.title", lang), url=embed_link(info.url), colour=GROUNDED_COLOUR
    )
    rows = [
        ("about.piece_title", title),
        ("about.author", info.author or unknown),
        ("about.source", info.source or unknown),
        ("about.date", info.date or unknown),
        ("about.language", language_label(info.language, lang)),
        ("about.paragraphs", f"¶1–¶{info.paragraphs}"),
    ]
    for key, value in rows:
        embed.add_field(
            name=t(key, lang),
            value=escaped(value, lim.FIELD_VALUE_CHARS),
            inline=key != "about.piece_title",
        )
    embed.add_field(
        name=t("about.piece", lang), value=f"`{piece.id}` · {scope_name(piece, lang)}", inline=True
    )
    engine = _named("engine", info.engine, lang)
    embed.add_field(name=t("about.engine", lang), value=engine, inline=False)
    embed.add_field(
        name=t("about.grounding_name", lang), value=t("about.grounding", lang), inline=False
    )
    return embed


def help_embed(lang: str, *, turns: int, days: float) -> discord.Embed:
    """How to use the bot: the commands, the Sources button, and what DMs remember."""
    # Option, choice and button names as Discord shows them, e.g. {option_length}.
    names = {
        key.replace(".", "_"): t(key, lang)
        for key in TEXT
        if key.startswith(("option.", "choice.", "button."))
    }
    body = t("help.body", lang, turns=turns, days=f"{days:g}", **names)
    return discord.Embed(title=t("help.title", lang), description=body, colour=GROUNDED_COLOUR)
