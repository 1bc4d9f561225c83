"""The one place errors become messages: what each error tells the user, and how."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import discord
import pytest
from discord import app_commands

from bot.discord.bot import PieceBot
from bot.discord.delivery import PENDING, RateLimited
from bot.discord.errors import describe_error, report_error
from bot.discord.i18n import TEXT, t
from bot.discord.ratelimit import Overloaded
from bot.engines.base import (
    InvalidRequest,
    check_factor_number,
    check_question,
    check_topic,
)
from bot.library.errors import PieceError, Reason
from bot.storage.sqlite import StoreBusy
from tests.discord.helpers import (
    FakeResponse,
    RecordingInteraction,
    command,
    interaction_payload,
)


async def _noop(interaction: discord.Interaction) -> None:
    return None


DUMMY = app_commands.Command(name="dummy", description="a command", callback=_noop)


def wrapped(error: Exception) -> app_commands.CommandInvokeError:
    """How discord.py hands over an exception raised inside a command."""
    return app_commands.CommandInvokeError(DUMMY, error)


@pytest.mark.parametrize(
    ("error", "expected", "needle"),
    [
        (InvalidRequest("the question is empty"), True, "the question is empty"),
        (wrapped(InvalidRequest("bad count")), True, "bad count"),
        (RateLimited(12.2), True, "try again in 13 s"),
        (Overloaded("full"), True, "many questions"),
        (StoreBusy("database is locked"), True, "nothing was changed"),
        (TimeoutError(), True, "took too long"),
        (app_commands.CommandNotFound("gone", []), True, "python -m bot sync"),
        (wrapped(KeyError("secret internals")), False, "ref 99"),
        (ZeroDivisionError(), False, "ref 99"),
    ],
)
def test_each_error_gets_its_message(error: Exception, expected: bool, needle: str) -> None:
    text, was_expected = describe_error(error, "en", ref=99)
    assert needle in text
    assert was_expected is expected
    assert "secret internals" not in text


def test_messages_follow_the_language() -> None:
    text, _ = describe_error(RateLimited(3), "ja", ref=1)
    assert text == "リクエストが多すぎます。3秒後にもう一度お試しください。"


def _refusal(check: Callable[[], object]) -> InvalidRequest:
    with pytest.raises(InvalidRequest) as caught:
        check()
    return caught.value


@pytest.mark.parametrize(
    ("check", "english", "japanese"),
    [
        (lambda: check_question("\u200b"), "the question is empty", "質問が空です"),
        (lambda: check_question("あ" * 1001), "the limit is 1,000", "上限は1,000文字"),
        (lambda: check_topic("あ" * 201), "the limit is 200", "上限は200文字"),
        (lambda: check_factor_number(7, 3), "from 1 to 3", "1〜3 の番号"),
        (lambda: check_factor_number(1, 0), "names no factors", "要因を挙げていません"),
    ],
)
def test_a_refused_request_is_explained_in_the_readers_language(
    check: Callable[[], object], english: str, japanese: str
) -> None:
    """The reasons came in English inside the Japanese frame: 「実行できません：the question…」."""
    refusal = _refusal(check)
    assert english in str(refusal)  # what the terminal prints
    en, _ = describe_error(refusal, "en", ref=1)
    ja, _ = describe_error(refusal, "ja", ref=1)
    assert en.startswith("Can't do that: ") and english in en
    assert ja.startswith("実行できません：") and japanese in ja
    assert not re.search(r"[A-Za-z]{3,}", ja), ja


def _interaction(bot: PieceBot) -> RecordingInteraction:
    return RecordingInteraction(bot, interaction_payload(command(bot, "help"), {}))


async def test_before_any_response_the_error_is_the_ephemeral_response(client: PieceBot) -> None:
    interaction = _interaction(client)
    await report_error(interaction, InvalidRequest("nope"))
    [(name, kwargs)] = interaction.calls()
    assert name == "response.send_message" and kwargs["ephemeral"] is True


async def test_after_the_answer_was_sent_the_error_is_an_ephemeral_follow_up(
    client: PieceBot,
) -> None:
    interaction = _interaction(client)
    interaction.answered = True  # answered, no placeholder pending
    await report_error(interaction, InvalidRequest("nope"))
    [(name, kwargs)] = interaction.calls()
    assert name == "followup.send" and kwargs["ephemeral"] is True


async def test_an_expired_interaction_is_only_logged(
    client: PieceBot, caplog: pytest.LogCaptureFixture
) -> None:
    interaction = _interaction(client)
    expired = discord.NotFound(FakeResponse(404), {"code": 10062, "message": "Unknown interaction"})
    with caplog.at_level(logging.WARNING, logger="bot.discord.errors"):
        await report_error(interaction, expired)
    assert interaction.calls() == []
    assert "expired" in caplog.text


async def test_failing_to_report_never_raises(
    client: PieceBot, caplog: pytest.LogCaptureFixture
) -> None:
    interaction = _interaction(client)
    interaction.answered = True
    interaction.extras[PENDING] = "public"
    interaction.recorded_original.delete_original_response.side_effect = discord.HTTPException(
        FakeResponse(500), "down"
    )
    down = discord.HTTPException(FakeResponse(500), "down")
    interaction.recorded_followup.send.side_effect = down
    with caplog.at_level(logging.WARNING, logger="bot.discord.errors"):
        await report_error(interaction, InvalidRequest("nope"))
    assert "could not tell the user" in caplog.text


@pytest.mark.parametrize("reason", list(Reason))
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_piece_error_names_its_reason_in_the_readers_language(
    reason: Reason, lang: str
) -> None:
    assert f"piece.error.{reason.value}" in TEXT
    error = PieceError(reason, "the English detail", limit=None)
    text, expected = describe_error(wrapped(error), lang, ref=1)
    assert expected and text == t(f"piece.error.{reason.value}", lang, limit="")
    assert "the English detail" not in text  # the table's words, in either language


@pytest.mark.parametrize(
    ("reason", "limit", "shown"),
    [
        (Reason.TOO_LARGE, 10_000_000, "10 MB"),
        (Reason.TOO_LARGE, 2 * 1024 * 1024, "2.1 MB"),
        (Reason.TOO_SLOW, 15.0, "15 seconds"),
        (Reason.TOO_MANY_REDIRECTS, 5, "5 times"),
        (Reason.LIMIT_REACHED, 50, "50 pieces"),
        (Reason.RATE_LIMITED, 5, "5 pieces"),
    ],
)
def test_a_piece_error_says_its_limit(reason: Reason, limit: float, shown: str) -> None:
    text, _ = describe_error(PieceError(reason, "x", limit=limit), "en", ref=1)
    assert shown in text
