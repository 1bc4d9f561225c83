"""Token usage per model call (prompt, cached, completion), added up per answer and logged."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Usage:
    """What one call cost. `cached_tokens` is the part of the prompt the provider's cache served."""

    prompt_tokens: int = 0
    cached_tokens: int = 0
    completion_tokens: int = 0

    @classmethod
    def from_api(cls, usage: Any) -> Usage:
        """From an `openai` `CompletionUsage` (or None, when a server sends no usage)."""
        if usage is None:
            return cls()
        details = getattr(usage, "prompt_tokens_details", None)
        cached = getattr(details, "cached_tokens", None) if details is not None else None
        return cls(
            prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
            cached_tokens=int(cached or 0),
            completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
        )

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.prompt_tokens + other.prompt_tokens,
            self.cached_tokens + other.cached_tokens,
            self.completion_tokens + other.completion_tokens,
        )

    def to_dict(self) -> dict[str, int]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "cached_tokens": self.cached_tokens,
            "completion_tokens": self.completion_tokens,
        }


def log_call(command: str, usage: Usage, seconds: float, outcome: str) -> None:
    """One model call in the log: what it cost and how it ended ("ok" or a fault kind)."""
    log.info(
        "model call %s (%s): %d prompt tokens (%d cached), %d completion tokens, %.2f s",
        command,
        outcome,
        usage.prompt_tokens,
        usage.cached_tokens,
        usage.completion_tokens,
        seconds,
    )
