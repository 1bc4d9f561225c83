"""Reading the "text" field of a JSON reply while it streams in."""

from __future__ import annotations

import json

import pytest

from bot.engines.llm.drafts import partial_text


@pytest.mark.parametrize(
    "text",
    ["plain", "改行\nと\tタブ", 'quote " and \\ backslash', "emoji 😀 and é", ""],
)
@pytest.mark.parametrize("fence", ["", "```json\n"])
def test_every_prefix_decodes_to_a_prefix_of_the_text(text: str, fence: str) -> None:
    for ascii_only in (True, False):  # \uXXXX escapes and surrogate pairs, or raw characters
        raw = fence + json.dumps({"text": text, "citations": []}, ensure_ascii=ascii_only)
        previous = ""
        for end in range(len(raw) + 1):
            got = partial_text(raw[:end])
            if got is None:  # only a fence cut short may be unreadable, before any text
                assert end < len(fence) and previous == ""
                continue
            assert text.startswith(got)
            assert got.startswith(previous)  # it only grows
            previous = got
        assert previous == text


def test_nothing_before_the_field_starts() -> None:
    assert partial_text('{"te') == ""
    assert partial_text("") == ""
    assert partial_text('{"citations": [], "te') == ""


@pytest.mark.parametrize(
    "buffer", ["garbage", '{"text": "bad escape \\q', "[1, 2", '"text"']
)
def test_what_is_not_json_is_unreadable_not_empty(buffer: str) -> None:
    # None (not ""): the caller keeps the text it has shown instead of taking it back.
    assert partial_text(buffer) is None


def test_a_closing_fence_after_the_object_is_no_harm() -> None:
    assert partial_text('```json\n{"text": "done", "citations": []}\n```') == "done"
