"""End to end, reading the library's pieces: a file of each format attached in a server and in
a DM (served by the fake Discord's own CDN and downloaded by the bot), questions about each with
every citation checked against its piece, /piece use and the piece option, and a DM attachment
that becomes the reader's current piece and conversation."""

from __future__ import annotations

import pytest

from bot.discord.i18n import t
from tests.discord.e2e.helpers import EPHEMERAL, assert_clean, text_of
from tests.discord.e2e.library.helpers import (
    DOCUMENTS_BY_FORMAT,
    PIECE_ID,
    LibraryE2E,
    listed,
)
from tests.fakes.discord_api import payloads as p
from tests.fakes.discord_api.harness import DONE_S


@pytest.mark.parametrize("kind", list(DOCUMENTS_BY_FORMAT))
async def test_a_piece_of_each_format_is_read_in_a_server_and_as_a_personal_piece(
    lib: LibraryE2E, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    doc = DOCUMENTS_BY_FORMAT[kind]
    e2e = lib.e2e
    # In a server: an admin adds it; the confirmation names title, size, paragraphs and id.
    shown, server_id = await lib.add(lib.admin, doc, title=f"{kind} piece")
    assert server_id is not None, text_of(shown)
    server = await lib.piece(server_id)
    assert server.format == kind and server.title == f"{kind} piece"
    said = text_of(shown)
    assert server.title in said and f"{server.paragraphs}" in said
    assert not any(m["flags"] & EPHEMERAL for m in shown)  # a server's new piece is news to all
    assert e2e.fake.cdn_requests  # downloaded from the fake's CDN by the bot itself
    # A member asks about it by the piece option; the answer names it and cites it.
    _, answer = await lib.reply(
        e2e.slash("ask", {"question": doc.question, "piece": server_id}, user=lib.member)
    )
    assert answer[0]["embeds"][0]["title"] == server.title
    assert "[¶" in text_of(answer)
    lib.check_answer_about(server)

    # In a DM: the file, sent as an attachment, becomes the sender's current piece.
    user, channel_id = lib.alice, e2e.fake.dm_channel_for(lib.alice)
    file = e2e.fake.attachment(channel_id, doc.filename, doc.data, doc.content_type)
    await e2e.fake.dispatch_message(p.message(channel_id, user, "", attachments=[file]))
    confirmation = await e2e.fake.wait_for_message(
        lambda m: m.channel_id == channel_id and bool(PIECE_ID.search(m.body.get("content") or "")),
        DONE_S,
        "the DM confirmation",
    )
    personal = await lib.piece(PIECE_ID.search(confirmation.body["content"])[1])  # type: ignore[index]
    assert personal.owner == int(user["id"]) and personal.id != server_id
    # No text: said in the language of the piece read until now (the default, Japanese).
    assert t("piece.now_yours", "ja") in confirmation.body["content"]
    await e2e.fake.dispatch_message(p.message(channel_id, user, doc.question))
    dm_answer = await e2e.fake.wait_for_message(
        lambda m: m.channel_id == channel_id and bool(m.body.get("embeds")), DONE_S, "DM answer"
    )
    assert dm_answer.body["embeds"][0]["title"] == personal.title
    lib.check_answer_about(personal)
    # … and the reading commands take it by the piece option too.
    _, summary = await lib.reply(
        e2e.slash("summary", {"piece": personal.id}, where="dm", user=user)
    )
    assert summary[0]["embeds"][0]["title"] == personal.title
    lib.check_answer_about(personal)
    assert_clean(e2e.fake, caplog)


async def test_piece_use_sets_the_channels_piece_and_the_option_reads_another(
    lib: LibraryE2E, caplog: pytest.LogCaptureFixture
) -> None:
    e2e = lib.e2e
    default = await lib.piece(lib.library.default_id or "")
    _, added = await lib.add(lib.admin, DOCUMENTS_BY_FORMAT["html"])
    assert added is not None
    piece = await lib.piece(added)
    _, before = await lib.reply(e2e.slash("summary", {}, user=lib.member))
    assert before[0]["embeds"][0]["title"] == default.title  # the default, until chosen

    use = e2e.slash("piece", {"piece": added}, subcommand="use", user=lib.member)
    _, used = await lib.reply(use)
    assert t("piece.use.channel", "en", title=piece.title, id=added) in text_of(used)
    assert not used[0]["flags"] & EPHEMERAL  # the channel's piece changed for everyone
    _, after = await lib.reply(e2e.slash("summary", {}, user=lib.bob))
    assert after[0]["embeds"][0]["title"] == piece.title
    lib.check_answer_about(piece)
    _, other = await lib.reply(e2e.slash("summary", {"piece": default.id}, user=lib.bob))
    assert other[0]["embeds"][0]["title"] == default.title
    lib.check_answer_about(default)
    # The other server's channel still reads the default piece.
    _, elsewhere = await lib.reply(e2e.slash("summary", {}, user=lib.bob, guild=1))
    assert elsewhere[0]["embeds"][0]["title"] == default.title

    # In a DM, /piece use is the reader's own choice, said privately.
    _, mine = await lib.reply(
        e2e.slash("piece", {"piece": default.id}, subcommand="use", where="dm", user=lib.alice)
    )
    assert all(m["flags"] & EPHEMERAL for m in mine)
    assert default.title in text_of(mine)
    assert_clean(e2e.fake, caplog)


async def test_a_dm_attachment_becomes_the_current_piece_and_its_conversation(
    lib: LibraryE2E, caplog: pytest.LogCaptureFixture
) -> None:
    e2e = lib.e2e
    user, channel_id = lib.alice, e2e.fake.dm_channel_for(lib.alice)
    doc = DOCUMENTS_BY_FORMAT["markdown"]
    file = e2e.fake.attachment(channel_id, doc.filename, doc.data, doc.content_type)
    # The question in the same message is answered about the file it came with.
    await e2e.fake.dispatch_message(p.message(channel_id, user, doc.question, attachments=[file]))
    answer = await e2e.fake.wait_for_message(
        lambda m: m.channel_id == channel_id and bool(m.body.get("embeds")), DONE_S, "answer"
    )
    [confirmation] = [m for m in e2e.fake.outgoing if m.channel_id == channel_id][:1]
    piece = await lib.piece(PIECE_ID.search(confirmation.body["content"])[1])  # type: ignore[index]
    assert answer.body["embeds"][0]["title"] == piece.title
    lib.check_answer_about(piece)
    assert f"`{piece.id}` **{piece.title}**" in (text := await listed(lib, user, where="dm"))
    assert t("piece.list.current", "en") in text.split(piece.id, 1)[1].splitlines()[0]
    store, uid = e2e.bot.store, int(user["id"])
    assert [turn.question for turn in await store.history(uid, piece.id)] == [doc.question]

    # Removing the piece removes the conversation about it.
    _, shown = await lib.reply(
        e2e.slash("piece", {"piece": piece.id}, subcommand="remove", where="dm", user=user)
    )
    assert f"`{piece.id}`" in text_of(shown)
    assert await store.history(uid, piece.id) == [] and await store.count(uid) == 0

    # A file that is not a document gets one private reply naming the reason.
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    file = e2e.fake.attachment(channel_id, "photo.png", png, "image/png")
    await e2e.fake.dispatch_message(p.message(channel_id, user, "", attachments=[file]))
    refusal = await e2e.fake.wait_for_message(
        lambda m: m.channel_id == channel_id and t("piece.error.unsupported", "ja") in (
            m.body.get("content") or ""
        ),
        DONE_S,
        "the refusal",
    )
    assert refusal.kind == "channel"
    assert_clean(e2e.fake, caplog)
