"""End to end, under load: a burst of interactions, every one acknowledged within 3 seconds."""

from __future__ import annotations

import asyncio
import statistics
from typing import Any

import pytest

from tests.discord.e2e.helpers import assert_clean, text_of
from tests.fakes.discord_api.harness import ACK_S, Session


async def test_fifty_interactions_at_once_are_all_acknowledged_and_answered(
    e2e: Session, caplog: pytest.LogCaptureFixture, record_property: Any
) -> None:
    payloads = e2e.burst(50)
    records = await asyncio.gather(*(e2e.fake.dispatch_interaction(x) for x in payloads))
    await e2e.fake.wait_for(
        lambda: all(r.callback is not None or r.late_callbacks for r in records),
        ACK_S + 1,
        "50 acknowledgements",
    )
    latencies = [r.ack_latency for r in records]
    assert None not in latencies, [r.id for r in records if r.callback is None]
    assert max(latencies) < ACK_S  # type: ignore[type-var]
    for record in records:
        await e2e.wait_done(record)
        shown = e2e.final(record)
        assert shown and text_of(shown).strip(), record.payload["data"]["name"]
        assert not any(m["flags"] & 128 for m in shown)
    assert len(e2e.completed) == 50
    median_ms = statistics.median(latencies) * 1000  # type: ignore[arg-type]
    max_ms = max(latencies) * 1000  # type: ignore[type-var]
    record_property("ack_median_ms", round(median_ms, 1))
    record_property("ack_max_ms", round(max_ms, 1))
    print(f"50 at once: ack median {median_ms:.1f} ms, max {max_ms:.1f} ms")
    assert_clean(e2e.fake, caplog)
