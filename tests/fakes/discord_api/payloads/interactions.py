"""Interaction payloads (slash commands, autocomplete, button clicks) as the real gateway sends
them, and what to read back from the bot's callbacks."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from .objects import (
    ALL_PERMISSIONS,
    GROUP_DM,
    dm_channel,
    guild_member,
    guild_text_channel,
    snowflake,
)

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


def interaction_token() -> str:
    """An interaction token shaped like Discord's (opaque, URL-safe)."""
    return "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)


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


def iter_choices(callback_body: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The choices of an autocomplete callback body (type 8)."""
    return list((callback_body.get("data") or {}).get("choices") or [])
