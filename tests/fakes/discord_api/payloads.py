"""Raw Discord payloads (users, interactions, messages, guilds) as the real gateway sends them."""

from __future__ import annotations

import itertools
import secrets
import threading
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1420070400000
ALL_PERMISSIONS = str((1 << 53) - 1)
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024

# Interaction types and contexts (https://discord.com/developers/docs/interactions/receiving-and-responding)
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
CONTEXT_GUILD = 0
CONTEXT_BOT_DM = 1
CONTEXT_PRIVATE_CHANNEL = 2
# Application command option types
OPTION_SUB_COMMAND = 1
OPTION_STRING = 3
OPTION_INTEGER = 4
OPTION_BOOLEAN = 5
OPTION_NUMBER = 10
OPTION_ATTACHMENT = 11
# Channel types
GUILD_TEXT = 0
DM = 1
GROUP_DM = 3

_counter = itertools.count()
_lock = threading.Lock()


def snowflake() -> int:
    """A fresh, unique, time-ordered Discord id."""
    with _lock:
        increment = next(_counter) & 0xFFF
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (1 << 17) | increment


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def interaction_token() -> str:
    """An interaction token shaped like Discord's (opaque, URL-safe)."""
    return "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)


def user(user_id: int, name: str = "", *, bot: bool = False) -> dict[str, Any]:
    """A user object."""
    name = name or f"user{user_id % 100000}"
    data: dict[str, Any] = {
        "id": str(user_id),
        "username": name,
        "global_name": name.title(),
        "discriminator": "0",
        "avatar": None,
        "public_flags": 0,
    }
    if bot:
        data["bot"] = True
    return data


def guild_member(u: Mapping[str, Any], permissions: str = ALL_PERMISSIONS) -> dict[str, Any]:
    """A guild member object as embedded in guild interactions, with their permissions in the
    channel (a permission bit set, as a decimal string)."""
    return {
        "user": dict(u),
        "roles": [],
        "joined_at": now_iso(),
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "nick": None,
        "avatar": None,
        "permissions": permissions,
    }


def guild_text_channel(channel_id: int, guild_id: int, name: str = "general") -> dict[str, Any]:
    return {
        "id": str(channel_id),
        "type": GUILD_TEXT,
        "guild_id": str(guild_id),
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def dm_channel(channel_id: int, recipient: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": str(channel_id),
        "type": DM,
        "last_message_id": None,
        "recipients": [dict(recipient)],
        "flags": 0,
    }


def group_dm_channel(
    channel_id: int, owner: Mapping[str, Any], others: Sequence[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    return {
        "id": str(channel_id),
        "type": GROUP_DM,
        "name": "reading group",
        "icon": None,
        "owner_id": owner["id"],
        "last_message_id": None,
        "recipients": [dict(owner), *map(dict, others)],
        "flags": 0,
    }


def guild_create(
    guild_id: int, channel_id: int, bot_user: Mapping[str, Any], name: str = "Test Guild"
) -> dict[str, Any]:
    """A GUILD_CREATE payload: one text channel, the @everyone role, the bot as a member."""
    me = guild_member(bot_user)
    me.pop("permissions")
    return {
        "id": str(guild_id),
        "name": name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": str(snowflake()),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "roles": [
            {
                "id": str(guild_id),
                "name": "@everyone",
                "permissions": "2248473465835073",
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
                "flags": 0,
            }
        ],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "joined_at": now_iso(),
        "large": False,
        "unavailable": False,
        "member_count": 2,
        "members": [me],
        "channels": [
            {k: v for k, v in guild_text_channel(channel_id, guild_id).items() if k != "guild_id"}
        ],
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def attachment(
    attachment_id: int,
    filename: str,
    size: int,
    *,
    url: str,
    proxy_url: str,
    content_type: str | None = None,
) -> dict[str, Any]:
    """An attachment object, as in a message or an interaction's `resolved.attachments`."""
    data: dict[str, Any] = {
        "id": str(attachment_id),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": proxy_url,
    }
    if content_type is not None:
        data["content_type"] = content_type
    return data


def _is_attachment(value: object) -> bool:
    return isinstance(value, Mapping) and "filename" in value and "proxy_url" in value


def _option_type(value: object) -> int:
    if _is_attachment(value):
        return OPTION_ATTACHMENT
    if isinstance(value, bool):
        return OPTION_BOOLEAN
    if isinstance(value, int):
        return OPTION_INTEGER
    if isinstance(value, float):
        return OPTION_NUMBER
    return OPTION_STRING


def options_payload(
    options: Mapping[str, object] | Sequence[Mapping[str, Any]],
    *,
    focused: str | None = None,
    types: Mapping[str, int] | None = None,
) -> list[dict[str, Any]]:
    """Interaction `data.options` from {name: value} (types inferred unless given in `types`)."""
    if not isinstance(options, Mapping):
        return [dict(o) for o in options]
    out: list[dict[str, Any]] = []
    for name, value in options.items():
        option: dict[str, Any] = {
            "name": name,
            "type": (types or {}).get(name, _option_type(value)),
            # An attachment option carries the id; the object is in `resolved`.
            "value": value["id"] if _is_attachment(value) else value,  # type: ignore[index]
        }
        if name == focused:
            option["focused"] = True
            option["value"] = str(value)  # Discord sends what the user has typed so far
        out.append(option)
    return out


def interaction(
    *,
    application_id: int,
    type: int,
    data: Mapping[str, Any],
    user: Mapping[str, Any],
    guild_id: int | None = None,
    channel: Mapping[str, Any] | None = None,
    locale: str = "en-US",
    guild_locale: str = "en-US",
    context: int | None = None,
    message: Mapping[str, Any] | None = None,
    interaction_id: int | None = None,
    token: str | None = None,
    user_installed: bool = False,
    permissions: str = ALL_PERMISSIONS,
) -> dict[str, Any]:
    """An INTERACTION_CREATE payload in a guild (`guild_id`), a bot DM or a group DM.

    `user_installed`: the app is installed to the user's account (integration type 1), not
    to the server (type 0) — e.g. used in a server the bot is not a member of.
    `permissions`: the member's, in a guild (default: all of them).
    """
    payload: dict[str, Any] = {
        "id": str(interaction_id or snowflake()),
        "application_id": str(application_id),
        "type": type,
        "data": dict(data),
        "token": token or interaction_token(),
        "version": 1,
        "locale": locale,
        "app_permissions": ALL_PERMISSIONS,
        "entitlements": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if guild_id is not None:
        channel = channel or guild_text_channel(snowflake(), guild_id)
        payload.update(
            guild_id=str(guild_id),
            guild={"id": str(guild_id), "locale": guild_locale, "features": []},
            guild_locale=guild_locale,
            member=guild_member(user, permissions),
            context=CONTEXT_GUILD if context is None else context,
            authorizing_integration_owners={"1": user["id"]}
            if user_installed
            else {"0": str(guild_id)},
        )
    else:
        channel = channel or dm_channel(snowflake(), user)
        private = channel.get("type") == GROUP_DM
        payload.update(
            user=dict(user),
            context=(CONTEXT_PRIVATE_CHANNEL if private else CONTEXT_BOT_DM)
            if context is None
            else context,
            authorizing_integration_owners={"1": user["id"]} if private else {"0": "0"},
        )
    payload["channel"] = dict(channel)
    payload["channel_id"] = channel["id"]
    if message is not None:
        payload["message"] = dict(message)
    return payload


def _command_data(
    name: str,
    subcommand: str | None,
    options: Mapping[str, object] | Sequence[Mapping[str, Any]],
    opts: list[dict[str, Any]],
    command_id: int | None = None,
) -> dict[str, Any]:
    """`data` of a command interaction: options (under their subcommand, if any), and the
    attachment objects among the option values in `resolved`."""
    data: dict[str, Any] = {"id": str(command_id or snowflake()), "name": name, "type": 1}
    if subcommand is not None:
        opts = [{"name": subcommand, "type": OPTION_SUB_COMMAND, "options": opts}]
    if opts:
        data["options"] = opts
    values = options.values() if isinstance(options, Mapping) else ()
    files = [v for v in values if _is_attachment(v)]
    if files:
        data["resolved"] = {"attachments": {f["id"]: dict(f) for f in files}}  # type: ignore[index]
    return data


def slash_command(
    name: str,
    options: Mapping[str, object] | Sequence[Mapping[str, Any]] = (),
    *,
    application_id: int,
    user: Mapping[str, Any],
    command_id: int | None = None,
    types: Mapping[str, int] | None = None,
    subcommand: str | None = None,
    **kwargs: Any,
) -> dict[str, Any]:
    """A chat-input command invocation (`/name [subcommand] option:value …`); an option whose
    value is an attachment object (see `attachment`) is sent as Discord sends files."""
    opts = options_payload(options, types=types)
    data = _command_data(name, subcommand, options, opts, command_id)
    if kwargs.get("guild_id") is not None:
        data["guild_id"] = str(kwargs["guild_id"])
    return interaction(
        application_id=application_id, type=APPLICATION_COMMAND, data=data, user=user, **kwargs
    )


def autocomplete(
    name: str,
    options: Mapping[str, object],
    focused: str,
    *,
    application_id: int,
    user: Mapping[str, Any],
    types: Mapping[str, int] | None = None,
    subcommand: str | None = None,
    **kwargs: Any,
) -> dict[str, Any]:
    """An autocomplete request while the user types into option `focused`."""
    opts = options_payload(options, focused=focused, types=types)
    data = _command_data(name, subcommand, options, opts)
    return interaction(
        application_id=application_id, type=AUTOCOMPLETE, data=data, user=user, **kwargs
    )


def button_click(
    message: Mapping[str, Any],
    custom_id: str,
    *,
    application_id: int,
    user: Mapping[str, Any],
    **kwargs: Any,
) -> dict[str, Any]:
    """A click on a button with `custom_id` under `message` (a message object)."""
    data = {"custom_id": custom_id, "component_type": 2}
    return interaction(
        application_id=application_id,
        type=MESSAGE_COMPONENT,
        data=data,
        user=user,
        message=message,
        **kwargs,
    )


def message(
    channel_id: int,
    author: Mapping[str, Any],
    content: str,
    *,
    guild_id: int | None = None,
    message_id: int | None = None,
    attachments: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """A MESSAGE_CREATE payload (a DM when `guild_id` is None), with files if given."""
    data: dict[str, Any] = {
        "id": str(message_id or snowflake()),
        "channel_id": str(channel_id),
        "author": dict(author),
        "content": content,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [dict(a) for a in attachments],
        "embeds": [],
        "pinned": False,
        "type": 0,
        "flags": 0,
        "components": [],
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
        data["member"] = {k: v for k, v in guild_member(author).items() if k != "user"}
    return data


def iter_choices(callback_body: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The choices of an autocomplete callback body (type 8)."""
    return list((callback_body.get("data") or {}).get("choices") or [])
