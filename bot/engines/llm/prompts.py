"""Prompt files: load `prompts/*.txt` (UTF-8), each with a version that goes into cache keys.

A prompt is one template, or, for short texts chosen one at a time (a summary's length, the
lines about the piece), `key: text` lines, each a template of its own (`entry`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from bot.settings import PROMPTS_DIR

PROMPT_NAMES = (
    "system",
    "summary",
    "factors",
    "factor",
    "quote",
    "ask",
    "rewrite",
    "retry",
    "format",
    "parts",
    "digest",
    "condense",
    "summary_lengths",
    "quote_topic",
    "piece_meta",
    "retry_failures",
    "doctor_probe",
)
_SEPARATOR = "\n---\n"
_ENTRY = re.compile(r"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*):\s(.*)")


class PromptError(RuntimeError):
    """A prompt file is missing or malformed (a deployment problem, not a user one)."""


@dataclass(frozen=True, slots=True)
class Prompt:
    """One prompt: its name, declared version, and template text (`$name` placeholders)."""

    name: str
    version: str
    text: str

    def render(self, **values: object) -> str:
        """Fill the placeholders; a missing value is a bug, so it raises."""
        return self._fill(self.text, values)

    def entries(self, group: str | None = None) -> dict[str, str]:
        """The `key: text` lines, unfilled; with `group`, its lines (`group.key: text`) by key."""
        found: dict[str, str] = {}
        for line in self.text.splitlines():
            if not line.strip():
                continue
            match = _ENTRY.fullmatch(line.strip())
            if match is None:
                raise PromptError(
                    f"prompt {self.name!r}: {line.strip()!r} is not a 'key: text' line"
                )
            found[match.group(1)] = match.group(2).strip()
        if group is None:
            return found
        prefix = group + "."
        return {k.removeprefix(prefix): v for k, v in found.items() if k.startswith(prefix)}

    def entry(self, key: str, **values: object) -> str:
        """The text of line `key`, its placeholders filled; a missing line raises."""
        text = self.entries().get(key)
        if text is None:
            raise PromptError(f"prompt {self.name!r} has no {key!r} line")
        return self._fill(text, values)

    def _fill(self, text: str, values: dict[str, object]) -> str:
        try:
            return Template(text).substitute({k: str(v) for k, v in values.items()})
        except KeyError as exc:
            raise PromptError(f"prompt {self.name!r} needs a value for {exc.args[0]!r}") from None

    @property
    def tag(self) -> str:
        """Version plus a short content hash, so an edit without a version bump still counts."""
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:8]
        return f"{self.name}@{self.version}+{digest}"


def parse_prompt(name: str, raw: str) -> Prompt:
    """Split a prompt file into its `version:` header and its body."""
    head, sep, body = raw.replace("\r\n", "\n").partition(_SEPARATOR)
    if not sep:
        raise PromptError(f"prompt {name!r} has no '---' line after its header")
    version = ""
    for line in head.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "version":
            version = value.strip()
    if not version:
        raise PromptError(f"prompt {name!r} has no 'version:' line")
    return Prompt(name, version, body.strip())


@dataclass(frozen=True, slots=True)
class PromptSet:
    """All prompts the LLM engine uses, loaded once."""

    prompts: dict[str, Prompt]

    def __getitem__(self, name: str) -> Prompt:
        return self.prompts[name]

    def version_for(self, *names: str) -> str:
        """The cache-key version of a command: the tags of every prompt it uses."""
        return "|".join(self.prompts[n].tag for n in names)


def load_prompts(directory: Path = PROMPTS_DIR) -> PromptSet:
    """Read every prompt file in `directory`, or raise `PromptError` naming the one missing."""
    prompts: dict[str, Prompt] = {}
    for name in PROMPT_NAMES:
        path = directory / f"{name}.txt"
        try:
            raw = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise PromptError(f"cannot read prompt file {path}: {exc.strerror}") from None
        prompts[name] = parse_prompt(name, raw)
    return PromptSet(prompts)
