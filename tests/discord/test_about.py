"""The /about and /help embeds: complete, in both languages, within Discord's limits."""

from __future__ import annotations

import pytest

from bot.core.article import Article
from bot.discord.about import about_embed, help_embed
from bot.discord.i18n import t
from bot.engines.base import PieceInfo
from bot.library.store import Piece, Scope
from tests.discord.helpers import message_problems


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
