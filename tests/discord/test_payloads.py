"""Every command's payload, as synced (plain and translated), obeys Discord's documented rules."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from discord import app_commands

from bot.discord import limits as lim
from bot.discord.bot import PieceBot, create_bot
from bot.settings import load_settings
from tests.discord.helpers import NAME_RULE

COMMANDS = {"summary", "factors", "factor", "quote", "ask", "about", "help", "forget", "piece"}
READING = ("summary", "factors", "factor", "quote", "ask", "about")
# Option types Discord numbers: 1 subcommand, 3 string, 4 integer, 5 boolean, 11 attachment.
SUBCOMMAND, STRING, INTEGER, BOOLEAN, ATTACHMENT = 1, 3, 4, 5, 11


async def _collect(settings_dir: Path) -> list[tuple[dict, dict]]:
    settings = load_settings({"PIECE_BOT_DATA_DIR": str(settings_dir)}, dotenv=False)
    bot: PieceBot = create_bot(settings)
    async with bot:
        await bot.setup_hook()
        tree = bot.tree
        translator = tree.translator
        assert translator is not None
        out = []
        for command in tree.get_commands():
            assert isinstance(command, app_commands.Command | app_commands.Group)
            translated = await command.get_translated_payload(tree, translator)
            out.append((command.to_dict(tree), translated))
        return out


@pytest.fixture(scope="module")
def payloads(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, dict]]:
    """(plain, translated) payload of every command, exactly as `tree.sync` would send them."""
    return asyncio.run(_collect(tmp_path_factory.mktemp("payloads")))


def _leaves(payload: dict) -> list[dict]:
    """What a user invokes: the command itself, or each subcommand of a group."""
    subcommands = [o for o in payload.get("options", []) if o["type"] == SUBCOMMAND]
    return subcommands or [payload]


def _names(payload: dict) -> list[str]:
    names = [payload["name"], *payload.get("name_localizations", {}).values()]
    for option in payload.get("options", []):
        names += _names(option) if option["type"] == SUBCOMMAND else [
            option["name"], *option.get("name_localizations", {}).values()
        ]
    return names


def _descriptions(payload: dict) -> list[str]:
    texts = [payload["description"], *payload.get("description_localizations", {}).values()]
    for option in payload.get("options", []):
        texts += _descriptions(option) if option["type"] == SUBCOMMAND else [
            option["description"], *option.get("description_localizations", {}).values()
        ]
    return texts


def _size(payload: dict[str, Any]) -> int:
    """Characters counted toward the 8,000 limit, summed over every locale (the strict way)."""
    total = sum(len(n) for n in _names(payload)) + sum(len(d) for d in _descriptions(payload))
    for leaf in _leaves(payload):
        for choice in (c for o in leaf.get("options", []) for c in o.get("choices", [])):
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
    for leaf in (leaf for _, payload in payloads for leaf in _leaves(payload)):
        options = leaf.get("options", [])
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
    for leaf in (leaf for _, payload in payloads for leaf in _leaves(payload)):
        assert "ja" in leaf["description_localizations"], leaf["name"]
        for option in leaf.get("options", []):
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
    for name in READING:
        assert by_name[name]["private"]["type"] == BOOLEAN
        piece = by_name[name]["piece"]
        assert piece["type"] == STRING and piece["autocomplete"] is True
        assert piece.get("required", False) is False
        assert piece["max_length"] <= lim.CHOICE_VALUE_CHARS  # an id from the list fits


def test_the_piece_group_has_add_list_use_remove(payloads: list) -> None:
    [group] = [plain for plain, _ in payloads if plain["name"] == "piece"]
    subcommands = {o["name"]: {x["name"]: x for x in o.get("options", [])} for o in _leaves(group)}
    assert set(subcommands) == {"add", "list", "use", "remove"}
    add = subcommands["add"]
    assert add["file"]["type"] == ATTACHMENT and add["url"]["type"] == STRING
    assert not any(o.get("required") for o in add.values())  # one of file/url: checked by us
    assert add["title"]["max_length"] == 200
    assert subcommands["list"] == {}
    for name in ("use", "remove"):
        assert subcommands[name]["piece"]["required"] is True
        assert subcommands[name]["piece"]["autocomplete"] is True


def test_the_name_rule_itself_rejects_what_discord_rejects() -> None:
    for bad in ("", "has space", "x" * 33, "emoji😀", "dot.name"):
        assert not NAME_RULE.match(bad), bad
    for good in ("summary", "長さ", "テーマ", "a-b_c'd", "x" * 32):
        assert NAME_RULE.match(good), good
