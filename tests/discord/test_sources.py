"""The Sources button: full cited paragraphs, a custom id that survives restarts and names its
piece, stale pieces, and pieces the presser may not see."""

from __future__ import annotations

import asyncio

import discord

from bot.core.answer import Answer
from bot.core.article import Article, parse_article
from bot.core.header import header_citation
from bot.discord import limits as lim
from bot.discord.bot import PieceBot
from bot.discord.i18n import t
from bot.discord.sources import (
    SOURCE_PARAGRAPH_CHARS,
    SourcesButton,
    fingerprint,
    render_sources,
    sources_view,
)
from bot.library.scope import Reader
from tests.discord.helpers import (
    USER_ID,
    RecordingInteraction,
    citations,
    component_payload,
    message_problems,
    squash,
)

PIECE = "abcdefgh"  # a library id's shape


def test_sources_show_each_cited_paragraph_in_full(article: Article) -> None:
    replies = render_sources(article, [3, 1, 3, 999], "en")
    embeds = [e for r in replies for e in r.embeds]
    assert [e.title for e in embeds] == ["¶3", "¶1"]  # cited order, no repeats, no ¶999
    assert squash(embeds[0].description or "") == squash(
        discord.utils.escape_markdown(article.paragraph(3).text)
    )
    for reply in replies:
        assert message_problems(reply.send_kwargs()) == []


def test_the_header_is_a_source_as_passage_zero(article: Article) -> None:
    # The default piece's header lines (author, source, date) follow its lead paragraph.
    replies = render_sources(article, [0, 2], "ja")
    embeds = [e for r in replies for e in r.embeds]
    assert [e.title for e in embeds] == ["¶0・ヘッダー", "¶2"]
    lines = (embeds[0].description or "").splitlines()
    assert lines == [article.meta.author, article.meta.source, article.meta.date]
    header = header_citation(article, "author")
    assert header is not None
    view = sources_view(PIECE, article, Answer("x [¶0]", (header,), "offline", True), "en")
    assert view is not None and view.children[0].custom_id.endswith(":0")


def test_a_piece_without_a_header_has_no_passage_zero() -> None:
    plain = parse_article("一つ目の段落です。\n二つ目の段落です。\n")
    assert [e.title for r in render_sources(plain, [0, 1], "en") for e in r.embeds] == ["¶1"]


def test_sources_for_every_paragraph_fit(any_article: Article) -> None:
    everything = range(1, len(any_article.paragraphs) + 1)
    replies = render_sources(any_article, everything, "ja")
    for reply in replies:
        assert message_problems(reply.send_kwargs()) == []
    titles = [e.title for r in replies for e in r.embeds if "（続き）" not in (e.title or "")]
    assert titles == [f"¶{n}" for n in everything]


def test_a_huge_paragraph_is_cut_to_a_few_messages() -> None:
    sentence = "これは改行のない長い文書の一文である。"
    article = parse_article(sentence * 10_000)  # one paragraph of about 570 kB of UTF-8
    replies = render_sources(article, [1], "en")
    shown = "".join(e.description or "" for r in replies for e in r.embeds)
    assert SOURCE_PARAGRAPH_CHARS <= len(shown) <= SOURCE_PARAGRAPH_CHARS + 200 and shown[-1] == "…"
    assert len(replies) <= 3
    for reply in replies:
        assert message_problems(reply.send_kwargs()) == []


async def test_sources_button_round_trips_through_its_custom_id(article: Article) -> None:
    passages = list(range(1, len(article.paragraphs) + 1)) * 3
    answer = Answer("x", citations(article, len(passages)), "offline", True)
    view = sources_view(PIECE, article, answer, "ja")
    assert view is not None
    [button] = view.children
    assert isinstance(button, SourcesButton)
    assert len(button.custom_id) <= lim.CUSTOM_ID_CHARS
    match = SourcesButton.__discord_ui_compiled_template__.fullmatch(button.custom_id)
    assert match is not None
    assert (match["piece"], match["text"]) == (PIECE, fingerprint(article))
    numbers = [int(n) for n in match["passages"].split(",")]
    assert numbers == list(dict.fromkeys(numbers))  # no repeats
    assert set(numbers) <= set(range(1, len(article.paragraphs) + 1))
    assert button.item.label == "出典"


def test_sources_view_is_none_withoutcitations(article: Article) -> None:
    assert sources_view(PIECE, article, Answer("no", (), "offline", False), "en") is None


async def press(client: PieceBot, button: SourcesButton, **kw: object) -> RecordingInteraction:
    """Press `button` (rebuilt from its custom id, as after a restart); return what it did."""
    interaction = RecordingInteraction(client, component_payload(button.custom_id, **kw))
    match = SourcesButton.__discord_ui_compiled_template__.fullmatch(button.custom_id)
    assert match is not None
    item = await SourcesButton.from_custom_id(interaction, button.item, match)
    await item.callback(interaction)
    return interaction


def shown(interaction: RecordingInteraction) -> dict:
    """The private reply: a deferred placeholder, then what replaced it."""
    (defer, deferred), (name, kwargs) = interaction.calls()
    assert defer == "response.defer" and deferred["ephemeral"] is True
    assert name == "original.edit_original_response"
    assert message_problems(kwargs) == []
    return kwargs


async def test_the_sources_button_shows_full_paragraphs_privately(
    client: PieceBot, article: Article
) -> None:
    piece = client.library.default_id
    button = SourcesButton(piece, fingerprint(article), [6, 7], "Sources")
    kwargs = shown(await press(client, button, locale="ja"))
    assert [e.title for e in kwargs["embeds"]] == ["¶6", "¶7"]


async def test_a_button_from_before_the_library_is_the_default_pieces(
    client: PieceBot, article: Article
) -> None:
    custom_id = f"piece:src:{fingerprint(article)}:2"  # the old layout: no piece id
    match = SourcesButton.__discord_ui_compiled_template__.fullmatch(custom_id)
    assert match is not None and match["piece"] is None
    button = SourcesButton(None, fingerprint(article), [2], "Sources")
    assert button.custom_id == custom_id
    assert [e.title for e in shown(await press(client, button))["embeds"]] == ["¶2"]


async def test_a_sources_button_from_another_piece_says_so(client: PieceBot) -> None:
    button = SourcesButton(client.library.default_id, "0123456789", [1], "Sources")
    assert "another version of the piece" in shown(await press(client, button))["content"]


async def test_presses_on_a_piece_read_it_once(client: PieceBot) -> None:
    # Regression: every press read the piece's text from the store and parsed it again.
    owner = Reader.personal(USER_ID)  # the presser's own piece, not loaded by any engine
    text = "一つ目の段落です。\n二つ目の段落です。\n三つ目の段落です。".encode()
    piece = (await client.library.add_bytes(owner, text, filename="a.txt")).piece
    button = SourcesButton(piece.id, piece.sha256[:10], [2, 3], "Sources")
    if client.warm_up_task is not None:  # its parse of the default piece is not a press's
        await asyncio.wait([client.warm_up_task])
    parses = client.library.articles.parses
    replies = [shown(await press(client, button)) for _ in range(3)]
    assert [e.title for e in replies[0]["embeds"]] == ["¶2", "¶3"]
    assert all(r["embeds"] == replies[0]["embeds"] for r in replies)
    assert client.library.articles.parses == parses + 1
    assert f"{piece.id}:{piece.sha256}" not in client.library.engines  # nor built an engine


async def test_a_personal_pieces_button_shows_nothing_to_anyone_else(client: PieceBot) -> None:
    owner = Reader.personal(USER_ID + 1)
    text = "秘密の段落です。\n二つ目。".encode()
    added = await client.library.add_bytes(owner, text, filename="a.txt")
    article = await client.library.article(owner, added.piece.id)
    button = SourcesButton(added.piece.id, fingerprint(article), [1], "Sources")
    # Its parse is kept in memory after the owner's look-up: the press is refused all the same.
    assert f"{added.piece.id}:{added.piece.sha256}" in client.library.articles
    kwargs = shown(await press(client, button))  # pressed by USER_ID, not the owner
    assert kwargs["content"] == t("piece.error.not_found", "en")
    assert not kwargs.get("embeds")
