"""Prompt files: load `prompts/*.txt` (UTF-8), each with a version that goes into cache keys."""

from __future__ import annotations

import hashlib
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
)
_SEPARATOR = "\n---\n"


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
        try:
            return Template(self.text).substitute({k: str(v) for k, v in values.items()})
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
