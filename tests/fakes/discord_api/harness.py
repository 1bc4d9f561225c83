"""piece-bot itself against a FakeDiscord: start both, act as Discord's users, see what they see.

Shared by the end-to-end tests (tests/discord/test_e2e.py) and the acknowledgement
benchmark (benchmarks/discord_ack.py), so both drive the bot the same way:

    async with fake_discord() as fake, started(fake, settings_for(data_dir, fake)) as session:
        record = await session.run(session.slash("ask", {"question": QUESTION}))
        session.final(record)               # the messages the user ends up seeing
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.article import Article
from bot.discord.bot import PieceBot, create_bot
from bot.library.scope import Reader
from bot.settings import Secret, Settings, load_settings

from . import payloads as p
from .client import discord_pointed_at, fake_token, running
from .records import InteractionRecord
from .server import FakeDiscord

ACK_S = 3.0  # Discord's window for the first response (the fake also refuses later ones)
DONE_S = 15.0  # bound on a whole answer, so a broken bot fails instead of hanging
QUESTION = "ロシアと北朝鮮が接近した要因は何ですか？"
# One of each command that answers from the piece, as a burst of real users would mix them.
MIX: list[tuple[str, dict[str, object]]] = [
    ("ask", {"question": QUESTION}),
    ("summary", {"length": "short"}),
    ("factors", {}),
    ("factor", {"number": 2}),
    ("quote", {"count": 3}),
    ("about", {}),
    ("help", {}),
]
WHERES = ("guild", "dm", "group", "server-user-install")


@contextlib.asynccontextmanager
async def fake_discord(guilds: int = 1, **options: Any) -> AsyncIterator[FakeDiscord]:
    """A FakeDiscord with `guilds` servers and a bot token of its own, discord.py pointed at it."""
    async with FakeDiscord(guilds=guilds, **options) as fake:
        fake.token = fake_token(fake.application_id)
        with discord_pointed_at(fake):
            yield fake


def settings_for(data_dir: Path, fake: FakeDiscord, **overrides: object) -> Settings:
    """Settings with `fake`'s token and data kept in `data_dir`; the offline engine unless
    `overrides` say otherwise."""
    values = {"engine": "offline", **overrides}
    return load_settings(
        {}, dotenv=False, data_dir=data_dir, discord_token=Secret(fake.token or ""), **values
    )


@dataclass
class Session:
    """The fake Discord and the running bot, with helpers to act as Discord's users."""

    fake: FakeDiscord
    bot: PieceBot
    completed: dict[int, float] = field(default_factory=dict)  # interaction id -> monotonic
    users: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def guild_id(self) -> int:
        return self.fake.guilds[0][0]

    @property
    def guild_channel_id(self) -> int:
        return self.fake.guilds[0][1]

    def user(self) -> dict[str, Any]:
        return p.user(p.snowflake(), f"reader{next(self.users)}")

    async def article(self, piece: str | None = None, reader: Reader | None = None) -> Article:
        """A piece as the bot reads it (default: the default piece, as the operator sees it)."""
        library = self.bot.library
        return await library.article(reader or Reader.operator(), piece or library.default_id)

    def dm_user(self) -> tuple[dict[str, Any], int]:
        """A new user and the id of their DM channel with the bot."""
        user = self.user()
        return user, self.fake.dm_channel_for(user)

    def where(self, where: str, user: Mapping[str, Any], guild: int = 0) -> dict[str, Any]:
        """Interaction context kwargs: a server the bot is in (the fake's `guild`th), a DM with
        it, or a group DM."""
        if where == "guild":
            guild_id, channel_id = self.fake.guilds[guild]
            channel = p.guild_text_channel(channel_id, guild_id)
            return {"guild_id": guild_id, "channel": channel}
        if where == "server-user-install":  # a server the bot is not in: no cached guild
            guild_id = p.snowflake()
            channel = p.guild_text_channel(p.snowflake(), guild_id)
            return {"guild_id": guild_id, "channel": channel, "user_installed": True}
        if where == "dm":
            return {"channel": p.dm_channel(self.fake.dm_channel_for(user), user)}
        if where == "group":  # a user-installed app, used in a group DM it is not part of
            return {"channel": p.group_dm_channel(p.snowflake(), user, [self.user()])}
        raise ValueError(where)

    def slash(
        self,
        name: str,
        options: Mapping[str, object] | None = None,
        *,
        where: str = "guild",
        locale: str = "en-US",
        user: Mapping[str, Any] | None = None,
        guild: int = 0,
        **more: Any,
    ) -> dict[str, Any]:
        """A slash command by `user` (default: a new one) `where`; `more`: see
        `payloads.interaction` and `payloads.slash_command` (subcommand, permissions…)."""
        user = user or self.user()
        return p.slash_command(
            name,
            options or {},
            application_id=self.fake.application_id,
            user=user,
            locale=locale,
            **self.where(where, user, guild),
            **more,
        )

    def burst(self, count: int, wheres: Iterable[str] = WHERES) -> list[dict[str, Any]]:
        """`count` slash commands from as many users: the MIX, across contexts and languages."""
        contexts = itertools.cycle(wheres)
        locales = itertools.cycle(["ja", "en-US"])
        return [
            self.slash(name, options, where=next(contexts), locale=next(locales))
            for name, options in itertools.islice(itertools.cycle(MIX), count)
        ]

    async def run(self, payload: Mapping[str, Any], *, done: bool = True) -> InteractionRecord:
        """Dispatch an interaction; wait for its acknowledgement and (if `done`) its completion."""
        record = await self.fake.dispatch_interaction(payload)
        await self.fake.wait_for_ack(record.id, ACK_S)
        assert record.ack_latency is not None and record.ack_latency < ACK_S
        if done:
            await self.wait_done(record)
        return record

    async def wait_done(self, record: InteractionRecord, timeout: float = DONE_S) -> None:
        name = record.payload["data"].get("name", "interaction")
        await self.fake.wait_for(
            lambda: record.id in self.completed, timeout, f"/{name} ({record.id}) to finish"
        )

    def final(self, record: InteractionRecord) -> list[dict[str, Any]]:
        """The messages the user ends up seeing for an interaction (after every edit)."""
        ids = [record.original_message_id] if record.original_message_id else []
        ids += [m.message_id for m in self.fake.messages_for(record) if m.kind == "followup"]
        return [self.fake.messages[i] for i in ids if i in self.fake.messages]


@contextlib.asynccontextmanager
async def started(
    fake: FakeDiscord, settings: Settings, *, bot: PieceBot | None = None
) -> AsyncIterator[Session]:
    """Run `bot` (default: `create_bot(settings)`) against `fake` until the block ends.

    The bot is built in a thread, as a front end on a running loop must: loading a large
    piece takes long enough to hold up the fake Discord's own work.
    """
    bot = bot or await asyncio.to_thread(create_bot, settings=settings)
    session = Session(fake, bot)

    async def completed(interaction: Any, command: Any) -> None:
        session.completed[interaction.id] = time.monotonic()

    bot.add_listener(completed, "on_app_command_completion")
    async with running(bot, fake, settings.discord_token.value):
        yield session
    assert bot.is_closed()
