"""Grounding enforcement on model output: citations, passage ids, [¶n] marks, inline quotes."""

from __future__ import annotations

import pytest

from bot.core.article import Article, parse_article
from bot.core.grounding import Grounder
from bot.engines.llm.checks import Enforcer, MalformedReply, failure_list, parse_json
from bot.engines.llm.prompts import load_prompts
from bot.engines.llm.replies import Replies


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
    cite = {"passage": 3, "quote": sentence(article, 3)}
    good = {"title": "T", "sentences": [{"text": "X [¶3]", "citations": [cite]}]}
    item, failures = enforcer.item(good, {3})
    assert item is not None and item.citations and failures == []
    assert item.text == "X [¶3]"
    fake = {"passage": 3, "quote": "これは存在しない文章だ。"}
    bad = {"title": "T", "sentences": [{"text": "X", "citations": [fake]}]}
    item, failures = enforcer.item(bad, {3})
    assert item is None and any("no verified sentence" in f for f in failures)


@pytest.mark.parametrize("content", [None, "", "   ", "{", "[1, 2]", '"text"'])
def test_non_objects_are_malformed(content: str | None) -> None:
    with pytest.raises(MalformedReply):
        parse_json(content)


def test_code_fences_are_tolerated() -> None:
    assert parse_json('```json\n{"text": "a"}\n```') == {"text": "a"}


def test_words_around_the_object_are_tolerated() -> None:
    reply = 'Here is the JSON you asked for:\n{"query": "条約"}\nHope this helps.'
    assert parse_json(reply) == {"query": "条約"}


def test_words_after_the_object_alone_are_tolerated() -> None:
    assert parse_json('{"query": "条約"}\n\nI hope this helps.') == {"query": "条約"}


def test_failure_list_is_bounded() -> None:
    wording = load_prompts()["retry_failures"]
    listed = failure_list([f"failure {i}" for i in range(10)], wording)
    assert listed.count("\n") == 6 and listed.endswith("\n- and 4 more")
    assert failure_list([], wording) == "- no citation could be verified"


# ---------------------------------------------------------------- sentence by sentence


def test_each_sentence_needs_a_verified_quote_of_its_own(
    enforcer: Enforcer, article: Article
) -> None:
    cite = [{"passage": 3, "quote": sentence(article, 3)}]
    claims = enforcer.claims(
        [
            {"text": "北朝鮮は孤立している。", "citations": cite},
            {"text": "根拠のない主張である。", "citations": []},
            {"text": "Invented support.", "citations": [{"passage": 3, "quote": "存在しない文。"}]},
        ],
        {3},
    )
    assert claims.text == "北朝鮮は孤立している[¶3]。"
    assert any("no verified quote of its own" in f for f in claims.failures)
    assert len(claims.citations) == 1


@pytest.mark.parametrize(
    "text",
    [
        "筆者は「核武装こそ正義だ」と述べている。",
        "記事によれば「捏造の言葉」と主張されている。",
        "The author says “words that are nowhere in the piece”.",
        "According to the article, 'invented words here' is the key.",
    ],
)
def test_an_attribution_with_a_quotation_the_piece_lacks_is_dropped(
    enforcer: Enforcer, article: Article, text: str
) -> None:
    cite = [{"passage": 3, "quote": sentence(article, 3)}]  # real support, for something else
    claims = enforcer.claims([{"text": text, "citations": cite}], {3})
    assert claims.sentences == [] and "attributes words" in claims.failures[-1]


def test_an_attribution_quoting_the_piece_is_kept(enforcer: Enforcer, article: Article) -> None:
    real = sentence(article, 3)
    cite = [{"passage": 3, "quote": real}]
    claims = enforcer.claims([{"text": f"筆者は「{real}」と述べている。", "citations": cite}], {3})
    assert claims.text == f"筆者は「{real}」と述べている[¶3]。"


def test_an_unverified_quotation_elsewhere_is_only_unquoted(
    enforcer: Enforcer, article: Article
) -> None:
    cite = [{"passage": 3, "quote": sentence(article, 3)}]
    claims = enforcer.claims([{"text": "Some call it “a new axis”.", "citations": cite}], {3})
    assert claims.text == "Some call it a new axis [¶3]."


def test_marks_are_the_sentences_own_and_paragraphs_are_kept(
    enforcer: Enforcer, article: Article
) -> None:
    three = [{"passage": 3, "quote": sentence(article, 3)}]
    five = [{"passage": 5, "quote": sentence(article, 5)}]
    claims = enforcer.claims(
        [
            {"text": "First claim [¶9].", "citations": three},
            {"text": "Second, on two passages", "citations": three + five},
            {"text": "\n\nA new paragraph.", "citations": five},
        ],
        {3, 5},
    )
    assert (
        claims.text == "First claim [¶3]. Second, on two passages [¶3][¶5]\n\nA new paragraph [¶5]."
    )


def test_a_quotes_reason_stays_with_it_when_the_piece_repeats_its_words() -> None:
    repeated = "同じ文がこの記事には二度現れるのである。"
    piece = parse_article(f"見出し\n\n{repeated}最初の段落。\n次の段落。{repeated}\n")
    build = Replies(piece, Enforcer(Grounder(piece)), "llm").quotes({2}, 3, None, "ja")
    data = {"quotes": [{"passage": 2, "quote": repeated, "why": "繰り返しを示す"}]}
    answer, _failures = build(data, False)
    assert answer is not None
    (citation,) = answer.citations
    assert citation.passage == 2 and piece.text[citation.start : citation.end] == repeated
    assert answer.text.endswith("[¶2] — 繰り返しを示す")
