"""Japanese and English: every string exists in both, with the same placeholders."""

from __future__ import annotations

import string

import discord
import pytest
from discord import app_commands
from discord.app_commands import TranslationContext
from discord.app_commands import TranslationContextLocation as Where

from bot.core.language import UI_LANGUAGES
from bot.discord import limits as lim
from bot.discord.i18n import TEXT, PieceTranslator, describe, language_of, t


def test_the_three_files_of_the_table_share_no_key() -> None:
    from bot.discord.i18n.commands import COMMANDS
    from bot.discord.i18n.pieces import PIECES
    from bot.discord.i18n.replies import REPLIES

    assert len(TEXT) == len(COMMANDS) + len(REPLIES) + len(PIECES)


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a format string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def keys(prefix: str) -> list[str]:
    return sorted(key for key in TEXT if key.startswith(prefix))


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_string_has_both_languages_with_the_same_fields(key: str) -> None:
    table = TEXT[key]
    assert set(table) == set(UI_LANGUAGES)
    assert all(text.strip() for text in table.values())
    assert placeholders(table["en"]) == placeholders(table["ja"])


@pytest.mark.parametrize("key", keys("cmd."))
def test_command_texts_fit_discords_description_limit(key: str) -> None:
    for text in TEXT[key].values():
        assert 1 <= len(text) <= lim.COMMAND_DESCRIPTION_CHARS


@pytest.mark.parametrize(
    ("locale", "lang"),
    [
        (discord.Locale.japanese, "ja"),
        (discord.Locale.american_english, "en"),
        (discord.Locale.french, "en"),
        ("ja", "ja"),
        ("ja-JP", "ja"),
        ("en-GB", "en"),
        (None, "en"),
    ],
)
def test_language_of(locale: object, lang: str) -> None:
    assert language_of(locale) == lang  # type: ignore[arg-type]


def test_t_fills_placeholders_and_falls_back_to_english() -> None:
    assert t("rate_limited", "ja", seconds=7).startswith("リクエストが多すぎます。7秒後")
    assert "7 s" in t("rate_limited", "fr", seconds=7)


def _context(where: Where) -> TranslationContext:
    return TranslationContext(location=where, data=None)


async def test_the_translator_speaks_japanese_only_to_japanese_clients() -> None:
    translator = PieceTranslator()
    summary = describe("cmd.summary")
    ja = await translator.translate(
        summary, discord.Locale.japanese, _context(Where.command_description)
    )
    assert ja == TEXT["cmd.summary"]["ja"]
    for locale in (discord.Locale.american_english, discord.Locale.german):
        context = _context(Where.command_description)
        assert await translator.translate(summary, locale, context) is None


async def test_option_and_choice_names_translate_by_location() -> None:
    translator = PieceTranslator()
    name = app_commands.locale_str("length")
    jp = discord.Locale.japanese
    assert await translator.translate(name, jp, _context(Where.parameter_name)) == "長さ"
    assert await translator.translate(name, jp, _context(Where.choice_name)) is None
    short = app_commands.locale_str("short")
    assert await translator.translate(short, jp, _context(Where.choice_name)) == "短め"
    unknown = app_commands.locale_str("unknown")
    assert await translator.translate(unknown, jp, _context(Where.command_name)) is None


@pytest.mark.parametrize("prefix", ["option.", "choice."])
def test_translated_names_are_distinct(prefix: str) -> None:
    names = [TEXT[key]["ja"] for key in keys(prefix)]
    assert names and len(set(names)) == len(names)
