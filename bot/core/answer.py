"""What every engine returns: an answer, its citations, and its JSON shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Citation:
    """A verbatim quote from the piece: ¶ number and `[start, end)` offsets into `Article.text`."""

    passage: int
    quote: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return f"¶{self.passage}"

    def to_dict(self) -> dict[str, Any]:
        return {"passage": self.passage, "quote": self.quote, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class AnswerItem:
    """One entry of a list answer (e.g. one factor): a title taken from the text, and support."""

    title: str
    text: str
    citations: tuple[Citation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True, slots=True)
class Answer:
    """An engine's answer. `grounded` is False when the piece does not support an answer."""

    text: str
    citations: tuple[Citation, ...]
    engine: str
    grounded: bool
    kind: str = "ask"
    items: tuple[AnswerItem, ...] = ()
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def unsaid_note(self) -> str | None:
        """The note, unless the text already says it (as a list of key points opens with "the
        piece does not enumerate factors"): what a front end shows below the text."""
        note = (self.note or "").strip()
        return note if note and note not in self.text else None

    @property
    def passages(self) -> tuple[int, ...]:
        """Cited ¶ numbers, in order of first citation, without repeats."""
        return tuple(dict.fromkeys(c.passage for c in self.citations))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "engine": self.engine,
            "grounded": self.grounded,
            "kind": self.kind,
        }
        if self.items:
            out["items"] = [i.to_dict() for i in self.items]
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class Turn:
    """One past exchange of a conversation, used as context for follow-up questions."""

    question: str
    answer: str
    passages: tuple[int, ...] = ()
