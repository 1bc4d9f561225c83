"""Reading the sentences of a JSON reply while it streams in: whole sentences only, checked."""

from __future__ import annotations

import json

import pytest

from bot.core.article import Article
from bot.core.grounding import Grounder
from bot.engines.llm.checks import Enforcer
from bot.engines.llm.drafts import partial_sentences, streamable

TEXTS = ["plain", "改行\nと\tタブ", 'quote " and \\ backslash', "emoji 😀 and é", ""]


@pytest.mark.parametrize("fence", ["", "```json\n"])
def test_every_prefix_gives_the_sentences_complete_so_far(fence: str) -> None:
    sentences = [{"text": t, "citations": [{"passage": 1, "quote": t}]} for t in TEXTS]
    for ascii_only in (True, False):  # \uXXXX escapes and surrogate pairs, or raw characters
        raw = fence + json.dumps({"sentences": sentences}, ensure_ascii=ascii_only)
        previous: list = []
        for end in range(len(raw) + 1):
            got = partial_sentences(raw[:end])
            if got is None:  # only a fence cut short may be unreadable, before any text
                assert end < len(fence) and previous == []
                continue
            assert got == sentences[: len(got)]  # whole sentences, never a part of one
            assert len(got) >= len(previous)  # it only grows
            previous = got
        assert previous == sentences


def test_nothing_before_the_sentences_start() -> None:
    assert partial_sentences('{"sen') == []
    assert partial_sentences("") == []
    assert partial_sentences('{"sentences": [{"citations": [], "te') == []


@pytest.mark.parametrize("buffer", ["garbage", '{"sentences": "bad escape \\q', "[1, 2"])
def test_what_is_not_json_is_unreadable_not_empty(buffer: str) -> None:
    # None (not []): the caller keeps the text it has shown instead of taking it back.
    assert partial_sentences(buffer) is None


def test_a_closing_fence_after_the_object_is_no_harm() -> None:
    raw = '```json\n{"sentences": [{"text": "done", "citations": []}]}\n```'
    assert partial_sentences(raw) == [{"text": "done", "citations": []}]


def test_a_draft_shows_only_sentences_that_pass_the_final_checks(article: Article) -> None:
    enforcer = Enforcer(Grounder(article))
    real = article.paragraph(3).sentences[0].text
    cite = [{"passage": 3, "quote": real}]
    sentences = [
        {"text": "Supported.", "citations": cite},
        {"text": "Unsupported.", "citations": []},
        {"text": "The author says “words nowhere in it”.", "citations": cite},
        {"text": "Quoted 「捏造」 and [a link](https://evil.example).", "citations": cite},
    ]
    shown = streamable(enforcer, sentences, {3})
    assert shown == "Supported [¶3]. Quoted 捏造 and a link (`https://evil.example`) [¶3]."
