"""Discord test helpers: real Interactions from raw payloads, with their network side recorded.

The technique is discord.py's own (tests/test_app_commands_invoke.py): a
`discord.Interaction` built from the JSON Discord would send, run through the
real `CommandTree`. What would go over the network — the interaction response,
follow-ups, edits — is recorded by mocks specced from the real discord.py
classes, so a misspelt method or a wrong keyword fails the test.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from unittest.mock import Mock, create_autospec

import discord
import regex
from discord import app_commands

from bot.core.answer import Citation
from bot.core.article import Article
from bot.discord import limits as lim
from bot.discord.bot import PieceBot, create_bot
from bot.engines.base import Engine
from bot.engines.offline.engine import OfflineEngine
from bot.library.service import Library, library_for
from bot.settings import Settings, load_settings
from bot.storage.pieces import SqlitePieceStore

APPLICATION_ID = 1_100_000_000_000_000_001
GUILD_ID = 1_200_000_000_000_000_001
CHANNEL_ID = 1_300_000_000_000_000_001
DM_CHANNEL_ID = 1_300_000_000_000_000_002
USER_ID = 1_400_000_000_000_000_001
BOT_USER_ID = 1_400_000_000_000_000_999
_ids = itertools.count(1_500_000_000_000_000_000)

NAME_RULE = regex.compile(lim.COMMAND_NAME_PATTERN)


def snowflake() -> int:
    return next(_ids)


def user_payload(user_id: int = USER_ID, *, bot: bool = False, name: str = "reader") -> dict:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name.title(),
        "avatar": None,
        "bot": bot,
    }


def _option_type(command: app_commands.Command, name: str) -> int:
    for param in command.parameters:
        if param.name == name or param.display_name == name:
            return param.type.value
    raise KeyError(f"/{command.name} has no option {name!r}")


def interaction_payload(
    command: app_commands.Command,
    options: Mapping[str, Any] | None = None,
    *,
    where: str = "guild",
    locale: str = "en-US",
    focused: str | None = None,
    user_id: int = USER_ID,
) -> dict:
    """The INTERACTION_CREATE payload for a slash command (or its autocomplete if `focused`)."""
    opts = []
    for name, value in (options or {}).items():
        option: dict[str, Any] = {"name": name, "type": _option_type(command, name), "value": value}
        if name == focused:
            option["focused"] = True
        opts.append(option)
    data = {"id": str(snowflake()), "name": command.name, "type": 1, "options": opts}
    return _base_payload(2 if focused is None else 4, data, where, locale, user_id)


def component_payload(custom_id: str, *, where: str = "dm", locale: str = "en-US") -> dict:
    """A button press (MESSAGE_COMPONENT) on one of the bot's messages."""
    data = {"custom_id": custom_id, "component_type": 2}
    payload = _base_payload(3, data, where, locale, USER_ID)
    payload["message"] = message_payload("", author_id=BOT_USER_ID, channel_id=DM_CHANNEL_ID)
    return payload


def _base_payload(kind: int, data: dict, where: str, locale: str, user_id: int) -> dict:
    payload: dict[str, Any] = {
        "id": str(snowflake()),
        "application_id": str(APPLICATION_ID),
        "type": kind,
        "token": "interaction-token",
        "version": 1,
        "data": data,
        "locale": locale,
        "app_permissions": "0",
        "entitlements": [],
        "attachment_size_limit": 8 * 1024 * 1024,
    }
    user = user_payload(user_id)
    if where == "guild":
        payload.update(
            guild_id=str(GUILD_ID),
            guild_locale="en-US",
            channel_id=str(CHANNEL_ID),
            channel={"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID), "name": "general",
                     "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None},
            member={"user": user, "roles": [], "joined_at": "2024-01-01T00:00:00+00:00",
                    "deaf": False, "mute": False, "permissions": "0", "flags": 0},
            context=0,
            authorizing_integration_owners={"0": str(GUILD_ID)},
        )
    elif where in {"dm", "group_dm"}:
        channel = {"id": str(DM_CHANNEL_ID), "type": 1 if where == "dm" else 3,
                   "recipients": [user]}
        if where == "group_dm":
            channel.update(name="friends", owner_id=str(user_id), icon=None)
        payload.update(
            channel_id=str(DM_CHANNEL_ID),
            channel=channel,
            user=user,
            context=1 if where == "dm" else 2,
            authorizing_integration_owners={"1": str(user_id)},
        )
    else:
        raise ValueError(f"unknown context {where!r}")
    return payload


def message_payload(
    content: str,
    *,
    author_id: int = USER_ID,
    bot: bool = False,
    channel_id: int = DM_CHANNEL_ID,
    guild_id: int | None = None,
    kind: int = 0,
) -> dict:
    payload: dict[str, Any] = {
        "id": str(snowflake()),
        "channel_id": str(channel_id),
        "type": kind,
        "content": content,
        "author": user_payload(author_id, bot=bot),
        "attachments": [],
        "embeds": [],
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "timestamp": "2024-10-30T12:00:00+00:00",
        "edited_timestamp": None,
        "flags": 0,
        "components": [],
    }
    if guild_id is not None:
        payload["guild_id"] = str(guild_id)
    return payload


class RecordingInteraction(discord.Interaction):
    """A real Interaction whose network side (response, follow-ups, edits) is recorded.

    `response` and `followup` are mocks specced from `discord.InteractionResponse`
    and `discord.Webhook`; edits and deletes of the original response go to a mock
    specced from `discord.Interaction` itself. `is_done()` turns true once the
    interaction has been answered, as the real one does.
    """

    def __init__(self, client: discord.Client, payload: dict) -> None:
        super().__init__(data=payload, state=client._connection)  # the one private use
        self.answered = False
        self.recorded_response = create_autospec(discord.InteractionResponse, instance=True)
        self.recorded_response.is_done.side_effect = lambda: self.answered
        for name in ("send_message", "defer", "autocomplete"):
            getattr(self.recorded_response, name).side_effect = self._answer
        self.recorded_followup = create_autospec(discord.Webhook, instance=True)
        self.recorded_original = create_autospec(discord.Interaction, instance=True)
        # One parent records the calls of all three in the order the code made them.
        self.log = Mock()
        self.log.attach_mock(self.recorded_response, "response")
        self.log.attach_mock(self.recorded_followup, "followup")
        self.log.attach_mock(self.recorded_original, "original")

    def _answer(self, *args: object, **kwargs: object) -> None:
        if self.answered:
            raise discord.InteractionResponded(self)
        self.answered = True

    @property  # type: ignore[override]
    def response(self) -> Any:
        return self.recorded_response

    @property  # type: ignore[override]
    def followup(self) -> Any:
        return self.recorded_followup

    async def edit_original_response(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return await self.recorded_original.edit_original_response(**kwargs)

    async def delete_original_response(self) -> None:
        await self.recorded_original.delete_original_response()

    # ---- what was sent, in order, as (method, kwargs)

    def calls(self) -> list[tuple[str, dict[str, Any]]]:
        """(method, kwargs) of every network-side call, in order; `is_done` checks left out."""
        out = []
        for name, args, kwargs in self.log.mock_calls:
            if name.endswith("is_done"):
                continue
            merged = dict(kwargs)
            if args:
                merged["content"] = args[0]
            out.append((name, merged))
        return out

    def sent(self) -> list[dict[str, Any]]:
        """The kwargs of every message-shaped call (send, edit, follow-up), in order."""
        kinds = {"response.send_message", "original.edit_original_response", "followup.send"}
        return [kw for name, kw in self.calls() if name in kinds]


def pretend_logged_in(bot: PieceBot) -> None:
    """Give the client the identity login would (READY sets it); guild interactions need it."""
    state = bot._connection  # private, as in discord.py's own tests: this is the one place
    if state.user is None:
        state.user = discord.ClientUser(state=state, data=user_payload(BOT_USER_ID, bot=True))


def answering_with(engine: Engine) -> Callable[[Article], Engine]:
    """A library's engine builder: `engine` for its own piece, the offline engine for others."""

    def build(article: Article) -> Engine:
        if article.sha256 == engine.article.sha256:
            return engine
        return OfflineEngine(article)

    return build


def library_with(settings: Settings, engine: Engine | None = None) -> Library:
    """The bot's library on `settings`' database; `engine` answers about its own piece."""
    if engine is None:
        return library_for(settings)
    store = SqlitePieceStore(settings.db_path)
    return Library(store, settings=settings, build=answering_with(engine))


@contextlib.asynccontextmanager
async def make_bot(
    tmp_path: Path, engine: Engine | None = None, **env: str
) -> AsyncIterator[PieceBot]:
    """A bot with its cogs loaded, library and store open (as after login), closed on the way
    out. `engine` answers about its piece (the default one, usually); offline engines, others."""
    settings = load_settings({"PIECE_BOT_DATA_DIR": str(tmp_path), **env}, dotenv=False)
    bot = create_bot(settings, library=library_with(settings, engine))
    async with bot:  # binds the client to this loop; closing it closes the library and store
        await bot.setup_hook()
        pretend_logged_in(bot)
        yield bot


async def invoke(bot: PieceBot, payload: dict) -> RecordingInteraction:
    """Run one interaction through the bot's real command tree, as the gateway would."""
    pretend_logged_in(bot)
    interaction = RecordingInteraction(bot, payload)
    try:
        await bot.tree._call(interaction)  # the tree's dispatcher; errors reach tree.on_error
    except app_commands.AppCommandError as error:
        await bot.tree.on_error(interaction, error)
    return interaction


def command(bot: PieceBot, name: str) -> app_commands.Command:
    found = bot.tree.get_command(name)
    assert isinstance(found, app_commands.Command), name
    return found


class FakeResponse:
    """Just enough of an aiohttp response for discord.py's HTTPException constructor."""

    def __init__(self, status: int, reason: str = "error") -> None:
        self.status = status
        self.reason = reason


def squash(text: str) -> str:
    """`text` without whitespace, to compare texts that were split and re-joined."""
    return re.sub(r"\s+", "", text)


def citations(article: Article, n: int) -> tuple[Citation, ...]:
    """`n` genuine citations: one sentence each, cycling through the paragraphs."""
    out = []
    for i in range(n):
        p = article.paragraphs[i % len(article.paragraphs)]
        s = p.sentences[(i // len(article.paragraphs)) % len(p.sentences)]
        out.append(Citation(p.number, s.text, s.start, s.end))
    return tuple(out)


# ---------------------------------------------------------------- Discord's rules


def embed_problems(embed: discord.Embed) -> list[str]:
    """What Discord would reject in one embed (its documented limits)."""
    data = embed.to_dict()
    problems = []
    checks = [
        (data.get("title"), lim.EMBED_TITLE_CHARS, "title"),
        (data.get("description"), lim.EMBED_DESCRIPTION_CHARS, "description"),
        ((data.get("footer") or {}).get("text"), lim.FOOTER_TEXT_CHARS, "footer"),
        ((data.get("author") or {}).get("name"), lim.AUTHOR_NAME_CHARS, "author"),
    ]
    for value, limit, name in checks:
        if value is not None and not 0 < len(value) <= limit:
            problems.append(f"{name} has {len(value)} characters (limit {limit})")
    fields = data.get("fields", [])
    if len(fields) > lim.EMBED_FIELDS:
        problems.append(f"{len(fields)} fields")
    for f in fields:
        if not 0 < len(f["name"]) <= lim.FIELD_NAME_CHARS:
            problems.append(f"field name {len(f['name'])}")
        if not 0 < len(f["value"]) <= lim.FIELD_VALUE_CHARS:
            problems.append(f"field value {len(f['value'])}")
    if len(embed) == 0:
        problems.append("empty embed")
    return problems


def message_problems(kwargs: Mapping[str, Any]) -> list[str]:
    """What Discord would reject in one send/edit call's keyword arguments."""
    problems = []
    content = kwargs.get("content")
    if content is not None and len(content) > lim.CONTENT_CHARS:
        problems.append(f"content has {len(content)} characters")
    embeds: Sequence[discord.Embed] = kwargs.get("embeds") or []
    if len(embeds) > lim.EMBEDS_PER_MESSAGE:
        problems.append(f"{len(embeds)} embeds")
    if sum(len(e) for e in embeds) > lim.MESSAGE_EMBED_CHARS:
        problems.append(f"{sum(len(e) for e in embeds)} embed characters")
    for embed in embeds:
        problems += embed_problems(embed)
    view = kwargs.get("view")
    if view is not None:
        for item in view.children:
            custom_id = getattr(item, "custom_id", None)
            if custom_id is not None and len(custom_id) > lim.CUSTOM_ID_CHARS:
                problems.append(f"custom_id has {len(custom_id)} characters")
    if not content and not embeds and view is None and "content" not in kwargs:
        problems.append("empty message")
    return problems


def mentions_off(kwargs: Mapping[str, Any]) -> bool:
    """True when the call cannot ping anyone (explicitly, or through the bot-wide default)."""
    allowed = kwargs.get("allowed_mentions")
    if allowed is None:
        return False
    data = allowed.to_dict()
    return data.get("parse") == [] and not data.get("replied_user") and not data.get(
        "users") and not data.get("roles")
