"""The one place errors become messages: a short private note to the user, the trace to the log.

Order of handling (first match wins):

1. `CommandInvokeError` is unwrapped to the exception the handler raised.
2. Expected, user-fixable errors — `InvalidRequest` from the engine, `PieceError` from the
   library (its reason, and the limit it names), `RateLimited`, `Overloaded`, `StoreBusy`,
   `TimeoutError`, bad option values, out-of-date commands — get a specific message and an
   INFO log line without a trace.
3. An interaction Discord has already expired (10062 Unknown interaction) cannot
   be answered at all: a WARNING, no reply.
4. Anything else gets a generic message with a reference (the interaction or
   message id) and an ERROR log with the full trace under the same reference.

A plain module, not an extension: the command tree's handler (installed by the
`cogs.errors` extension), the Sources button and the DM listener all report here.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.delivery import PENDING, RateLimited
from bot.discord.i18n import language_of, t
from bot.discord.listing import human_size
from bot.discord.ratelimit import Overloaded, whole_seconds
from bot.engines.base import InvalidRequest
from bot.library.errors import PieceError, Reason
from bot.storage.sqlite import StoreBusy

log = logging.getLogger(__name__)

UNKNOWN_INTERACTION = 10062


def unwrap(error: BaseException) -> BaseException:
    if isinstance(error, app_commands.CommandInvokeError | commands.CommandInvokeError):
        return error.original
    return error


def describe_error(error: BaseException, lang: str, *, ref: int | str) -> tuple[str, bool]:
    """The message to show for `error` and whether it was expected (no trace needed)."""
    error = unwrap(error)
    if isinstance(error, InvalidRequest):
        reason = t(f"invalid.{error.code}", lang, **error.values) if error.code else str(error)
        return t("invalid", lang, reason=reason), True
    if isinstance(error, PieceError):
        return t(f"piece.error.{error.reason.value}", lang, limit=_limit(error)), True
    if isinstance(error, RateLimited):
        return t("rate_limited", lang, seconds=whole_seconds(error.retry_after)), True
    if isinstance(error, Overloaded):
        return t("busy", lang), True
    if isinstance(error, StoreBusy):
        return t("store_busy", lang), True
    if isinstance(error, TimeoutError):
        return t("timeout", lang), True
    if isinstance(error, app_commands.TransformerError):
        return t("bad_option", lang, option=str(error.value)[:50]), True
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        return t("out_of_date", lang), True
    if isinstance(error, app_commands.CheckFailure):
        return t("invalid", lang, reason=str(error) or type(error).__name__), True
    return t("error", lang, ref=ref), False


def _limit(error: PieceError) -> str:
    """The limit a `PieceError` names, as a reader would write it (bytes as a size)."""
    if error.limit is None:
        return ""
    if error.reason is Reason.TOO_LARGE:
        return human_size(int(error.limit))
    return f"{error.limit:g}"


def _log(error: BaseException, expected: bool, where: str, ref: int | str) -> None:
    if expected:
        log.info("%s (ref %s): %s: %s", where, ref, type(error).__name__, error)
    else:
        log.error("unhandled error in %s (ref %s)", where, ref, exc_info=error)


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Tell the user about `error` privately and log it; never raises."""
    error = unwrap(error)
    lang = language_of(interaction.locale)
    ref = interaction.id
    where = _where(interaction)
    if isinstance(error, discord.NotFound) and error.code == UNKNOWN_INTERACTION:
        log.warning("%s (ref %s): interaction expired before we answered", where, ref)
        return
    text, expected = describe_error(error, lang, ref=ref)
    _log(error, expected, where, ref)
    none = discord.AllowedMentions.none()
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=none)
            return
        pending = interaction.extras.pop(PENDING, None)
        if pending == "private":
            await interaction.edit_original_response(
                content=text, embeds=[], view=None, allowed_mentions=none
            )
            return
        if pending == "public":
            # A public "thinking…" must not become a public error: remove it, reply privately.
            try:
                await interaction.delete_original_response()
            except discord.HTTPException:
                log.debug("could not delete the placeholder of %s", ref)
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=none)
    except discord.HTTPException:
        log.warning("could not tell the user about an error (ref %s)", ref, exc_info=True)


async def report_message_error(message: discord.Message, error: BaseException, lang: str) -> None:
    """The DM counterpart of `report_error`: reply in the channel, log, never raise."""
    error = unwrap(error)
    text, expected = describe_error(error, lang, ref=message.id)
    _log(error, expected, "direct message", message.id)
    try:
        await message.channel.send(text, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException:
        log.warning("could not tell the user about an error (ref %s)", message.id, exc_info=True)


def _where(interaction: discord.Interaction) -> str:
    command = interaction.command
    if command is not None:
        return f"/{command.qualified_name}"
    if interaction.type is discord.InteractionType.component:
        return "button"
    return str(interaction.type.name)
