"""Japanese and English for the Discord layer: one table of every string, one look-up `t`.

The table is kept in three files by use, and joined here (a key is in exactly one of them):
`commands` has `cmd.*` command and option descriptions (English is what Discord shows by
default; `PieceTranslator` gives Japanese clients the rest at sync time), `option.*` option
names and `choice.*` choice names (by the English name Discord dispatches with); `replies`
the framing of replies (headings, notes, errors, /about, /help); `pieces` what the library
of pieces says. Placeholders match between languages (tests check).
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import TranslationContextLocation as Where

from bot.core.language import ui_language
from bot.discord.i18n.commands import COMMANDS
from bot.discord.i18n.pieces import PIECES
from bot.discord.i18n.replies import REPLIES

TEXT: dict[str, dict[str, str]] = {**COMMANDS, **REPLIES, **PIECES}


def t(key: str, lang: str, **values: object) -> str:
    """The string `key` in `lang` ('ja' or 'en'; English for anything else), `values` filled in."""
    table = TEXT[key]
    return table.get(lang, table["en"]).format(**values)


def describe(key: str) -> app_commands.locale_str:
    """A translatable description; the key lets the translator find it whatever the English says."""
    return app_commands.locale_str(t(key, "en"), key=key)


def language_of(locale: discord.Locale | str | None) -> str:
    """'ja' for Japanese clients, else 'en' (the only two languages the replies speak)."""
    return ui_language(str(locale) if locale else None)


# Option and choice names reach the translator as their English names, without a key.
_NAME_KEYS = {Where.parameter_name: "option.", Where.choice_name: "choice."}


class PieceTranslator(app_commands.Translator):
    """Japanese descriptions, option names and choice names; other locales keep the English."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContext,
    ) -> str | None:
        if language_of(locale) != "ja":
            return None
        key = string.extras.get("key")
        if key is None and context.location in _NAME_KEYS:
            key = _NAME_KEYS[context.location] + string.message
        return t(key, "ja") if key in TEXT else None
