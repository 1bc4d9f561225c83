"""An LLM answer built from a hostile model reply, rendered as Discord embeds: no quote in them
is unverified, no link is clickable, and the footer's claim holds."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.article import Article
from bot.core.grounding import Grounder
from bot.discord.render import draft, render_answer
from bot.engines.llm import LLMEngine, build_llm_engine
from tests.discord.helpers import message_problems
from tests.engines.llm.conftest import make_settings
from tests.engines.llm.test_loopholes import DROPPED, assert_shown_safely
from tests.fakes.openai_api import FakeOpenAI, loopholes


@pytest.fixture
async def hostile(tmp_path: Path, article: Article) -> AsyncIterator[LLMEngine]:
    async with FakeOpenAI(default=loopholes(chunk_chars=5)) as server:
        engine = build_llm_engine(make_settings(server.base_url, tmp_path), article)
        yield engine
        await engine.aclose()


def shown(replies: list) -> list[str]:
    """Every text a reader sees in the embeds: descriptions, field values, footers."""
    out = []
    for reply in replies:
        for embed in reply.embeds:
            out.append(embed.description or "")
            out += [f.value for f in embed.fields]
            out.append(embed.footer.text or "")
    return out


@pytest.mark.parametrize("command", ["ask", "summary", "factors", "quote"])
@pytest.mark.parametrize("lang", ["en", "ja"])
async def test_no_loophole_reaches_the_embed(
    hostile: LLMEngine, article: Article, command: str, lang: str
) -> None:
    calls = {
        "ask": lambda: hostile.ask("北朝鮮の核について筆者は何と言っている？"),
        "summary": lambda: hostile.summary(locale=lang),
        "factors": lambda: hostile.factors(locale=lang),
        "quote": lambda: hostile.quotes(locale=lang),
    }
    answer = await calls[command]()
    assert answer.engine == "llm" and answer.grounded
    replies = render_answer(answer, article.meta, lang)
    grounder = Grounder(article)
    for text in shown(replies):
        assert_shown_safely(text, grounder)
        assert all(words not in text for words in DROPPED), text
    for reply in replies:
        assert message_problems(reply.send_kwargs()) == []
    footer = replies[-1].embeds[-1].footer.text or ""
    assert ("word for word" if lang == "en" else "一字一句") in footer
    # The only link a reader can follow is the piece's own, from its metadata.
    assert replies[0].embeds[0].url == (article.meta.url or None)


async def test_streamed_drafts_render_without_loopholes(
    hostile: LLMEngine, article: Article
) -> None:
    grounder = Grounder(article)
    texts = [e.text async for e in hostile.ask_stream("北朝鮮の核について") if e.final is None]
    assert texts
    for text in texts:
        content = draft(text, "en")
        assert_shown_safely(content.split("\n\n", 1)[1], grounder)
