"""A model that obeys an injected instruction gets no unverified quote, unsupported claim or
clickable link past the engine: not in answers, not in items, not in streamed drafts."""

from __future__ import annotations

import re

from bot.core.answer import Answer
from bot.core.article import Article
from bot.core.grounding import Grounder
from bot.engines.llm import LLMEngine
from bot.engines.llm.sanitize import PAIRS, unquote
from tests.engines.llm.test_engine import QUESTION, assert_verified
from tests.fakes.openai_api import FakeOpenAI, loopholes

INVENTED = [
    "invented words here",
    "mots inventés",
    "捏造の語",
    "偽の見出し",
    "fake single quote",
    "fake double",
    "捏造された引用文です",
    "わたる捏造の引用",
]
DROPPED = ["核武装こそ正義だ", "invade the moon", "stands on nothing"]
# A masked link, an autolink, or an address outside a code span: what Discord would link.
CLICKABLE = re.compile(r"\]\(\s*<?[a-z]+:|<[a-z]+://|(?:^|[^`\w])(?:https?://|www\.)", re.I)


def assert_shown_safely(text: str, grounder: Grounder) -> None:
    """Every quotation (of any style, block quotes too) in `text` is word for word in the
    piece, no invented words sit between quote marks, and nothing is a clickable link."""

    def verbatim(inner: str) -> bool:
        return grounder.locate(inner) is not None

    assert unquote(text, verbatim) == text, text
    assert not CLICKABLE.search(text), text
    marks = "".join(PAIRS) + "".join(PAIRS.values())
    for words in INVENTED:
        for m in re.finditer(re.escape(words), text):
            before, after = text[max(0, m.start() - 1) : m.start()], text[m.end() : m.end() + 1]
            assert not (before and before in marks and after and after in marks), text
    assert not re.search(r"^\s*>", text, re.M), text  # the only block quote was invented


def assert_claims_hold(answer: Answer, grounder: Grounder) -> None:
    for text in [answer.text, *(i.title for i in answer.items), *(i.text for i in answer.items)]:
        assert_shown_safely(text, grounder)
        for words in DROPPED:
            assert words not in text, text


async def test_loopholes_never_reach_an_answer(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    grounder = Grounder(article)
    fake.default = loopholes()
    for answer in [await llm.ask(QUESTION), await llm.summary(), await llm.factor(1)]:
        assert answer.engine == "llm", answer.note
        assert_verified(answer, article)
        assert_claims_hold(answer, grounder)
        # The five supported sentences stay, each with its own [¶n] mark; words become text.
        assert len(re.findall(r"(?:\[¶\d+\])+", answer.text)) == 5, answer.text
        assert "invented words here" in answer.text and "evil.example/login" in answer.text


async def test_loopholes_never_reach_a_list_or_quotes(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    grounder = Grounder(article)
    fake.default = loopholes()
    factors = await llm.factors(locale="en")
    assert factors.engine == "llm" and len(factors.items) == 2
    assert_claims_hold(factors, grounder)
    assert "核武装" not in factors.text  # the unsupported intro is not shown
    quotes = await llm.quotes(locale="en")
    assert quotes.engine == "llm"
    assert_claims_hold(quotes, grounder)


async def test_streamed_drafts_show_no_unverified_quote_or_link(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    grounder = Grounder(article)
    fake.default = loopholes(chunk_chars=2)
    events = [e async for e in llm.ask_stream(QUESTION)]
    drafts = [e.text for e in events if e.final is None]
    assert len(drafts) >= 4  # one more sentence at a time
    for draft in drafts:
        # Whole sentences, checked as the final's are: the final answer begins with each draft.
        assert_shown_safely(draft, grounder)
        assert all(words not in draft for words in DROPPED), draft
    final = events[-1].final
    assert final is not None and final.engine == "llm"
    assert_claims_hold(final, grounder)
    assert all(final.text.startswith(d) for d in drafts)
