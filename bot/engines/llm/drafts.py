"""What a reader may see of an answer still arriving: its text so far, checked as the final."""

from __future__ import annotations

import re
from collections.abc import Set

import jiter

from bot.engines.llm.checks import Enforcer, unfenced

# A quote or [¶n] mark still being written: it cannot be checked until it is closed.
_OPEN_TAIL = re.compile(r"(?:「[^「」\n]*|『[^『』\n]*|“[^“”\n]*|\[[^\]\n]*)$")


def partial_text(buffer: str, key: str = "text") -> str | None:
    """The decoded value of `key` so far in a JSON object still arriving ('' before it starts).

    An escape sequence (or surrogate pair) not fully arrived is left out, so no half character
    shows. None when the buffer is not the start of a JSON object at all.
    """
    buffer = unfenced(buffer)
    if not buffer.strip():
        return ""
    try:
        data = jiter.from_json(buffer.encode(), partial_mode="trailing-strings")
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    value = data.get(key)
    return value if isinstance(value, str) else ""


def streamable(enforcer: Enforcer, text: str, allowed: Set[int]) -> str:
    """Text that is still arriving, as it may be shown: the same checks as the final answer's
    text (unverified quotes lose their marks, [¶n] only for passages given), and an unclosed
    quote or mark held back until it can be checked."""
    m = _OPEN_TAIL.search(text)
    if m is not None:
        text = text[: m.start()]
    if text.count('"') % 2:
        text = text[: text.rindex('"')]
    return enforcer.clean_text(text, allowed)
