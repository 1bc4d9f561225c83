"""Every command's payload, as synced (plain and translated), obeys Discord's documented rules."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from discord import app_commands

from bot.core.article import Article
from bot.discord import limits as lim
from bot.discord.bot import PieceBot, create_bot
from bot.engines.offline.engine import OfflineEngine
from bot.settings import load_settings
from tests.discord.helpers import NAME_RULE

COMMANDS = {"summary", "factors", "factor", "quote", "ask", "about", "help", "forget"}
# Option types Discord numbers: 1/2 are subcommands (none here), 3 string, 4 integer, 5 boolean.
STRING, INTEGER, BOOLEAN = 3, 4, 5


async def _collect(settings_dir: Path, article: Article) -> list[tuple[dict, dict]]:
    settings = load_settings({"PIECE_BOT_DATA_DIR": str(settings_dir)}, dotenv=False)
    bot: PieceBot = create_bot(settings, article=article, engine=OfflineEngine(article))
    async with bot:
        await bot.setup_hook()
        tree = bot.tree
        translator = tree.translator
        assert translator is not None
        out = []
        for command in tree.get_commands():
            assert isinstance(command, app_commands.Command)
            translated = await command.get_translated_payload(tree, translator)
            out.append((command.to_dict(tree), translated))
        return out


@pytest.fixture(scope="module")
def payloads(
    tmp_path_factory: pytest.TempPathFactory, article: Article
) -> list[tuple[dict, dict]]:
    """(plain, translated) payload of every command, exactly as `tree.sync` would send them."""
    return asyncio.run(_collect(tmp_path_factory.mktemp("payloads"), article))


def _names(payload: dict) -> list[str]:
    names = [payload["name"], *payload.get("name_localizations", {}).values()]
    for option in payload.get("options", []):
        names += [option["name"], *option.get("name_localizations", {}).values()]
    return names


def _descriptions(payload: dict) -> list[str]:
    texts = [payload["description"], *payload.get("description_localizations", {}).values()]
    for option in payload.get("options", []):
        texts += [option["description"], *option.get("description_localizations", {}).values()]
    return texts


def _size(payload: dict[str, Any]) -> int:
    """Characters counted toward the 8,000 limit, summed over every locale (the strict way)."""
    total = sum(len(n) for n in _names(payload)) + sum(len(d) for d in _descriptions(payload))
    for option in payload.get("options", []):
        for choice in option.get("choices", []):
            total += len(choice["name"]) + len(str(choice["value"]))
            total += sum(len(n) for n in choice.get("name_localizations", {}).values())
    return total


def test_the_commands_are_the_ones_the_issue_lists(payloads: list) -> None:
    assert {plain["name"] for plain, _ in payloads} == COMMANDS


def test_names_match_discords_pattern_in_lower_case(payloads: list) -> None:
    for plain, translated in payloads:
        for payload in (plain, translated):
            for name in _names(payload):
                assert NAME_RULE.match(name), name
                assert name == name.lower(), name


def test_descriptions_are_1_to_100_characters(payloads: list) -> None:
    for plain, translated in payloads:
        for payload in (plain, translated):
            for text in _descriptions(payload):
                assert 1 <= len(text) <= lim.COMMAND_DESCRIPTION_CHARS, text


def test_options_and_choices_are_within_limits(payloads: list) -> None:
    for _, payload in payloads:
        options = payload.get("options", [])
        assert len(options) <= lim.COMMAND_OPTIONS
        required = [o.get("required", False) for o in options]
        assert required == sorted(required, reverse=True), "required options come first"
        for option in options:
            choices = option.get("choices", [])
            assert len(choices) <= lim.OPTION_CHOICES
            assert not (choices and option.get("autocomplete")), "choices or autocomplete"
            for choice in choices:
                for name in [choice["name"], *choice.get("name_localizations", {}).values()]:
                    assert 1 <= len(name) <= lim.CHOICE_NAME_CHARS
            if option["type"] == STRING:
                assert option.get("max_length", lim.STRING_OPTION_CHARS) <= lim.STRING_OPTION_CHARS


def test_every_command_works_everywhere_and_installs_both_ways(payloads: list) -> None:
    for plain, translated in payloads:
        for payload in (plain, translated):
            assert payload["contexts"] == [0, 1, 2], payload["name"]
            assert payload["integration_types"] == [0, 1], payload["name"]


def test_total_size_is_within_8000_characters(payloads: list) -> None:
    for _, translated in payloads:
        assert _size(translated) <= lim.COMMAND_PAYLOAD_CHARS, translated["name"]


def test_every_description_and_option_name_has_japanese(payloads: list) -> None:
    for _, payload in payloads:
        assert "ja" in payload["description_localizations"], payload["name"]
        for option in payload.get("options", []):
            assert "ja" in option["description_localizations"], option["name"]
            assert "ja" in option["name_localizations"], option["name"]
            for choice in option.get("choices", []):
                assert "ja" in choice["name_localizations"], choice["name"]


def test_the_documented_options_are_there(payloads: list) -> None:
    by_name = {p["name"]: {o["name"]: o for o in p.get("options", [])} for p, _ in payloads}
    assert [c["value"] for c in by_name["summary"]["length"]["choices"]] == [
        "short", "medium", "long"
    ]
    assert by_name["factor"]["number"]["autocomplete"] is True
    assert by_name["factor"]["number"]["type"] == INTEGER
    assert by_name["quote"]["topic"]["autocomplete"] is True
    assert by_name["quote"]["topic"].get("required", False) is False
    assert by_name["ask"]["question"]["max_length"] == 500
    for name in ("summary", "factors", "factor", "quote", "ask", "about"):
        assert by_name[name]["private"]["type"] == BOOLEAN


def test_the_name_rule_itself_rejects_what_discord_rejects() -> None:
    for bad in ("", "has space", "x" * 33, "emoji😀", "dot.name"):
        assert not NAME_RULE.match(bad), bad
    for good in ("summary", "長さ", "テーマ", "a-b_c'd", "x" * 32):
        assert NAME_RULE.match(good), good
