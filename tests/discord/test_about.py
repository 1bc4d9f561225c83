"""The /about and /help embeds: complete, in both languages, within Discord's limits; and
/about on a piece whose engine is not loaded."""

from __future__ import annotations

import dataclasses

import discord
import pytest

from bot.core.article import Article
from bot.discord.about import about_embed, help_embed
from bot.discord.bot import PieceBot
from bot.discord.i18n import t
from bot.engines.base import PieceInfo
from bot.library.scope import Reader
from bot.library.store import Piece, Scope
from tests.discord.helpers import (
    USER_ID,
    command,
    interaction_payload,
    invoke,
    message_problems,
)


def library_piece(article: Article, scope: Scope) -> Piece:
    return Piece(
        id="abcdefgh", scope=scope, owner=1, title=article.meta.title, format="text",
        origin=None, sha256=article.sha256, size=len(article.text.encode()),
        paragraphs=len(article.paragraphs), added_by=None, added_at=0.0,
    )


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("scope", list(Scope))
def test_about_names_the_piece_engine_and_grounding(
    article: Article, lang: str, scope: Scope
) -> None:
    embed = about_embed(PieceInfo.of(article, "offline"), lang, piece=library_piece(article, scope))
    assert message_problems({"embeds": [embed]}) == []
    values = " ".join(f.value for f in embed.fields)
    assert f"`abcdefgh` · {t(f'scope.{scope.value}', lang)}" in values
    assert article.meta.author and article.meta.author in values
    assert "offline" in values
    assert "[¶n]" in values
    assert f"¶{len(article.paragraphs)}" in values


def test_about_fits_whatever_the_header_says(article: Article) -> None:
    # Escaped after it was cut, an author of markdown characters made a 1,200-character
    # field, and Discord refused the whole embed.
    meta = dataclasses.replace(article.meta, author="my_name_" * 120, title="*" * 2000)
    info = PieceInfo.of(dataclasses.replace(article, meta=meta), "offline")
    embed = about_embed(info, "en", piece=library_piece(article, Scope.BUNDLED))
    assert message_problems({"embeds": [embed]}) == []


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_help_lists_every_command(lang: str) -> None:
    embed = help_embed(lang, turns=10, days=30.0)
    assert message_problems({"embeds": [embed]}) == []
    for name in ("summary", "factors", "factor", "quote", "ask", "about", "piece", "forget"):
        assert f"/{name}" in (embed.description or "")
    assert "30" in (embed.description or "") and "10" in (embed.description or "")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_help_names_options_and_choices_as_discord_shows_them(lang: str) -> None:
    description = help_embed(lang, turns=10, days=30.0).description or ""
    for key in ("option.length", "option.topic", "option.private", "option.piece", "choice.long"):
        assert t(key, lang) in description
    assert "{" not in description  # every placeholder filled


async def about_shown(client: PieceBot, piece: str, lang: str) -> discord.Embed:
    locale = "ja" if lang == "ja" else "en-US"
    payload = interaction_payload(
        command(client, "about"), {"piece": piece}, where="dm", locale=locale
    )
    [embed] = (await invoke(client, payload)).sent()[-1]["embeds"]
    return embed


@pytest.mark.parametrize("lang", ["en", "ja"])
async def test_about_a_piece_not_in_memory_builds_no_engine(client: PieceBot, lang: str) -> None:
    # Regression: /about built the piece's engine (its index) only to show its metadata.
    owner = Reader.personal(USER_ID)
    text = "# 私の記事\n\n一つ目の段落です。\n\n二つ目の段落です。".encode()
    piece = (await client.library.add_bytes(owner, text, filename="a.md")).piece
    key = f"{piece.id}:{piece.sha256}"
    shown = await about_shown(client, piece.id, lang)
    assert key not in client.library.engines  # nothing built, nothing held
    async with client.library.reading(owner, piece.id) as reading:
        expected = about_embed(reading.engine.about(), lang, piece=piece)
    assert key in client.library.engines
    # The same embed as the engine's own, before it was loaded and now that it is.
    assert shown.to_dict() == expected.to_dict()
    assert (await about_shown(client, piece.id, lang)).to_dict() == expected.to_dict()
