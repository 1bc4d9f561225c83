"""JSON schemas for structured output: sentences first (they stream), each with its own quotes."""

from __future__ import annotations

from typing import Any

# Bump when a schema changes shape: it is part of every cache key.
SCHEMA_VERSION = "2"

_CITATIONS: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "passage": {"type": "integer", "description": "the ¶ id of a passage you were given"},
            "quote": {"type": "string", "description": "copied exactly from that passage"},
        },
        "required": ["passage", "quote"],
        "additionalProperties": False,
    },
}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    # Strict structured output wants every property required and no extras.
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


# One sentence of an answer and the quotes that support it: claims are checked one by one.
_SENTENCE = _object(
    {
        "text": {"type": "string", "description": "one sentence, without [¶N] or quote marks"},
        "citations": _CITATIONS,
    }
)
_SENTENCES: dict[str, Any] = {"type": "array", "items": _SENTENCE}

ANSWER = _object(
    {
        "sentences": _SENTENCES,
        "covered": {"type": "boolean", "description": "false if the passages do not answer it"},
    }
)
SUMMARY = _object({"sentences": _SENTENCES})
FACTORS = _object(
    {
        "intro": _SENTENCE,
        "items": {
            "type": "array",
            "items": _object({"title": {"type": "string"}, "sentences": _SENTENCES}),
        },
    }
)
QUOTES = _object(
    {
        "covered": {"type": "boolean"},
        "quotes": {
            "type": "array",
            "items": _object(
                {
                    "passage": {"type": "integer"},
                    "quote": {"type": "string"},
                    "why": {"type": "string"},
                }
            ),
        },
    }
)
# Notes on one part of a long piece, for the model's own later use (never shown to readers).
DIGEST = _object({"note": {"type": "string"}, "quotes": _CITATIONS})
REWRITE = _object({"query": {"type": "string"}})

SCHEMAS: dict[str, dict[str, Any]] = {
    "answer": ANSWER,
    "summary": SUMMARY,
    "factors": FACTORS,
    "quotes": QUOTES,
    "digest": DIGEST,
    "rewrite": REWRITE,
}
