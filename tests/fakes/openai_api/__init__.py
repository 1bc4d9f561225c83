"""A scriptable local OpenAI-compatible server for tests and benchmarks (no network)."""

from tests.fakes.openai_api.behaviors import (
    Request,
    Spec,
    bad_ids,
    bad_quotes,
    empty,
    estimate_tokens,
    grounded,
    grounded_payload,
    invalid_json,
    loopholes,
    not_covered,
    refusal,
    reply,
    slow,
    status,
    truncated,
)
from tests.fakes.openai_api.server import FakeOpenAI, embed, small_vocab_tokens

__all__ = [
    "FakeOpenAI",
    "Request",
    "Spec",
    "bad_ids",
    "bad_quotes",
    "embed",
    "empty",
    "estimate_tokens",
    "grounded",
    "grounded_payload",
    "invalid_json",
    "loopholes",
    "not_covered",
    "refusal",
    "reply",
    "slow",
    "small_vocab_tokens",
    "status",
    "truncated",
]
