"""Grounding enforcement: parse the model's JSON, verify every quote and passage id, clean text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.core.answer import AnswerItem, Citation
from bot.core.grounding import Grounder

# [¶3], [¶ 3], [¶3, ¶5] and [¶3,5]: what models write for "passage 3".
_MARKER = re.compile(r"\s*\[¶\s*(\d+(?:\s*[,、]\s*¶?\s*\d+)*)\]")
# Quoted stretches in the model's own text; shown as quotes only if the piece has them verbatim.
_INLINE_QUOTE = re.compile(
    r"「([^「」\n]{2,})」|『([^『』\n]{2,})』|“([^“”\n]{2,})”|\"([^\"\n]{2,})\""
)
MAX_FAILURES_NAMED = 6
# A few characters occur anywhere ("ない。"): a quote must be long enough to say something.
MIN_QUOTE_CHARS = 6


class MalformedReply(ValueError):
    """The model's reply is not the JSON object the schema asks for."""


def parse_json(content: str | None) -> dict[str, Any]:
    """The reply as a JSON object; code fences (which some local models add) are tolerated."""
    if content is None or not content.strip():
        raise MalformedReply("empty reply")
    text = content.strip()
    if text.startswith("```"):
        text = re.sub(r"^```(?:json)?\s*|\s*```$", "", text)
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


@dataclass(slots=True)
class Verified:
    """Citations that passed, and a readable reason for each that failed."""

    citations: list[Citation] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


class Enforcer:
    """Checks citations against the piece and the set of passage ids the model was given."""

    def __init__(self, grounder: Grounder) -> None:
        self.grounder = grounder

    def citations(self, raw: object, allowed: set[int]) -> Verified:
        """Verify raw `[{passage, quote}]`; a quote must locate verbatim in a passage given."""
        out = Verified()
        if not isinstance(raw, list):
            if raw not in (None, ""):
                out.failures.append("'citations' is not a list")
            return out
        seen: set[tuple[int, int]] = set()
        for entry in raw:
            passage, quote = (
                _passage(entry),
                entry.get("quote") if isinstance(entry, dict) else None,
            )
            if passage is None or not isinstance(quote, str) or not quote.strip():
                out.failures.append(
                    f"malformed citation {json.dumps(entry, ensure_ascii=False)[:80]}"
                )
                continue
            short = _shorten(quote)
            if len(quote.strip()) < MIN_QUOTE_CHARS:
                out.failures.append(f"quote “{short}” is too short to support anything")
                continue
            if passage not in allowed:
                out.failures.append(
                    f"¶{passage} was not among the passages given (quote “{short}”)"
                )
                continue
            found = self.grounder.cite(quote, passage=passage)
            if found is None:
                out.failures.append(f"quote “{short}” is not word for word in ¶{passage}")
                continue
            if found.passage not in allowed:
                # Verbatim, but from a passage the model never saw: memory, not reading.
                out.failures.append(f"quote “{short}” is not in ¶{passage}")
                continue
            if (found.start, found.end) not in seen:
                seen.add((found.start, found.end))
                out.citations.append(found)
        return out

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

    def item(self, raw: object, allowed: set[int]) -> tuple[AnswerItem | None, list[str]]:
        """One factor: title and text, with at least one verified citation, or None."""
        if not isinstance(raw, dict):
            return None, ["an item is not an object"]
        title = raw.get("title")
        text = raw.get("text")
        if not isinstance(title, str) or not title.strip() or not isinstance(text, str):
            return None, ["an item has no title or text"]
        checked = self.citations(raw.get("citations"), allowed)
        failures = [f"item “{_shorten(title, 30)}”: {f}" for f in checked.failures]
        if not checked.citations:
            failures.append(f"item “{_shorten(title, 30)}” has no verified citation")
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


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def failure_list(failures: Sequence[str]) -> str:
    """The failures as lines for the retry prompt (a few are enough to correct course)."""
    named = [f"- {f}" for f in failures[:MAX_FAILURES_NAMED]]
    if len(failures) > MAX_FAILURES_NAMED:
        named.append(f"- and {len(failures) - MAX_FAILURES_NAMED} more")
    return "\n".join(named) or "- no citation could be verified"
