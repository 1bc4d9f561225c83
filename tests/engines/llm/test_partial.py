"""Reading the "text" field of a JSON reply while it streams in."""

from __future__ import annotations

import json

import pytest

from bot.engines.llm.partial import partial_text


@pytest.mark.parametrize(
    "text",
    ["plain", "改行\nと\tタブ", 'quote " and \\ backslash', "emoji 😀 and é", ""],
)
def test_every_prefix_decodes_to_a_prefix_of_the_text(text: str) -> None:
    for ascii_only in (True, False):
        raw = json.dumps({"text": text, "citations": []}, ensure_ascii=ascii_only)
        previous = ""
        for end in range(len(raw) + 1):
            got = partial_text(raw[:end])
            assert text.startswith(got)
            assert got.startswith(previous)  # it only grows
            previous = got
        assert previous == text


def test_nothing_before_the_field_starts() -> None:
    assert partial_text('{"te') == ""
    assert partial_text("") == ""
