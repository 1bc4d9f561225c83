"""Reply formatting: every answer fits Discord's limits, splits at sentences, keeps its markers."""

from __future__ import annotations

import dataclasses
import re

import discord
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.answer import Answer, AnswerItem
from bot.core.article import Article
from bot.core.header import header_citation
from bot.discord import limits as lim
from bot.discord.render import (
    MAX_QUOTE_FIELDS,
    draft,
    escape,
    escaped,
    pack_embeds,
    render_answer,
    split_text,
)
from bot.discord.sources import sources_view
from bot.engines.offline.engine import OfflineEngine
from tests.discord.helpers import citations, message_problems, squash

MARKER = re.compile(r"\[¶\d+\]")


# ---------------------------------------------------------------- split_text

SENTENCE = st.lists(
    st.sampled_from([*"あいう漢字カナabcxyz", " ", "。", "、", ". ", "\n", "word ", "「", "」"]),
    min_size=1,
    max_size=60,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(st.tuples(SENTENCE, st.integers(1, 30)), min_size=1, max_size=60),
    limit=st.integers(20, 500),
)
def test_split_text_keeps_everything_within_the_limit(parts: list, limit: int) -> None:
    text = "".join(f"{s}[¶{n}]" if n % 3 == 0 else s for s, n in parts)
    chunks = split_text(text, limit)
    assert all(0 < len(c) <= limit for c in chunks)
    assert squash("".join(chunks)) == squash(text)
    # A [¶n] marker is never cut in two.
    assert sum(len(MARKER.findall(c)) for c in chunks) == len(MARKER.findall(text))


def test_split_text_cuts_only_at_sentence_ends_when_sentences_fit() -> None:
    sentences = [f"これは{i}番目の文で、内容は少しずつ違う。" for i in range(200)]
    text = "".join(sentences)
    chunks = split_text(text, 300)
    assert len(chunks) > 1
    assert all(c.endswith("。") for c in chunks)
    assert "".join(chunks) == text


def test_split_text_keeps_a_marker_with_its_sentence() -> None:
    text = "".join(f"文{i}はここで終わる。 [¶{i}]\n" for i in range(1, 80))
    for chunk in split_text(text, 200):
        assert not chunk.startswith("[¶"), chunk[:20]
        assert re.search(r"\[¶\d+\]$", chunk), chunk[-20:]


def test_split_text_leaves_short_text_alone() -> None:
    assert split_text("  短い。  ", 100) == ["短い。"]
    assert split_text("", 100) == []


def test_split_text_cuts_an_overlong_sentence_at_a_space() -> None:
    text = " ".join(["word"] * 300)  # one 1,499-character "sentence"
    chunks = split_text(text, 100)
    assert all(len(c) <= 100 for c in chunks)
    assert all(not c.startswith("ord") for c in chunks)  # never inside a word


# ---------------------------------------------------------------- answers


def _kinds(engine: OfflineEngine) -> list:
    return [
        engine.summary("short"),
        engine.summary("long"),
        engine.factors(),
        engine.factor(1),
        engine.quotes(None, 10),
        engine.ask("ロシアと北朝鮮の条約は何を定めているか"),
        engine.ask("What is the weather on Mars?", locale="en"),
        engine.ask("この記事の著者は誰？"),  # from the header, ¶0, where it has one
        engine.ask("Who wrote this piece?", locale="en"),
    ]


@pytest.mark.parametrize("lang", ["en", "ja"])
async def test_every_offline_answer_on_every_piece_fits(any_article: Article, lang: str) -> None:
    engine = OfflineEngine(any_article)
    for coro in _kinds(engine):
        answer = await coro
        view = sources_view("abcdefgh", any_article, answer, lang)
        replies = render_answer(answer, any_article.meta, lang, heading="見出し", view=view)
        for reply in replies:
            assert message_problems(reply.send_kwargs()) == []
        first = replies[0].embeds[0]
        assert first.title and first.title.startswith(any_article.meta.title[:50])
        assert "offline" in (replies[-1].embeds[-1].footer.text or "")
        assert (replies[-1].view is not None) == bool(answer.citations)
        shown = "".join((e.description or "") for r in replies for e in r.embeds)
        for marker in MARKER.findall(answer.text):
            assert marker in shown


def test_a_huge_answer_is_split_into_messages_within_every_limit(article: Article) -> None:
    cites = citations(article, 60)
    text = " ".join(f"Point {i} is argued at length here. [¶{c.passage}]" for i, c in
                    enumerate(cites)) * 40  # ~60,000 characters
    answer = Answer(text=text, citations=cites, engine="llm", grounded=True)
    view = sources_view("abcdefgh", article, answer, "en")
    replies = render_answer(answer, article.meta, "en", heading="Q: " + "why? " * 100, view=view)
    assert len(replies) > 1
    for reply in replies:
        assert message_problems(reply.send_kwargs()) == []
    assert [r.view is not None for r in replies] == [False] * (len(replies) - 1) + [True]
    shown = "".join(e.description or "" for r in replies for e in r.embeds)
    assert squash(text) in squash(shown)
    fields = [f for r in replies for e in r.embeds for f in e.fields]
    assert 0 < len(fields) <= MAX_QUOTE_FIELDS
    assert "press “Sources”" in shown  # the quotes that did not fit are pointed to


@given(st.text(alphabet="*_~`|>\\ab 。", max_size=400), st.integers(1, 300))
@settings(max_examples=300, deadline=None)
def test_escaped_text_fits_its_limit_escaped(text: str, limit: int) -> None:
    out = escaped(text, limit)
    assert len(out) <= limit
    if len(escape(text.strip())) <= limit:
        assert out == escape(text.strip())  # nothing is cut that fits


def test_a_heading_of_markdown_characters_keeps_the_answer_within_limits(
    article: Article,
) -> None:
    # Escaped after it was cut, a 200-character heading doubled and pushed the first embed
    # past 4,096 characters: Discord refused the answer.
    cites = citations(article, 3)
    text = "A sentence that goes on for a while. [¶1] " * 90  # about 3,800 characters
    answer = Answer(text=text, citations=cites, engine="offline", grounded=True)
    for reply in render_answer(answer, article.meta, "en", heading="*_" * 250):
        assert message_problems(reply.send_kwargs()) == []


def test_quotes_become_fields_unless_the_answer_already_shows_them(article: Article) -> None:
    cites = citations(article, 3)
    paraphrase = Answer("A paraphrase. [¶1]", cites, "llm", True)
    verbatim = Answer("\n".join(c.quote for c in cites), cites, "offline", True)
    [r1] = render_answer(paraphrase, article.meta, "ja")
    [r2] = render_answer(verbatim, article.meta, "ja")
    names = [f.name for f in r1.embeds[-1].fields]
    assert names == [f"¶{c.passage}" for c in cites]
    assert all(f.value.startswith("「") for f in r1.embeds[-1].fields)
    assert r2.embeds[-1].fields == []


def test_a_header_quote_is_labelled_as_the_header(article: Article) -> None:
    author = header_citation(article, "author")
    assert author is not None
    answer = Answer("Answered from the header. [¶0]", (author,), "offline", True)
    [reply] = render_answer(answer, article.meta, "en")
    [field] = reply.embeds[-1].fields
    assert field.name == "¶0 · header" and author.quote in field.value


@pytest.mark.parametrize(
    "text", ["The piece does not cover this.", "Glad to help. Ask me anything else."]
)
def test_answers_without_citations_say_so_in_the_footer(article: Article, text: str) -> None:
    """The footer claims only what holds of a "not covered" reply and of "glad to help"
    alike: nothing in it is quoted (it used to say the piece does not support an answer)."""
    answer = Answer(text, (), "offline", False)
    [reply] = render_answer(answer, article.meta, "en")
    footer = reply.embeds[0].footer.text
    assert footer == "Engine: offline · no quotes from the piece in this reply"
    assert reply.embeds[0].colour != discord.Colour.blurple()
    assert reply.view is None


def test_item_titles_and_notes_are_shown(article: Article) -> None:
    cites = citations(article, 2)
    answer = Answer(
        "1. First [¶1]\n2. Second [¶2]", cites, "offline", True, kind="factors",
        items=(AnswerItem("First", "x", cites[:1]), AnswerItem("Second", "y", cites[1:])),
        note="The piece does not enumerate factors.",
    )
    [reply] = render_answer(answer, article.meta, "en", heading="Factors")
    description = reply.embeds[0].description or ""
    assert description.startswith("**Factors**")
    assert "*The piece does not enumerate factors.*" in description


def test_pack_embeds_obeys_count_and_size() -> None:
    embeds = [discord.Embed(description="x" * 2500) for _ in range(5)]
    embeds += [discord.Embed(description="y") for _ in range(15)]
    pages = pack_embeds(embeds)
    assert sum(len(p) for p in pages) == 20
    for page in pages:
        assert len(page) <= lim.EMBEDS_PER_MESSAGE
        assert sum(len(e) for e in page) <= lim.MESSAGE_EMBED_CHARS
    with pytest.raises(ValueError):
        pack_embeds([discord.Embed(description="z" * 4096, title="t" * 256).add_field(
            name="n", value="v" * 1024).add_field(name="n", value="v" * 1024)])


def test_draft_fits_in_message_content() -> None:
    assert len(draft("長い" * 5000, "ja")) <= lim.CONTENT_CHARS
    assert draft("short", "en").endswith("short")


def test_a_marker_before_the_full_stop_keeps_the_stop() -> None:
    text = "".join(f"第{i}の主張である[¶{i}]。" for i in range(1, 120))
    chunks = split_text(text, 200)
    assert len(chunks) > 1
    assert all(not c.startswith("。") for c in chunks)
    assert "".join(chunks) == text


def test_latin_sentences_split_after_markers() -> None:
    text = " ".join(f"Point {i} is argued here. [¶{i % 9 + 1}]" for i in range(400))
    chunks = split_text(text, 500)
    assert all(re.search(r"\[¶\d\]$", c) for c in chunks)
    assert squash("".join(chunks)) == squash(text)


@pytest.mark.parametrize(
    ("url", "shown"),
    [("https://valdaiclub.com/a/1", "https://valdaiclub.com/a/1"), ("valdaiclub.com", None),
     ("javascript:alert(1)", None), (None, None)],
)
def test_only_web_links_become_embed_links(
    article: Article, url: str | None, shown: str | None
) -> None:
    meta = dataclasses.replace(article.meta, url=url)
    [reply] = render_answer(Answer("x [¶1]", (), "offline", True), meta, "en")
    assert reply.embeds[0].url == shown
