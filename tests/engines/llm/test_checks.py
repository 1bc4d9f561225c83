"""Grounding enforcement on model output: citations, passage ids, [¶n] marks, inline quotes."""

from __future__ import annotations

import pytest

from bot.core.article import Article
from bot.core.grounding import Grounder
from bot.engines.llm.checks import Enforcer, MalformedReply, failure_list, parse_json


@pytest.fixture(scope="module")
def enforcer(article: Article) -> Enforcer:
    return Enforcer(Grounder(article))


def sentence(article: Article, n: int) -> str:
    return article.paragraph(n).sentences[0].text


def test_verbatim_quote_from_a_given_passage_passes(enforcer: Enforcer, article: Article) -> None:
    quote = sentence(article, 3)
    checked = enforcer.citations([{"passage": 3, "quote": quote}], {3})
    assert [c.quote for c in checked.citations] == [quote]
    assert checked.failures == []
    c = checked.citations[0]
    assert article.text[c.start : c.end] == quote


@pytest.mark.parametrize(
    ("entry", "allowed", "reason"),
    [
        ({"passage": 99, "quote": "一方、米国とその同盟国"}, {3}, "not among the passages given"),
        ({"passage": 3, "quote": "ない。"}, {3}, "too short"),
        ({"passage": 3, "quote": "どこにもない文章です。"}, {3}, "not word for word"),
        ({"passage": "three", "quote": "q"}, {3}, "malformed"),
        ({"quote": "q"}, {3}, "malformed"),
        ("just a string", {3}, "malformed"),
        ({"passage": 3, "quote": ""}, {3}, "malformed"),
    ],
)
def test_failures_are_dropped_and_named(
    enforcer: Enforcer, entry: object, allowed: set[int], reason: str
) -> None:
    checked = enforcer.citations([entry], allowed)
    assert checked.citations == []
    assert reason in checked.failures[0]


def test_quote_from_a_passage_the_model_was_not_shown_fails(
    enforcer: Enforcer, article: Article
) -> None:
    # Verbatim from ¶5, but labelled ¶3 and only ¶3 was given: not read from the prompt.
    checked = enforcer.citations([{"passage": 3, "quote": sentence(article, 5)}], {3})
    assert checked.citations == [] and checked.failures


def test_passage_ids_written_as_text_are_accepted(enforcer: Enforcer, article: Article) -> None:
    checked = enforcer.citations([{"passage": "¶3", "quote": sentence(article, 3)}], {3})
    assert checked.citations and checked.citations[0].passage == 3


def test_duplicate_citations_collapse(enforcer: Enforcer, article: Article) -> None:
    q = sentence(article, 3)
    checked = enforcer.citations([{"passage": 3, "quote": q}, {"passage": 3, "quote": q}], {3})
    assert len(checked.citations) == 1


def test_marks_for_unverified_passages_are_removed(enforcer: Enforcer) -> None:
    text = "First claim [¶3]. Second claim [¶9]. Both [¶3, ¶9]. Spaced [¶ 3]."
    assert (
        enforcer.clean_text(text, {3}) == "First claim [¶3]. Second claim. Both [¶3]. Spaced [¶3]."
    )


def test_inline_quotes_stay_only_when_verbatim(enforcer: Enforcer, article: Article) -> None:
    real = sentence(article, 3)
    text = f"It says 「{real}」 and “something invented”."
    cleaned = enforcer.clean_text(text, ())
    assert f"「{real}」" in cleaned
    assert "“" not in cleaned and "something invented" in cleaned


def test_factor_item_needs_a_verified_citation(enforcer: Enforcer, article: Article) -> None:
    good = {
        "title": "T",
        "text": "X [¶3]",
        "citations": [{"passage": 3, "quote": sentence(article, 3)}],
    }
    item, failures = enforcer.item(good, {3})
    assert item is not None and item.citations and failures == []
    bad = {**good, "citations": [{"passage": 3, "quote": "これは存在しない文章だ。"}]}
    item, failures = enforcer.item(bad, {3})
    assert item is None and any("no verified citation" in f for f in failures)


@pytest.mark.parametrize("content", [None, "", "   ", "{", "[1, 2]", '"text"'])
def test_non_objects_are_malformed(content: str | None) -> None:
    with pytest.raises(MalformedReply):
        parse_json(content)


def test_code_fences_are_tolerated() -> None:
    assert parse_json('```json\n{"text": "a"}\n```') == {"text": "a"}


def test_failure_list_is_bounded() -> None:
    listed = failure_list([f"failure {i}" for i in range(10)])
    assert listed.count("\n") == 6 and "and 4 more" in listed
