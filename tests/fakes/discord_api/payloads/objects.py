"""Discord objects as the real gateway and API send them: ids, users, guild members, channels,
guilds, attachments and messages."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1420070400000
ALL_PERMISSIONS = str((1 << 53) - 1)
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
