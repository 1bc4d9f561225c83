"""Slash-command handlers, driven by raw interaction payloads through the real command tree."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.core.answer import Turn
from bot.core.article import Article
from bot.discord import delivery
from bot.discord.bot import PieceBot
from bot.discord.options import AUTOCOMPLETE_WAIT_S, PerPiece
from bot.discord.sources import SourcesButton
from bot.engines.base import Engine
from bot.engines.offline.engine import OfflineEngine
from tests.discord.engines import Broken, FailsAfterDraft, Streaming
from tests.discord.helpers import (
    RecordingInteraction,
    command,
    interaction_payload,
    invoke,
    make_bot,
    mentions_off,
    message_problems,
)

ENGINE_COMMANDS = [
    ("summary", {"length": "short"}),
    ("factors", {}),
    ("factor", {"number": 1}),
    ("quote", {"topic": "制裁", "count": 2}),
    ("ask", {"question": "北朝鮮の核ミサイル計画"}),
]


async def run(bot: PieceBot, name: str, options: dict | None = None, **kw: Any):
    return await invoke(bot, interaction_payload(command(bot, name), options or {}, **kw))


def final_embeds(interaction: RecordingInteraction) -> list[discord.Embed]:
    return [e for kw in interaction.sent() for e in (kw.get("embeds") or [])]


def assert_well_formed(interaction: RecordingInteraction) -> None:
    sent = interaction.sent()
    assert sent, interaction.calls()
    for kwargs in sent:
        assert message_problems(kwargs) == [], kwargs
        assert mentions_off(kwargs), kwargs


@pytest.mark.parametrize(("name", "options"), ENGINE_COMMANDS)
@pytest.mark.parametrize("where", ["guild", "dm", "group_dm"])
async def test_engine_commands_defer_then_answer_everywhere(
    client: PieceBot, article: Article, name: str, options: dict, where: str
) -> None:
    interaction = await run(client, name, options, where=where)
    calls = interaction.calls()
    assert calls[0] == ("response.defer", {"ephemeral": False, "thinking": True})
    assert calls[-1][0] == "original.edit_original_response"
    assert_well_formed(interaction)
    [first, *_] = final_embeds(interaction)
    assert first.title and first.title.startswith(article.meta.title[:40])
    assert first.author.name and article.meta.author in first.author.name
    assert "offline" in (final_embeds(interaction)[-1].footer.text or "")
    assert "[¶" in (first.description or "")


@pytest.mark.parametrize(("name", "options"), ENGINE_COMMANDS)
async def test_private_replies_are_ephemeral_from_the_start(
    client: PieceBot, name: str, options: dict
) -> None:
    interaction = await run(client, name, {**options, "private": True})
    assert interaction.calls()[0] == ("response.defer", {"ephemeral": True, "thinking": True})


async def test_framing_follows_the_users_locale(client: PieceBot) -> None:
    ja = final_embeds(await run(client, "summary", {"length": "long"}, locale="ja"))
    en = final_embeds(await run(client, "summary", {"length": "long"}, locale="en-GB"))
    assert (ja[0].description or "").startswith("**要約（長め）**")
    assert (en[0].description or "").startswith("**Summary (long)**")
    assert "エンジン" in (ja[-1].footer.text or "")
    assert "Engine" in (en[-1].footer.text or "")


async def test_answers_carry_a_sources_button(client: PieceBot, engine: OfflineEngine) -> None:
    interaction = await run(client, "factors", locale="ja")
    [final] = interaction.sent()
    [button] = final["view"].children
    assert isinstance(button, SourcesButton)
    assert button.item.label == "出典"
    assert button.piece == client.library.default_id  # the button names its piece
    answer = await engine.factors()
    assert list(button.passages) == list(answer.passages)


async def test_factors_lists_one_line_per_factor_with_ids(
    client: PieceBot, engine: OfflineEngine
) -> None:
    answer = await engine.factors()
    [embed, *_] = final_embeds(await run(client, "factors"))
    description = embed.description or ""
    for n, item in enumerate(answer.items, start=1):
        line = next(x for x in description.splitlines() if x.startswith(f"{n}. "))
        assert item.title in line and "[¶" in line


async def test_factor_autocomplete_lists_the_factor_titles(
    client: PieceBot, engine: OfflineEngine
) -> None:
    answer = await engine.factors()
    interaction = await run(client, "factor", {"number": ""}, focused="number")
    [(name, kwargs)] = interaction.calls()
    assert name == "response.autocomplete"
    choices = kwargs["content"]
    assert [c.value for c in choices] == list(range(1, len(answer.items) + 1))
    assert [c.name for c in choices] == [f"{n}. {i.title}" for n, i in enumerate(answer.items, 1)]
    narrowed = await run(client, "factor", {"number": "2"}, focused="number")
    assert [c.value for c in narrowed.calls()[0][1]["content"]] == [2]


async def test_quote_autocomplete_offers_key_terms_matching_the_input(
    client: PieceBot, article: Article
) -> None:
    everything = (await run(client, "quote", {"topic": ""}, focused="topic")).calls()[0][1]
    assert 0 < len(everything["content"]) <= 25
    typed = (await run(client, "quote", {"topic": "制裁"}, focused="topic")).calls()[0][1]
    terms = [c.value for c in typed["content"]]
    assert terms and all("制裁" in term for term in terms)
    assert all(term in article.text for term in terms)  # verbatim from the piece


async def test_autocomplete_answers_at_once_while_the_key_terms_are_not_ready(
    client: PieceBot,
) -> None:
    piece = client.get_cog("Piece")
    assert piece is not None
    never: asyncio.Future[list[str]] = asyncio.get_running_loop().create_future()

    async def still_tagging(engine: Engine) -> list[str]:  # a huge piece, still being tagged
        return await never

    piece.key_terms = PerPiece("key terms", still_tagging)  # type: ignore[attr-defined]
    started = time.monotonic()
    interaction = await run(client, "quote", {"topic": "制裁"}, focused="topic")
    assert time.monotonic() - started < AUTOCOMPLETE_WAIT_S + 0.5
    [(name, kwargs)] = interaction.calls()
    assert name == "response.autocomplete" and kwargs["content"] == []
    never.cancel()


@pytest.mark.parametrize(
    ("name", "options", "reason"),
    [
        ("factor", {"number": 25}, "there is no factor 25"),
        ("ask", {"question": "\ufeff\u2060\u00ad\u3164"}, "the question is empty"),
    ],
)
async def test_bad_input_gets_a_private_explanation(
    client: PieceBot, name: str, options: dict, reason: str
) -> None:
    interaction = await run(client, name, options)
    names = [name for name, _ in interaction.calls()]
    # The public "thinking…" placeholder is removed, and the reason is told privately.
    assert names == ["response.defer", "original.delete_original_response", "followup.send"]
    text = interaction.calls()[-1][1]
    assert text["ephemeral"] is True
    assert reason in text["content"]
    assert mentions_off(text)


async def test_a_private_error_replaces_the_private_placeholder(client: PieceBot) -> None:
    interaction = await run(client, "factor", {"number": 25, "private": True}, locale="ja")
    names = [name for name, _ in interaction.calls()]
    assert names == ["response.defer", "original.edit_original_response"]
    edit = interaction.calls()[-1][1]
    assert edit["content"].startswith("実行できません")
    assert edit["embeds"] == [] and edit["view"] is None


async def test_ask_streams_a_draft_then_the_verified_answer(
    tmp_path: Path, engine: OfflineEngine
) -> None:
    async with make_bot(tmp_path, Streaming(engine)) as bot:
        interaction = await run(bot, "ask", {"question": "北朝鮮の核ミサイル計画"}, locale="ja")
    edits = [kw for name, kw in interaction.calls() if name == "original.edit_original_response"]
    assert len(edits) == 2  # one draft (later ones fall inside the 1.5 s interval), one final
    assert edits[0]["content"].startswith("✍️")
    assert "embeds" not in edits[0]
    assert edits[1]["content"] is None and edits[1]["embeds"]
    assert all(mentions_off(kw) for kw in edits)


async def test_mentions_in_a_question_ping_nobody(client: PieceBot) -> None:
    interaction = await run(client, "ask", {"question": "@everyone <@1234> @here 制裁とは"})
    assert_well_formed(interaction)
    description = final_embeds(interaction)[0].description or ""
    assert "@everyone" in description  # shown as text …
    for kwargs in interaction.sent():  # … but no call may ping
        allowed = kwargs["allowed_mentions"]
        assert allowed.to_dict()["parse"] == [] and allowed.replied_user is False


async def test_the_rate_limit_answers_politely_and_privately(
    tmp_path: Path, engine: OfflineEngine
) -> None:
    async with make_bot(tmp_path, engine, RATE_LIMIT_COUNT="2") as bot:
        for _ in range(2):
            await run(bot, "summary")
        refused = await run(bot, "summary", locale="en-US")
        other_user = await run(bot, "summary", user_id=42)
        help_still_works = await run(bot, "help")
    [(name, kwargs)] = refused.calls()
    assert name == "response.send_message"
    assert kwargs["ephemeral"] is True
    assert "try again in" in kwargs["content"] and " s." in kwargs["content"]
    assert other_user.calls()[0][0] == "response.defer"
    assert help_still_works.calls()[0][0] == "response.send_message"


async def test_when_the_queue_is_full_users_are_asked_to_retry(
    tmp_path: Path, engine: OfflineEngine
) -> None:
    env = {"MAX_CONCURRENT_ANSWERS": "1", "MAX_QUEUED_ANSWERS": "0"}
    async with make_bot(tmp_path, engine, **env) as bot, bot.gate.slot():
        # another answer holds the only slot
        interaction = await run(bot, "summary", {"private": True})
    edit = interaction.calls()[-1][1]
    assert "many questions" in edit["content"]


async def test_an_answer_queued_too_long_gives_up_politely(
    tmp_path: Path, engine: OfflineEngine
) -> None:
    # Regression: a deferred answer could wait in the queue past its token's 15 minutes.
    env = {"MAX_CONCURRENT_ANSWERS": "1", "MAX_QUEUED_ANSWERS": "5"}
    async with make_bot(tmp_path, engine, **env) as bot:
        bot.gate.max_wait_s = 0.05  # stands in for the real bound (minutes)
        async with bot.gate.slot():  # another answer holds the only slot, and keeps it
            interaction = await asyncio.wait_for(run(bot, "summary"), 5)
        assert bot.gate.waiting == 0
    names = [name for name, _ in interaction.calls()]
    assert names[0] == "response.defer"
    last = interaction.calls()[-1][1]
    assert "many questions" in last["content"] and last["ephemeral"] is True


async def test_unexpected_errors_are_logged_with_a_trace_and_a_reference(
    tmp_path: Path,
    engine: OfflineEngine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with make_bot(tmp_path, Broken(engine)) as bot:
        with caplog.at_level(logging.ERROR, logger="bot.discord.errors"):
            interaction = await run(bot, "summary")
    text = interaction.calls()[-1][1]["content"]
    assert f"ref {interaction.id}" in text
    assert "boom" not in text  # internals stay in the log
    [record] = caplog.records
    assert record.exc_info is not None and "boom" in str(record.exc_info[1])
    assert str(interaction.id) in record.getMessage()


async def test_about_is_private_if_asked_and_complete(client: PieceBot, article: Article) -> None:
    interaction = await run(client, "about", {"private": True})
    (defer, deferred), (name, kwargs) = interaction.calls()
    assert defer == "response.defer" and deferred["ephemeral"] is True
    assert name == "original.edit_original_response"
    [embed] = kwargs["embeds"]
    values = " ".join(f.value for f in embed.fields)
    for expected in (article.meta.author, article.meta.source, article.meta.date, "offline"):
        assert expected and expected in values
    assert f"`{client.library.default_id}`" in values


async def test_help_is_private(client: PieceBot) -> None:
    [(name, kwargs)] = (await run(client, "help", locale="ja")).calls()
    assert name == "response.send_message" and kwargs["ephemeral"] is True
    assert "/ask" in (kwargs["embeds"][0].description or "")


async def test_forget_deletes_the_conversation_and_says_what(client: PieceBot) -> None:
    user = 1_400_000_000_000_000_001
    await client.store.add(user, "piecea23", Turn("q1", "a1", (1,)))
    await client.store.add(user, "pieceb23", Turn("q2", "a2", (2,)))  # every piece
    first = (await run(client, "forget")).calls()[0][1]
    assert first["ephemeral"] is True
    assert "Deleted 2 stored turns" in first["content"] and "<t:" in first["content"]
    assert await client.store.count(user) == 0
    again = (await run(client, "forget", locale="ja")).calls()[0][1]
    assert "削除するものはありません" in again["content"]


async def test_a_failed_streamed_ask_leaves_no_public_draft(
    tmp_path: Path, engine: OfflineEngine
) -> None:
    async with make_bot(tmp_path, FailsAfterDraft(engine)) as bot:
        interaction = await run(bot, "ask", {"question": "北朝鮮の核ミサイル計画"})
    names = [name for name, _ in interaction.calls()]
    assert names == [
        "response.defer",
        "original.edit_original_response",  # the draft …
        "original.delete_original_response",  # … removed when the answer failed
        "followup.send",  # and the user told privately
    ]
    assert interaction.calls()[-1][1]["ephemeral"] is True


@pytest.fixture
def slow_database(client: PieceBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Look-ups and /forget's delete take longer than a handler waits before acknowledging
    (a write queued behind another process's lock takes seconds; here, both shrink)."""
    monkeypatch.setattr(delivery, "QUICK_LOOKUP_S", 0.01)
    resolve, forget = client.library.resolve, client.store.forget

    async def slow_resolve(*args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(0.1)
        return await resolve(*args, **kwargs)

    async def slow_forget(*args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(0.1)
        return await forget(*args, **kwargs)

    async def slow_list(*args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(0.1)
        return await autocomplete(*args, **kwargs)

    autocomplete = client.library.autocomplete
    monkeypatch.setattr(client.library, "resolve", slow_resolve)
    monkeypatch.setattr(client.library, "autocomplete", slow_list)
    monkeypatch.setattr(client.store, "forget", slow_forget)


@pytest.mark.usefixtures("slow_database")
@pytest.mark.parametrize("name", ["summary", "about"])
async def test_a_slow_piece_look_up_is_acknowledged_first_and_privately(
    client: PieceBot, name: str
) -> None:
    # Regression: the piece was looked up before the defer, however long that took.
    interaction = await run(client, name)
    calls = interaction.calls()
    # Privately: until the piece is known, it may be a personal one.
    assert calls[0] == ("response.defer", {"ephemeral": True, "thinking": True})
    assert calls[-1][0] == "original.edit_original_response"
    assert all(kw["ephemeral"] for n, kw in calls if n == "followup.send")
    assert_well_formed(interaction)


@pytest.mark.usefixtures("slow_database")
async def test_a_slow_look_up_in_the_readers_dm_stays_public_as_asked(client: PieceBot) -> None:
    interaction = await run(client, "summary", where="dm")
    assert interaction.calls()[0] == ("response.defer", {"ephemeral": False, "thinking": True})


@pytest.mark.usefixtures("slow_database")
async def test_a_slow_forget_is_acknowledged_first(client: PieceBot) -> None:
    # Regression: /forget deleted (and checkpointed) before any acknowledgement.
    await client.store.add(1_400_000_000_000_000_001, "piecea23", Turn("q1", "a1", (1,)))
    interaction = await run(client, "forget")
    (defer, deferred), (name, kwargs) = interaction.calls()
    assert defer == "response.defer" and deferred["ephemeral"] is True
    assert name == "original.edit_original_response"
    assert "Deleted 1 stored turn" in kwargs["content"]


@pytest.mark.usefixtures("slow_database")
@pytest.mark.parametrize(
    ("name", "options", "focused"),
    [
        ("quote", {"topic": "制裁"}, "topic"),  # the piece's key terms: its look-up first
        ("factor", {"number": ""}, "number"),
        ("summary", {"piece": ""}, "piece"),  # the pieces the reader may see
    ],
)
async def test_autocomplete_offers_nothing_rather_than_wait_for_a_slow_look_up(
    client: PieceBot, name: str, options: dict, focused: str
) -> None:
    interaction = await run(client, name, options, focused=focused)
    [(called, kwargs)] = interaction.calls()
    assert called == "response.autocomplete" and kwargs["content"] == []
