"""The fake Discord, proven with a small discord.py bot of its own (independent of piece-bot)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from tests.fakes.discord_api import (
    FakeDiscord,
    FakeDiscordTimeout,
    discord_pointed_at,
    fake_token,
    limits,
    payloads,
    running,
)

WAIT = 5.0


class EchoBot(commands.Bot):
    """A tiny bot exercising the routes piece-bot uses: respond, defer + follow-up, DMs."""

    def __init__(self, *, respond_delay: float = 0.0) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=0.05,
        )
        self.respond_delay = respond_delay
        self.errors: list[BaseException] = []
        self.dm_texts: list[str] = []
        self.dm_files: list[tuple[str, bytes, str | None]] = []

    async def setup_hook(self) -> None:
        @self.tree.command(description="Reply at once")
        async def ping(interaction: discord.Interaction, text: str = "pong") -> None:
            await asyncio.sleep(self.respond_delay)
            await interaction.response.send_message(text)

        @self.tree.command(description="Defer, then follow up and edit")
        async def slow(interaction: discord.Interaction, private: bool = False) -> None:
            await interaction.response.defer(ephemeral=private, thinking=True)
            await interaction.edit_original_response(
                embed=discord.Embed(title="done", description="edited")
            )
            await interaction.followup.send("more", ephemeral=private)

        @self.tree.command(description="Pick a fruit")
        async def pick(interaction: discord.Interaction, fruit: str) -> None:
            await interaction.response.send_message(fruit)

        @pick.autocomplete("fruit")
        async def fruits(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            names = ["apple", "apricot", "banana"] * 20
            return [app_commands.Choice(name=n, value=n) for n in names if n.startswith(current)][
                :25
            ]

        @self.tree.command(description="Too long")
        async def long(interaction: discord.Interaction) -> None:
            try:
                await interaction.response.send_message("x" * 2001)
            except discord.HTTPException as exc:
                self.errors.append(exc)

        @self.tree.command(description="Answer twice")
        async def twice(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("one")
            try:
                await interaction.response.send_message("two")
            except discord.InteractionResponded as exc:
                self.errors.append(exc)
            try:  # bypass discord.py's own guard to check the fake's
                await self.http.request(
                    Route(
                        "POST",
                        "/interactions/{iid}/{token}/callback",
                        iid=interaction.id,
                        token=interaction.token,
                    ),
                    json={"type": 4, "data": {"content": "three"}},
                )
            except discord.HTTPException as exc:
                self.errors.append(exc)

        @self.tree.error
        async def on_tree_error(
            interaction: discord.Interaction, error: app_commands.AppCommandError
        ) -> None:
            self.errors.append(error)

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.guild is not None:
            return
        self.dm_texts.append(message.content)
        for file in message.attachments:  # downloaded as any discord.py bot does
            self.dm_files.append((file.filename, await file.read(), file.content_type))
        async with message.channel.typing():
            await message.channel.send(f"you said: {message.content}")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(token=None) as server:
        with discord_pointed_at(server):
            yield server


def slash(fake: FakeDiscord, name: str, options: dict | None = None, **kwargs) -> dict:
    user = kwargs.pop("user", None) or payloads.user(payloads.snowflake())
    return payloads.slash_command(
        name, options or {}, application_id=fake.application_id, user=user, **kwargs
    )


def test_fake_token_has_the_real_shape() -> None:
    import re

    token = fake_token(payloads.snowflake())
    assert re.fullmatch(r"[A-Za-z0-9_-]{24,28}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27}", token)
    assert token != fake_token(1)


async def test_pointing_is_restored() -> None:
    before = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY, discord.Asset.BASE
    async with FakeDiscord() as server:
        with discord_pointed_at(server):
            assert server.api_base == Route.BASE
            assert str(DiscordWebSocket.DEFAULT_GATEWAY) == server.gateway_url
            assert discord.Asset.BASE == server.cdn_url != server.base_url  # a host of its own
    assert before == (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY, discord.Asset.BASE)


async def test_login_gateway_ready_and_heartbeats() -> None:
    token = fake_token(1)
    async with FakeDiscord(token=token, heartbeat_interval_ms=50) as server:
        with discord_pointed_at(server):
            bot = EchoBot()
            async with running(bot, server, token):
                await asyncio.wait_for(bot.wait_until_ready(), WAIT)
                assert bot.user is not None and bot.user.id == server.application_id
                assert bot.application_id == server.application_id
                # discord.py asks for zlib-stream transport compression; the fake obliges
                assert server.gateway_queries[0] == {
                    "v": "10",
                    "encoding": "json",
                    "compress": "zlib-stream",
                }
                assert server.identifies[0]["intents"] == discord.Intents.default().value
                await server.wait_for(
                    lambda: sum(f.op == 11 for f in server.frames) >= 3, WAIT, "3 heartbeat ACKs"
                )
                assert sum(f.op == 1 and f.direction == "recv" for f in server.frames) >= 3
                assert bot.latency < 1.0
            routes = [r.route for r in server.requests]
            assert "GET /users/@me" in routes
            assert "GET /oauth2/applications/@me" in routes
            assert all(r.authorized for r in server.requests)
            assert server.unknown_routes == []
    assert bot.is_closed()


async def test_a_sharded_bot_takes_the_gateway_url_from_gateway_bot() -> None:
    async with FakeDiscord() as server:
        with discord_pointed_at(server):
            bot = commands.AutoShardedBot(
                command_prefix=commands.when_mentioned,
                intents=discord.Intents.default(),
                guild_ready_timeout=0.05,
            )
            async with running(bot, server, fake_token(1)):
                await asyncio.wait_for(bot.wait_until_ready(), WAIT)
            assert "GET /gateway/bot" in [r.route for r in server.requests]
            assert server.identifies[0]["shard"] == [0, 1]


async def test_bad_token_is_refused() -> None:
    async with FakeDiscord(token=fake_token(1)) as server:
        with discord_pointed_at(server):
            bot = EchoBot()
            with pytest.raises(discord.LoginFailure):
                async with running(bot, server, fake_token(2)):
                    pass


async def test_guild_create_populates_the_cache() -> None:
    async with FakeDiscord(guilds=1) as server:
        with discord_pointed_at(server):
            bot = EchoBot()
            async with running(bot, server, fake_token(1)):
                await asyncio.wait_for(bot.wait_until_ready(), WAIT)
                guild_id, channel_id = server.guilds[0]
                guild = bot.get_guild(guild_id)
                assert guild is not None and guild.get_channel(channel_id) is not None
                assert guild.me is not None


async def test_immediate_response_in_guild_and_dm(fake: FakeDiscord) -> None:
    bot = EchoBot()
    async with running(bot, fake, fake_token(1)):
        guild = await fake.dispatch_interaction(
            slash(fake, "ping", {"text": "hi @everyone <@123>"}, guild_id=payloads.snowflake())
        )
        dm = await fake.dispatch_interaction(slash(fake, "ping", locale="ja"))
        for record in (guild, dm):
            await fake.wait_for_ack(record.id, WAIT)
            assert record.callback_type == 4
            assert 0 <= record.ack_latency < 3
        (message,) = fake.messages_for(guild)
        assert message.body["content"] == "hi @everyone <@123>"
        assert limits.forbids_all_mentions(message.body)
        assert limits.pings(message.body) == []
        stored = fake.messages[message.message_id]
        assert stored["mention_everyone"] is False and stored["mentions"] == []
        assert fake.messages_for(dm)[0].channel_id == dm.channel_id
    assert bot.errors == []


async def test_defer_then_edit_and_follow_up(fake: FakeDiscord) -> None:
    bot = EchoBot()
    async with running(bot, fake, fake_token(1)):
        record = await fake.dispatch_interaction(slash(fake, "slow", {"private": True}))
        await fake.wait_for_ack(record.id, WAIT)
        assert record.callback_type == 5
        assert record.callback.body["data"]["flags"] == 64
        await fake.wait_for(lambda: len(fake.messages_for(record)) == 2, WAIT, "edit + follow-up")
        edit, followup = fake.messages_for(record)
        assert edit.kind == "edit_original" and edit.message_id == record.original_message_id
        assert edit.body["embeds"][0]["description"] == "edited"
        assert followup.kind == "followup" and followup.body["flags"] & 64
        assert followup.request.query.get("wait") in {"true", "1"}
        original = fake.messages[record.original_message_id]
        assert original["flags"] & 128 == 0  # no longer "thinking"
        assert all(limits.forbids_all_mentions(m.body) for m in fake.messages_for(record))
    assert bot.errors == []


async def test_autocomplete_choices(fake: FakeDiscord) -> None:
    bot = EchoBot()
    async with running(bot, fake, fake_token(1)):
        payload = payloads.autocomplete(
            "pick",
            {"fruit": "ap"},
            "fruit",
            application_id=fake.application_id,
            user=payloads.user(payloads.snowflake()),
        )
        record = await fake.dispatch_interaction(payload)
        await fake.wait_for_ack(record.id, WAIT)
        assert record.callback_type == 8
        choices = payloads.iter_choices(record.callback.body)
        assert 0 < len(choices) <= 25
        assert {c["value"] for c in choices} == {"apple", "apricot"}


async def test_dm_message_gets_typing_and_answer_in_the_dm(fake: FakeDiscord) -> None:
    bot = EchoBot()
    async with running(bot, fake, fake_token(1)):
        human = payloads.user(payloads.snowflake(), "reader")
        channel_id = fake.dm_channel_for(human)
        await fake.dispatch_message(payloads.message(channel_id, human, "hello @here"))
        answer = await fake.wait_for_message(lambda m: m.kind == "channel", WAIT, "DM answer")
        assert answer.channel_id == channel_id
        assert answer.body["content"] == "you said: hello @here"
        assert limits.forbids_all_mentions(answer.body)
        typing = [r for r in fake.requests if r.route == "POST /channels/{channel_id}/typing"]
        assert typing and typing[0].params["channel_id"] == str(channel_id)
        assert typing[0].at <= answer.request.at
        # Discord echoes the bot's own DM back as MESSAGE_CREATE; the bot ignores it
        await fake.wait_for(lambda: answer.message_id in fake.echoed, WAIT, "echo")
    assert bot.dm_texts == ["hello @here"]


async def test_files_attached_to_a_dm_come_from_the_fakes_cdn(fake: FakeDiscord) -> None:
    bot = EchoBot()
    async with running(bot, fake, fake_token(1)):
        human = payloads.user(payloads.snowflake(), "reader")
        channel_id = fake.dm_channel_for(human)
        file = fake.attachment(channel_id, "notes.md", b"# Notes", "text/markdown; charset=utf-8")
        assert file["url"].startswith(fake.cdn_url + "/attachments/") and file["size"] == 7
        await fake.dispatch_message(payloads.message(channel_id, human, "", attachments=[file]))
        await fake.wait_for_message(lambda m: m.kind == "channel", WAIT, "DM answer")
    assert bot.dm_files == [("notes.md", b"# Notes", "text/markdown; charset=utf-8")]
    assert fake.cdn_requests == [file["url"].split("?")[0].removeprefix(fake.cdn_url)]
    missing = fake.cdn_url + "/attachments/1/2/missing.txt"
    async with aiohttp.ClientSession() as session, session.get(missing) as response:
        assert response.status == 404


async def test_late_callback_is_unknown_interaction() -> None:
    async with FakeDiscord(ack_window_s=0.05) as server:
        with discord_pointed_at(server):
            bot = EchoBot(respond_delay=0.3)
            async with running(bot, server, fake_token(1)):
                record = await server.dispatch_interaction(slash(server, "ping"))
                await server.wait_for(lambda: record.late_callbacks, WAIT, "late callback")
                with pytest.raises(FakeDiscordTimeout):
                    await server.wait_for_ack(record.id, 0.1)
                await server.wait_for(lambda: bot.errors, WAIT, "the bot's error")
    (error,) = bot.errors
    assert isinstance(error.__cause__ or error.original, discord.NotFound)  # type: ignore[attr-defined]
    assert (error.__cause__ or error.original).code == 10062  # type: ignore[attr-defined]


async def test_second_acknowledgement_is_refused(fake: FakeDiscord) -> None:
    bot = EchoBot()
    async with running(bot, fake, fake_token(1)):
        record = await fake.dispatch_interaction(slash(fake, "twice"))
        await fake.wait_for(lambda: len(bot.errors) == 2, WAIT, "two refusals")
    assert isinstance(bot.errors[0], discord.InteractionResponded)
    assert isinstance(bot.errors[1], discord.HTTPException) and bot.errors[1].code == 40060
    assert record.duplicate_callbacks == 1


async def test_message_over_the_limits_is_rejected(fake: FakeDiscord) -> None:
    bot = EchoBot()
    async with running(bot, fake, fake_token(1)):
        record = await fake.dispatch_interaction(slash(fake, "long"))
        await fake.wait_for(lambda: bot.errors, WAIT, "the bot's error")
    assert isinstance(bot.errors[0], discord.HTTPException) and bot.errors[0].code == 50035
    assert record.callback is None
    (rejected,) = fake.rejected()
    assert "content has 2001 characters (max 2000)" in rejected.problems


async def test_unknown_route_is_a_json_404_and_recorded(fake: FakeDiscord) -> None:
    bot = EchoBot()
    async with running(bot, fake, fake_token(1)):
        with pytest.raises(discord.NotFound):
            await bot.http.request(Route("GET", "/guilds/{guild_id}/nothing", guild_id=1))
    assert [r.path for r in fake.unknown_routes] == ["/guilds/1/nothing"]


async def test_resume_after_reconnect_request(fake: FakeDiscord) -> None:
    bot = EchoBot()
    async with running(bot, fake, fake_token(1)):
        await fake.request_reconnect()
        await fake.wait_for(
            lambda: any(f.op == 6 for f in fake.frames), WAIT, "RESUME from the bot"
        )
        await fake.wait_for(lambda: fake._current is not None, WAIT, "resumed connection")
        record = await fake.dispatch_interaction(slash(fake, "ping"))
        await fake.wait_for_ack(record.id, WAIT)
    assert len(fake.gateway_queries) == 2
    assert len(fake.identifies) == 1  # resumed, not re-identified


async def test_command_sync_is_recorded(fake: FakeDiscord) -> None:
    bot = EchoBot()
    async with running(bot, fake, fake_token(1)):
        guild = discord.Object(id=payloads.snowflake())
        bot.tree.copy_global_to(guild=guild)
        synced = await bot.tree.sync(guild=guild)
    assert {c.name for c in synced} == {"ping", "slow", "pick", "long", "twice"}
    (put,) = [r for r in fake.requests if r.method == "PUT"]
    assert put.route == "PUT /applications/{id}/guilds/{guild_id}/commands"
    assert fake.commands.get(None) is None


def test_pings_follow_allowed_mentions() -> None:
    text = {"content": "@everyone <@1> <@!2> <@&3>"}
    assert limits.pings(text) == ["@everyone", "user:1", "user:2", "role:3"]
    assert limits.pings({**text, "allowed_mentions": {"parse": []}}) == []
    assert limits.pings({**text, "allowed_mentions": {"parse": [], "users": ["2"]}}) == ["user:2"]
    reply = {"content": "", "message_reference": {"message_id": "9"}}
    assert limits.pings(reply, replied_user_id=5) == ["user:5"]
    assert limits.pings({**reply, "allowed_mentions": {"parse": []}}, replied_user_id=5) == []
    assert limits.pings({"content": "hi", "embeds": [{"description": "@everyone"}]}) == []


def test_message_limits() -> None:
    ok = {"content": "x" * 2000, "embeds": [{"description": "d" * 4096}]}
    assert limits.message_problems(ok) == []
    fields = [{"name": "n", "value": "v" * 1025}] * 26
    bad = limits.message_problems({"embeds": [{"title": "t", "fields": fields}]})
    assert any("26 fields" in p for p in bad)
    assert any("fields[0].value has 1025" in p for p in bad)
    assert any("total" in p for p in bad)
    assert limits.message_problems({}) == ["cannot send an empty message"]
    assert limits.message_problems({}, edit=True) == []
    assert limits.autocomplete_problems({"choices": [{"name": "a", "value": "a"}] * 26})
