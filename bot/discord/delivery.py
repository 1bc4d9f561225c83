"""How answers reach users: the rate-limit check, the answer slot, deferring, drafts, replies."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, TypeVar, cast

import discord
from discord import app_commands

import bot.discord.limits as lim
from bot.core.answer import Answer
from bot.discord.ratelimit import AnswerGate
from bot.discord.render import Reply, draft
from bot.engines.base import StreamEvent, current_request

if TYPE_CHECKING:
    from bot.discord.bot import PieceBot

log = logging.getLogger(__name__)

T = TypeVar("T")
STREAM_EDIT_INTERVAL_S = 1.5  # Discord rate-limits message edits; ~1.5 s keeps a draft lively
# Well beyond any sane engine call, well inside the 15 minutes a deferred answer may take.
ANSWER_TIMEOUT_S = min(120.0, lim.TOKEN_LIFETIME_S / 5)
# The longest an answer waits in the queue for a slot: waiting, answering and delivering
# must all fit in the interaction token's 15 minutes, or the reply can never be posted.
QUEUE_WAIT_S = lim.TOKEN_LIFETIME_S - ANSWER_TIMEOUT_S - 120.0
# Kept back from a reader's deadline when waiting for a slot: once one is free, an answer of
# some kind (cached, or the offline fallback of a model past its deadline) takes less.
SLOT_RESERVE_S = 0.5
# The longest a handler waits for a look-up before acknowledging (see `before_ack`): the rest
# of Discord's 3 s is for the acknowledgement itself to get there.
QUICK_LOOKUP_S = lim.ACK_DEADLINE_S / 3


# Interaction.extras key: "public"/"private" while a deferred "thinking…" placeholder is
# still showing, so an error can replace it without turning a private reply public.
PENDING = "piece_bot.pending"


class RateLimited(app_commands.CheckFailure):
    """The user is over the per-user rate limit; `retry_after` is in seconds.

    A check failure, so discord.py hands it to the tree's error handler unwrapped. Not
    defined in an extension: those are re-executed on every load, and a class used in
    isinstance checks must exist only once.
    """

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(f"rate limited for {retry_after:.1f} s")


def piece_bot(interaction: discord.Interaction) -> PieceBot:
    """The bot an interaction came to, typed: these cogs are only ever loaded into a PieceBot."""
    return cast("PieceBot", interaction.client)


def admit(bot: PieceBot, user_id: int) -> None:
    """Count a request by `user_id`, or raise `RateLimited` if they are over the limit."""
    wait = bot.limiter.hit(user_id)
    if wait > 0:
        raise RateLimited(wait)


def rate_limited() -> Callable[[T], T]:
    """An app-command check: at most N requests per window per user (`RateLimited` if over)."""

    async def predicate(interaction: discord.Interaction) -> bool:
        admit(piece_bot(interaction), interaction.user.id)
        return True

    return app_commands.check(predicate)


async def defer(interaction: discord.Interaction, *, ephemeral: bool) -> None:
    """Acknowledge now (a "thinking…" placeholder) so slow answers never miss the 3 s window."""
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    interaction.extras[PENDING] = "private" if ephemeral else "public"


async def before_ack(
    interaction: discord.Interaction, work: Awaitable[T], *, ephemeral: bool
) -> T:
    """`await work`, acknowledging the interaction meanwhile (`defer`, ephemeral as given) if
    it takes longer than `QUICK_LOOKUP_S`.

    For the database look-ups a handler makes before it knows how to reply (who may see
    it; a refusal said at once): they take milliseconds, but one queued behind a write that
    waits for another process's lock takes seconds, and Discord's 3 s do not wait.
    """
    task = asyncio.ensure_future(work)
    try:
        done, _ = await asyncio.wait({task}, timeout=QUICK_LOOKUP_S)
        if not done:
            await defer(interaction, ephemeral=ephemeral)
        return await task
    finally:
        task.cancel()  # nothing if it is done; otherwise the handler itself was cancelled


async def deliver(
    interaction: discord.Interaction, replies: Sequence[Reply], *, ephemeral: bool
) -> None:
    """Send `replies`: the first replaces the placeholder (or is the response), the rest follow."""
    if not replies:
        raise ValueError("nothing to deliver")
    first, *rest = replies
    if interaction.response.is_done():
        await interaction.edit_original_response(**first.kwargs())
        interaction.extras.pop(PENDING, None)
    else:
        await interaction.response.send_message(ephemeral=ephemeral, **first.send_kwargs())
    for reply in rest:
        await interaction.followup.send(ephemeral=ephemeral, **reply.send_kwargs())


async def answer_from_stream(
    events: AsyncIterator[StreamEvent],
    on_draft: Callable[[str], Awaitable[object]],
    *,
    interval: float = STREAM_EDIT_INTERVAL_S,
    clock: Callable[[], float] = time.monotonic,
) -> Answer:
    """Consume a streamed answer, showing drafts at most once per `interval`; return the final.

    A draft is sent in the background so a slow edit never holds up the stream,
    and only one is in flight at a time; it is awaited before returning so it
    cannot land on top of the final, verified answer.
    """
    final: Answer | None = None
    last_draft: float | None = None
    in_flight: asyncio.Task[object] | None = None
    try:
        async for event in events:
            if event.final is not None:
                final = event.final
                break
            now = clock()
            if not event.text.strip() or (last_draft is not None and now - last_draft < interval):
                continue
            if in_flight is not None and not in_flight.done():
                continue
            last_draft = now
            in_flight = asyncio.create_task(_quietly(on_draft(event.text)))
            await asyncio.sleep(0)  # let the edit start now, even if the stream never waits
    finally:
        if in_flight is not None:
            await in_flight
    if final is None:
        raise RuntimeError("the engine's stream ended without a final answer")
    return final


async def _quietly(draft: Awaitable[object]) -> object:
    try:
        return await draft
    except discord.HTTPException as exc:
        log.warning("could not show a draft: %s", exc)
        return None


async def in_answer_slot(gate: AnswerGate, call: Callable[[], Awaitable[T]]) -> T:
    """`call()` once one of the gate's answer slots is free, given up after the answer timeout.

    Within a reader's request (`reader_request`) the wait for a slot ends in time for their
    deadline: `Overloaded` then, rather than an answer later than they were promised.
    """
    deadline = current_request().deadline
    until = None if deadline is None else deadline - SLOT_RESERVE_S
    async with gate.slot(until=until), asyncio.timeout(ANSWER_TIMEOUT_S):
        return await call()


class ChannelReply:
    """A reply to one message in a channel (a DM): `deliver`'s counterpart without an interaction.

    While the answer streams a draft shows, and the answer then takes the draft's place.
    """

    def __init__(self, question: discord.Message, lang: str) -> None:
        self.channel = question.channel
        self.lang = lang
        # Reply to the question, but still answer if the user deleted it meanwhile
        # (a reply to a missing message is otherwise refused with a 400).
        self.reference = question.to_reference(fail_if_not_exists=False)
        self.draft_message: discord.Message | None = None

    async def show_draft(self, text: str) -> None:
        content = draft(text, self.lang)
        none = discord.AllowedMentions.none()
        if self.draft_message is None:
            self.draft_message = await self.channel.send(
                content, reference=self.reference, allowed_mentions=none
            )
        else:
            await self.draft_message.edit(content=content, allowed_mentions=none)

    async def discard_draft(self) -> None:
        """Delete the draft, if any: an unverified draft must not outlive a failed answer."""
        if self.draft_message is not None:
            with contextlib.suppress(discord.HTTPException):
                await self.draft_message.delete()

    async def send(self, replies: Sequence[Reply]) -> None:
        """The first reply replaces the draft (or answers the question), the rest follow."""
        first, *rest = replies
        if self.draft_message is not None:
            await self.draft_message.edit(**first.kwargs())
        else:
            await self.channel.send(reference=self.reference, **first.send_kwargs())
        for reply in rest:
            await self.channel.send(**reply.send_kwargs())
