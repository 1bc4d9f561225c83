"""Streaming drafts: throttled to one edit per interval, never over the final answer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import discord
import pytest

from bot.core.answer import Answer
from bot.discord.delivery import SLOT_RESERVE_S, answer_from_stream, in_answer_slot
from bot.discord.ratelimit import AnswerGate, Overloaded
from bot.engines.base import StreamEvent, reader_request
from tests.discord.helpers import FakeResponse

FINAL = Answer("final text [¶1]", (), "llm", True)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def events(clock: Clock, steps: list[tuple[float, str]]) -> AsyncIterator[StreamEvent]:
    """Drafts arriving at the given clock times, then the final answer."""
    for at, text in steps:
        clock.now = at
        yield StreamEvent(text)
    yield StreamEvent(FINAL.text, FINAL)


async def test_drafts_are_shown_at_most_once_per_interval() -> None:
    clock = Clock()
    shown: list[str] = []

    async def show(text: str) -> None:
        shown.append(text)

    steps = [(0.0, "a"), (0.5, "ab"), (1.0, "abc"), (1.6, "abcd"), (2.0, "abcde"), (3.2, "abcdef")]
    answer = await answer_from_stream(events(clock, steps), show, interval=1.5, clock=clock)
    assert answer is FINAL
    assert shown == ["a", "abcd", "abcdef"]


async def test_a_single_event_stream_shows_no_draft() -> None:
    async def only_final() -> AsyncIterator[StreamEvent]:
        yield StreamEvent(FINAL.text, FINAL)

    shown: list[str] = []

    async def show(text: str) -> None:
        shown.append(text)

    assert await answer_from_stream(only_final(), show) is FINAL
    assert shown == []


async def test_a_slow_draft_is_skipped_not_queued_and_finishes_before_the_answer() -> None:
    clock = Clock()
    release = asyncio.Event()
    order: list[str] = []

    async def slow_show(text: str) -> None:
        order.append(f"start {text}")
        await release.wait()
        order.append(f"end {text}")

    async def stream() -> AsyncIterator[StreamEvent]:
        clock.now = 0.0
        yield StreamEvent("one")
        await asyncio.sleep(0)
        clock.now = 5.0
        yield StreamEvent("two")  # due, but the first edit is still in flight: skipped
        release.set()
        yield StreamEvent(FINAL.text, FINAL)

    answer = await answer_from_stream(stream(), slow_show, interval=1.5, clock=clock)
    order.append("final")
    assert answer is FINAL
    assert order == ["start one", "end one", "final"]


async def test_a_failed_draft_edit_does_not_fail_the_answer() -> None:
    async def failing(text: str) -> None:
        raise discord.HTTPException(FakeResponse(429, "Too Many Requests"), "rate limited")

    clock = Clock()
    answer = await answer_from_stream(events(clock, [(0.0, "a")]), failing, clock=clock)
    assert answer is FINAL


async def test_a_stream_without_a_final_answer_is_an_error() -> None:
    async def broken() -> AsyncIterator[StreamEvent]:
        yield StreamEvent("partial")

    async def show(text: str) -> None:
        return None

    with pytest.raises(RuntimeError, match="without a final answer"):
        await answer_from_stream(broken(), show)


async def test_the_wait_for_an_answer_slot_ends_in_time_for_the_readers_deadline() -> None:
    gate = AnswerGate(max_active=1, max_waiting=5, max_wait_s=60)
    release = asyncio.Event()

    async def hold() -> None:
        await release.wait()

    holder = asyncio.create_task(in_answer_slot(gate, hold))
    await asyncio.sleep(0)
    loop = asyncio.get_running_loop()
    with reader_request(within_s=SLOT_RESERVE_S + 0.1) as request:
        with pytest.raises(Overloaded):
            async with asyncio.timeout(5):
                await in_answer_slot(gate, hold)
        assert request.deadline is not None
        assert loop.time() < request.deadline  # told in time, not after the slot came free
    release.set()
    await holder
