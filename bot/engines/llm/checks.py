"""Reading the model's JSON: citations parsed and handed to the one verifier, text cleaned."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence, Set
from typing import Any

from bot.core.answer import AnswerItem
from bot.core.grounding import Grounder, Verified, shorten

# [¶3], [¶ 3], [¶3, ¶5] and [¶3,5]: what models write for "passage 3".
_MARKER = re.compile(r"\s*\[¶\s*(\d+(?:\s*[,、]\s*¶?\s*\d+)*)\]")
# Quoted stretches in the model's own text; shown as quotes only if the piece has them verbatim.
_INLINE_QUOTE = re.compile(
    r"「([^「」\n]{2,})」|『([^『』\n]{2,})』|“([^“”\n]{2,})”|\"([^\"\n]{2,})\""
)
# An opening ```json line, or a closing ``` once the reply is complete.
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")
MAX_FAILURES_NAMED = 6


class MalformedReply(ValueError):
    """The model's reply is not the JSON object the schema asks for."""


def unfenced(content: str) -> str:
    """The reply without the code fence some local models wrap their JSON in."""
    return _FENCE.sub("", content)


def parse_json(content: str | None) -> dict[str, Any]:
    """The reply as a JSON object; code fences are tolerated."""
    if content is None or not content.strip():
        raise MalformedReply("empty reply")
    text = unfenced(content.strip())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedReply(f"not JSON ({exc.msg} at {exc.pos})") from None
    if not isinstance(data, dict):
        raise MalformedReply("JSON is not an object")
    return data


def text_field(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise MalformedReply(f"{key!r} is not a string")
    return value.strip()


class Enforcer:
    """Holds the model to the piece: its citations verified, its text stripped of claims to
    support ([¶n], quote marks) that verification did not bear out."""

    def __init__(self, grounder: Grounder) -> None:
        self.grounder = grounder

    def citations(self, raw: object, allowed: Set[int]) -> Verified:
        """Read raw `[{passage, quote}]` into claims for `Grounder.verify` (a quote must be
        word for word in a passage given); a malformed entry is a failure of its own."""
        claims: list[tuple[int, str]] = []
        malformed: list[str] = []
        if not isinstance(raw, list):
            if raw not in (None, ""):
                malformed.append("'citations' is not a list")
            raw = []
        for entry in raw:
            passage = _passage(entry)
            quote = entry.get("quote") if isinstance(entry, dict) else None
            if passage is None or not isinstance(quote, str) or not quote.strip():
                shown = json.dumps(entry, ensure_ascii=False)[:80]
                malformed.append(f"malformed citation {shown}")
            else:
                claims.append((passage, quote))
        checked = self.grounder.verify(claims, allowed=allowed)
        checked.failures[:0] = malformed
        return checked

    def clean_text(self, text: str, cited: Iterable[int]) -> str:
        """Drop [¶n] marks for passages without a verified citation; unquote unverified quotes."""
        keep = set(cited)

        def marker(m: re.Match[str]) -> str:
            numbers = [int(n) for n in re.findall(r"\d+", m.group(1))]
            kept = [n for n in dict.fromkeys(numbers) if n in keep]
            return (" " + "".join(f"[¶{n}]" for n in kept)) if kept else ""

        text = _MARKER.sub(marker, text)

        def inline(m: re.Match[str]) -> str:
            inner = next(g for g in m.groups() if g is not None)
            return m.group() if self.grounder.locate(inner) is not None else inner

        return _INLINE_QUOTE.sub(inline, text).strip()

    def item(self, raw: object, allowed: Set[int]) -> tuple[AnswerItem | None, list[str]]:
        """One factor: title and text, with at least one verified citation, or None."""
        if not isinstance(raw, dict):
            return None, ["an item is not an object"]
        title = raw.get("title")
        text = raw.get("text")
        if not isinstance(title, str) or not title.strip() or not isinstance(text, str):
            return None, ["an item has no title or text"]
        checked = self.citations(raw.get("citations"), allowed)
        failures = [f"item “{shorten(title, 30)}”: {f}" for f in checked.failures]
        if not checked.citations:
            failures.append(f"item “{shorten(title, 30)}” has no verified citation")
            return None, failures
        cited = {c.passage for c in checked.citations}
        title = self.clean_text(title, cited)
        return AnswerItem(title, self.clean_text(text, cited), tuple(checked.citations)), failures


def _passage(entry: object) -> int | None:
    if not isinstance(entry, dict):
        return None
    value = entry.get("passage")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        m = re.fullmatch(r"\s*¶?\s*(\d+)\s*", value)
        return int(m.group(1)) if m else None
    return None


def failure_list(failures: Sequence[str]) -> str:
    """The failures as lines for the retry prompt (a few are enough to correct course)."""
    named = [f"- {f}" for f in failures[:MAX_FAILURES_NAMED]]
    if len(failures) > MAX_FAILURES_NAMED:
        named.append(f"- and {len(failures) - MAX_FAILURES_NAMED} more")
    return "\n".join(named) or "- no citation could be verified"
