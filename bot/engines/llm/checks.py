"""Reading the model's JSON: citations parsed and handed to the one verifier, sentences kept only
with their own verified quotes, text cleaned of every claim to support that did not verify."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field
from typing import Any

from bot.core.answer import AnswerItem, Citation
from bot.core.grounding import Grounder, Verified, shorten
from bot.engines.llm.claims import Sentence, is_attribution, join, with_marks
from bot.engines.llm.prompts import Prompt
from bot.engines.llm.sanitize import defang_links, unquote

# [¶3], [¶ 3], [¶3, ¶5] and [¶3,5]: what models write for "passage 3".
_MARKER = re.compile(r"\s*\[¶\s*(\d+(?:\s*[,、]\s*¶?\s*\d+)*)\]")
# An opening ```json line, or a closing ``` once the reply is complete.
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")
MAX_FAILURES_NAMED = 6


class MalformedReply(ValueError):
    """The model's reply is not the JSON object the schema asks for."""


def unfenced(content: str) -> str:
    """The reply without the code fence some local models wrap their JSON in."""
    return _FENCE.sub("", content)


def parse_json(content: str | None) -> dict[str, Any]:
    """The reply as a JSON object; code fences are tolerated, and so are words around the
    object (servers asked in plain text for JSON, whose models may introduce it)."""
    if content is None or not content.strip():
        raise MalformedReply("empty reply")
    text = unfenced(content.strip())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        start = text.find("{")
        try:
            data, _end = json.JSONDecoder().raw_decode(text[start:]) if start >= 0 else (None, 0)
        except json.JSONDecodeError:
            data = None
        if data is None:
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

    def clean_text(
        self, text: str, cited: Iterable[int], unverified: list[str] | None = None
    ) -> str:
        """Links made inert, [¶n] marks dropped for passages without a verified citation, and
        quotations that are not word for word in the piece unquoted (named in `unverified`)."""
        keep = set(cited)

        def marker(m: re.Match[str]) -> str:
            numbers = [int(n) for n in re.findall(r"\d+", m.group(1))]
            kept = [n for n in dict.fromkeys(numbers) if n in keep]
            return (" " + "".join(f"[¶{n}]" for n in kept)) if kept else ""

        def verbatim(inner: str) -> bool:
            found = bool(inner.strip()) and self.grounder.locate(inner) is not None
            if not found and unverified is not None:
                unverified.append(inner)
            return found

        text = _MARKER.sub(marker, defang_links(text))
        return unquote(text, verbatim).strip()

    def claims(self, raw: object, allowed: Set[int]) -> Claims:
        """Sentences `[{text, citations}]` kept one by one: each needs a verified quote of its
        own, and one reporting what the author says may quote nothing the piece lacks."""
        if not isinstance(raw, list):
            raise MalformedReply("'sentences' is not a list")
        out = Claims()
        author = self.grounder.article.meta.author
        for entry in raw:
            text = entry.get("text") if isinstance(entry, dict) else None
            if not isinstance(text, str):
                out.failures.append("a sentence is not an object with a text")
                continue
            if not text.strip():
                continue
            label = shorten(text, 40)
            checked = self.citations(entry.get("citations"), allowed)
            out.failures += checked.failures
            if not checked.citations:
                out.failures.append(f"sentence “{label}” has no verified quote of its own")
                continue
            unverified: list[str] = []
            clean = self.clean_text(text, (), unverified)
            if unverified and is_attribution(clean, author):
                out.failures.append(f"sentence “{label}” attributes words the piece does not have")
                continue
            if not clean:
                continue
            passages = [c.passage for c in checked.citations]
            out.sentences.append(Sentence(with_marks(clean, passages), text[:1] == "\n"))
            out.citations += [c for c in checked.citations if c not in out.citations]
        return out

    def item(self, raw: object, allowed: Set[int]) -> tuple[AnswerItem | None, list[str]]:
        """One factor: a title and its sentences, at least one of them verified, or None."""
        if not isinstance(raw, dict):
            return None, ["an item is not an object"]
        title = raw.get("title")
        if not isinstance(title, str) or not title.strip():
            return None, ["an item has no title"]
        claims = self.claims(raw.get("sentences"), allowed)
        failures = [f"item “{shorten(title, 30)}”: {f}" for f in claims.failures]
        if not claims.sentences:
            failures.append(f"item “{shorten(title, 30)}” has no verified sentence")
            return None, failures
        cited = {c.passage for c in claims.citations}
        item = AnswerItem(self.clean_text(title, cited), claims.text, tuple(claims.citations))
        return item, failures


@dataclass(slots=True)
class Claims:
    """The sentences of a reply that stand on verified quotes of their own, and why others fell."""

    sentences: list[Sentence] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join(self.sentences)


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


def failure_list(failures: Sequence[str], wording: Prompt) -> str:
    """The failures as lines for the retry prompt (a few are enough to correct course); what
    stands for the rest, or for none, is `wording` (`prompts/retry_failures.txt`)."""
    named = [f"- {f}" for f in failures[:MAX_FAILURES_NAMED]]
    if len(failures) > MAX_FAILURES_NAMED:
        named.append("- " + wording.entry("more", count=len(failures) - MAX_FAILURES_NAMED))
    return "\n".join(named) or "- " + wording.entry("none")
