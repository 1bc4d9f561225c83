"""Token counts estimated offline, from the script of each character: an upper bound, not a guess.

No tokenizer is downloaded: the model behind an OpenAI-compatible server is unknown, and small
local models split Japanese far more finely than OpenAI's. The rates below are set so that the
estimate stays above the real count for the tokenizers we could check (see
`benchmarks/LLM_PIECES.md`): o200k_base (OpenAI) counts about half of it on Japanese text, and
SmolLM2's 49k-token vocabulary, the worst case captured from a real server, 92 %.
"""

from __future__ import annotations

import math

# Tokens per character, by script. CJK ideographs, kana, Hangul and full-width forms are
# often split into two or three byte-level tokens by small vocabularies.
WIDE_RATE = 2.0
OTHER_RATE = 1.0  # Cyrillic, Greek, accented Latin…: one token each at worst in practice
ASCII_CHARS_PER_TOKEN = 3.0  # English runs about 4; digits and markup less
PER_MESSAGE = 8  # chat-template tokens around each message (role, separators)


def _is_wide(code: int) -> bool:
    return (
        0x2E80 <= code <= 0x9FFF  # CJK radicals, kana, CJK ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width and half-width forms
        or code >= 0x20000  # supplementary ideographs, emoji
    )


def estimate_tokens(text: str) -> int:
    """An upper estimate of the tokens `text` takes for a model's tokenizer."""
    ascii_chars = wide = 0
    for ch in text:
        code = ord(ch)
        if code < 0x80:
            ascii_chars += 1
        elif _is_wide(code):
            wide += 1
    other = len(text) - ascii_chars - wide
    return math.ceil(ascii_chars / ASCII_CHARS_PER_TOKEN + wide * WIDE_RATE + other * OTHER_RATE)


def message_tokens(messages: list[dict[str, str]]) -> int:
    """The estimate for a whole chat request's messages."""
    return sum(estimate_tokens(m["content"]) + PER_MESSAGE for m in messages)
