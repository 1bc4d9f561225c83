"""Structured output every server understands: json_schema, else json_object with the schema in
the prompt, else plain text read as JSON; what a server takes is remembered for the process."""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

from bot.engines.llm.prompts import Prompt
from bot.engines.llm.schema import SCHEMAS
from bot.settings import RESPONSE_FORMATS

log = logging.getLogger(__name__)

# From the strictest to the plainest; a server that rejects one is asked with the next.
MODES = RESPONSE_FORMATS[1:]

Message = dict[str, str]


def next_mode(mode: str) -> str | None:
    """The mode to try after a server rejected `mode`; None after plain text."""
    i = MODES.index(mode)
    return MODES[i + 1] if i + 1 < len(MODES) else None


def response_format(name: str, mode: str) -> dict[str, Any] | None:
    """The `response_format` argument for schema `name` in `mode` (None: send none)."""
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": f"piece_bot_{name}", "schema": SCHEMAS[name], "strict": True},
        }
    if mode == "json_object":
        # llama-cpp-python (and others) constrain the output to a schema given this way.
        return {"type": "json_object", "schema": SCHEMAS[name]}
    return None


def with_schema(messages: list[Message], name: str, mode: str, prompt: Prompt) -> list[Message]:
    """`messages`, with the schema spelt out at the end when the server does not enforce it.

    It goes last, after the question: the stable prefix (rules, the piece) stays cacheable.
    """
    if mode == "json_schema":
        return messages
    schema = json.dumps(SCHEMAS[name], ensure_ascii=False)
    last = messages[-1]
    note = prompt.render(schema=schema)
    return [*messages[:-1], {**last, "content": f"{last['content']}\n\n{note}"}]


class ServerMemory:
    """What one process has learnt about each (base URL, model): the structured-output mode
    it takes and the context size it reported. Shared by every client, for the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._modes: dict[tuple[str, str], str] = {}
        self._contexts: dict[tuple[str, str], int] = {}

    def mode(self, server: tuple[str, str]) -> str | None:
        return self._modes.get(server)

    def learn_mode(self, server: tuple[str, str], mode: str, why: str) -> None:
        with self._lock:
            if self._modes.get(server) == mode:
                return
            self._modes[server] = mode
        log.warning(
            "%s (model %s) rejects a structured-output mode (%s): using %s from now on; "
            "set LLM_RESPONSE_FORMAT=%s to skip the probe",
            server[0],
            server[1],
            why,
            mode,
            mode,
        )

    def context(self, server: tuple[str, str]) -> int | None:
        return self._contexts.get(server)

    def learn_context(self, server: tuple[str, str], tokens: int, source: str) -> None:
        with self._lock:
            if self._contexts.get(server) == tokens:
                return
            self._contexts[server] = tokens
        log.info("%s (model %s): context of %d tokens (%s)", *server, tokens, source)


MEMORY = ServerMemory()
