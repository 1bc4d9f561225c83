"""JSON schemas for structured output: text first (it streams), then [{passage, quote}]."""

from __future__ import annotations

from typing import Any

# Bump when a schema changes shape: it is part of every cache key.
SCHEMA_VERSION = "1"

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


ANSWER = _object(
    {
        "text": {"type": "string"},
        "covered": {"type": "boolean", "description": "false if the passages do not answer it"},
        "citations": _CITATIONS,
    }
)
SUMMARY = _object({"text": {"type": "string"}, "citations": _CITATIONS})
FACTORS = _object(
    {
        "intro": {"type": "string"},
        "items": {
            "type": "array",
            "items": _object(
                {
                    "title": {"type": "string"},
                    "text": {"type": "string"},
                    "citations": _CITATIONS,
                }
            ),
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
REWRITE = _object({"query": {"type": "string"}})

SCHEMAS: dict[str, dict[str, Any]] = {
    "answer": ANSWER,
    "summary": SUMMARY,
    "factors": FACTORS,
    "quotes": QUOTES,
    "rewrite": REWRITE,
}


def response_format(name: str) -> dict[str, Any]:
    """The `response_format` argument of Chat Completions for schema `name`."""
    return {
        "type": "json_schema",
        "json_schema": {"name": f"piece_bot_{name}", "schema": SCHEMAS[name], "strict": True},
    }
