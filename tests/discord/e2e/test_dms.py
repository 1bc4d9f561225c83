"""End to end, direct messages: questions answered in the DM, remembered, and pinging nobody."""

from __future__ import annotations

import asyncio

import pytest

from bot.discord.i18n import t
from tests.discord.e2e.helpers import EPHEMERAL, assert_clean, eventually, text_of
from tests.fakes.discord_api import OutgoingMessage, limits
from tests.fakes.discord_api import payloads as p
from tests.fakes.discord_api.harness import DONE_S, QUESTION, Session


async def test_everyone_and_user_mentions_in_a_question_ping_nobody(
    e2e: Session, caplog: pytest.LogCaptureFixture
) -> None:
    question = "@everyone @here <@123> <@&456> この条約は何を定めていますか？"
    record = await e2e.run(e2e.slash("ask", {"question": question}))
    sent = e2e.fake.messages_for(record)
    assert sent
    assert "@everyone" in text_of(sent)  # the question is echoed back, so this is a real test
    for message in sent:
        assert limits.pings(message.body) == []
    for stored in e2e.final(record):
        assert stored["mention_everyone"] is False and stored["mentions"] == []

    user, channel_id = e2e.dm_user()
    await e2e.fake.dispatch_message(p.message(channel_id, user, question))
    answer = await e2e.fake.wait_for_message(
        lambda m: m.channel_id == channel_id and bool(m.body.get("embeds")), DONE_S, "DM answer"
    )
    replied = int(answer.body["message_reference"]["message_id"])
    original = e2e.fake.messages[replied]
    assert limits.pings(answer.body, replied_user_id=int(original["author"]["id"])) == []
    assert_clean(e2e.fake, caplog)


async def test_dm_conversation_is_answered_in_the_dm_and_remembered(
    e2e: Session, caplog: pytest.LogCaptureFixture
) -> None:
    fake = e2e.fake
    user, channel_id = e2e.dm_user()
    piece = e2e.bot.library.default_id or ""  # the piece the conversation is about
    questions = [QUESTION, "二つ目の要因について詳しく教えてください。"]
    for n, question in enumerate(questions, start=1):
        asked = p.message(channel_id, user, question)
        await fake.dispatch_message(asked)
        answer = await fake.wait_for_message(
            lambda m, asked=asked: m.channel_id == channel_id
            and str((m.body.get("message_reference") or {}).get("message_id")) == asked["id"]
            and bool(m.body.get("embeds")),
            DONE_S,
            f"answer to DM {n}",
        )
        assert answer.kind == "channel"
        assert answer.request.params["channel_id"] == str(channel_id)
        assert "[¶" in text_of([answer])
        typing = [
            r
            for r in fake.requests
            if r.route == "POST /channels/{channel_id}/typing"
            and r.params["channel_id"] == str(channel_id)
        ]
        assert len(typing) >= n and typing[n - 1].at <= answer.request.at
        # the turn is stored just after the answer is sent; the next question must see it
        history = await eventually(
            lambda: e2e.bot.store.history(int(user["id"]), piece), lambda h, n=n: len(h) == n
        )
    assert [turn.question for turn in history] == questions

    forget = await e2e.run(e2e.slash("forget", where="dm", locale="en-US", user=user))
    assert forget.callback_type == 4 and forget.callback.body["data"]["flags"] & EPHEMERAL
    said = text_of(e2e.final(forget))
    assert t("forget.none", "en") not in said and "2" in said
    assert await asyncio.wait_for(e2e.bot.store.history(int(user["id"]), piece), 5) == []
    assert_clean(fake, caplog)


async def test_bots_and_the_bot_itself_are_ignored(
    e2e: Session, caplog: pytest.LogCaptureFixture
) -> None:
    fake = e2e.fake
    human, channel_id = e2e.dm_user()
    other_bot = p.user(p.snowflake(), "otherbot", bot=True)
    bot_channel = fake.dm_channel_for(other_bot)

    def answers() -> list[OutgoingMessage]:
        return [m for m in fake.outgoing if m.channel_id == channel_id and m.body.get("embeds")]

    await fake.dispatch_message(p.message(bot_channel, other_bot, QUESTION))
    await fake.dispatch_message(p.message(channel_id, human, QUESTION))
    first = await fake.wait_for(lambda: answers(), DONE_S, "the answer")
    # Discord sends the bot its own answer back (MESSAGE_CREATE); it must not answer that
    await fake.wait_for(lambda: first[0].message_id in fake.echoed, DONE_S, "the echo")
    await fake.dispatch_message(p.message(channel_id, human, "二つ目の要因は？"))
    await fake.wait_for(lambda: len(answers()) >= 2, DONE_S, "the second answer")
    # Events are handled in order, so whatever the bot did for the earlier ones is recorded.
    assert len(answers()) == 2
    asked = {m["id"] for m in fake.messages.values() if m["author"]["id"] == human["id"]}
    for message in answers():
        assert str(message.body["message_reference"]["message_id"]) in asked
    touched = {r.params.get("channel_id") for r in fake.requests if "channel_id" in r.params}
    assert touched == {str(channel_id)}  # nothing at all went to the other bot
    assert_clean(fake, caplog)
