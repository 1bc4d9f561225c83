"""What a reader may see of an answer still arriving: its sentences so far, each shown once it is
complete and only if it passes the checks the final answer's sentences pass."""

from __future__ import annotations

from collections.abc import Set
from typing import Any

import jiter

from bot.engines.llm.checks import Enforcer, unfenced


def partial_sentences(buffer: str) -> list[Any] | None:
    """The sentences complete so far in a JSON reply still arriving: every one but the last,
    which may still grow (every one, once the reply is whole). None when the buffer is not the
    start of a JSON object at all.

    A sentence is shown whole or not at all: its text cannot be judged before its citations
    arrive, and a quotation still open cannot be checked.
    """
    buffer = unfenced(buffer)
    if not buffer.strip():
        return []
    raw = buffer.encode()
    try:
        data = jiter.from_json(raw, partial_mode="trailing-strings")
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    sentences = data.get("sentences")
    if not isinstance(sentences, list):
        return []
    try:
        jiter.from_json(raw)
    except ValueError:
        return sentences[:-1]
    return sentences


def streamable(enforcer: Enforcer, sentences: list[Any], allowed: Set[int]) -> str:
    """The sentences as they may be shown: the final answer's own checks (each with a verified
    quote of its own, quotations verified or unquoted, links inert, its own [¶n] marks)."""
    return enforcer.claims(sentences, allowed).text
