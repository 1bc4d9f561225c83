"""Discord's documented message limits and mention rules, checked the way the real API would."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# https://discord.com/developers/docs/resources/message#embed-object-embed-limits
CONTENT_MAX = 2000
EMBEDS_PER_MESSAGE = 10
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_NAME_MAX = 256
EMBED_TOTAL_MAX = 6000
# https://discord.com/developers/docs/components/reference
ACTION_ROWS_MAX = 5
BUTTONS_PER_ROW_MAX = 5
BUTTON_LABEL_MAX = 80
CUSTOM_ID_MAX = 100
# https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-autocomplete
AUTOCOMPLETE_CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_STRING_VALUE_MAX = 100

USER_MENTION = re.compile(r"<@!?(\d{1,20})>")
ROLE_MENTION = re.compile(r"<@&(\d{1,20})>")
EVERYONE_MENTION = re.compile(r"@(everyone|here)")


def embed_problems(embed: Mapping[str, Any], where: str = "embed") -> list[str]:
    """What in one embed object Discord would reject (empty list: nothing)."""
    problems: list[str] = []

    def text(value: object, name: str, limit: int, *, required: bool = False) -> int:
        if value is None:
            if required:
                problems.append(f"{where}.{name} is required")
            return 0
        if not isinstance(value, str):
            problems.append(f"{where}.{name} is not a string")
            return 0
        if required and not value.strip():
            problems.append(f"{where}.{name} is empty")
        if len(value) > limit:
            problems.append(f"{where}.{name} has {len(value)} characters (max {limit})")
        return len(value)

    total = text(embed.get("title"), "title", EMBED_TITLE_MAX)
    total += text(embed.get("description"), "description", EMBED_DESCRIPTION_MAX)
    footer = embed.get("footer")
    if footer is not None:
        total += text(footer.get("text"), "footer.text", EMBED_FOOTER_MAX, required=True)
    author = embed.get("author")
    if author is not None:
        total += text(author.get("name"), "author.name", EMBED_AUTHOR_NAME_MAX, required=True)
    fields = embed.get("fields") or []
    if len(fields) > EMBED_FIELDS_MAX:
        problems.append(f"{where} has {len(fields)} fields (max {EMBED_FIELDS_MAX})")
    for i, field in enumerate(fields):
        total += text(field.get("name"), f"fields[{i}].name", EMBED_FIELD_NAME_MAX, required=True)
        total += text(
            field.get("value"), f"fields[{i}].value", EMBED_FIELD_VALUE_MAX, required=True
        )
    if total == 0 and not embed.get("image") and not embed.get("thumbnail"):
        problems.append(f"{where} is empty")
    return problems


def embeds_total(embeds: list[Mapping[str, Any]]) -> int:
    """Characters that count towards the 6,000 per message (titles, texts, fields, footers)."""
    total = 0
    for embed in embeds:
        total += len(embed.get("title") or "") + len(embed.get("description") or "")
        total += len((embed.get("footer") or {}).get("text") or "")
        total += len((embed.get("author") or {}).get("name") or "")
        for field in embed.get("fields") or []:
            total += len(field.get("name") or "") + len(field.get("value") or "")
    return total


def component_problems(components: list[Mapping[str, Any]]) -> list[str]:
    """What in a message's components (action rows of buttons/selects) Discord would reject."""
    problems: list[str] = []
    if len(components) > ACTION_ROWS_MAX:
        problems.append(f"{len(components)} action rows (max {ACTION_ROWS_MAX})")
    for r, row in enumerate(components):
        if row.get("type") != 1:
            continue  # layout components (v2) are not used by this bot; don't judge them
        children = row.get("components") or []
        if not children or len(children) > BUTTONS_PER_ROW_MAX:
            problems.append(f"row {r} has {len(children)} components (1..{BUTTONS_PER_ROW_MAX})")
        for c, child in enumerate(children):
            label = child.get("label")
            if label is not None and len(label) > BUTTON_LABEL_MAX:
                problems.append(f"row {r} component {c} label longer than {BUTTON_LABEL_MAX}")
            custom_id = child.get("custom_id")
            if custom_id is not None and not 1 <= len(custom_id) <= CUSTOM_ID_MAX:
                problems.append(f"row {r} component {c} custom_id not 1..{CUSTOM_ID_MAX} chars")
            if child.get("type") == 2 and child.get("style") != 5 and not custom_id:
                problems.append(f"row {r} button {c} has no custom_id")
    return problems


def message_problems(body: Mapping[str, Any], *, edit: bool = False) -> list[str]:
    """What in a message create/edit body Discord would answer with 400 (empty: nothing).

    `edit`: a PATCH, where every key is optional and an empty body is allowed.
    """
    problems: list[str] = []
    content = body.get("content")
    if content is not None:
        if not isinstance(content, str):
            problems.append("content is not a string")
        elif len(content) > CONTENT_MAX:
            problems.append(f"content has {len(content)} characters (max {CONTENT_MAX})")
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS_PER_MESSAGE:
        problems.append(f"{len(embeds)} embeds (max {EMBEDS_PER_MESSAGE})")
    for i, embed in enumerate(embeds):
        problems.extend(embed_problems(embed, f"embeds[{i}]"))
    total = embeds_total(embeds)
    if total > EMBED_TOTAL_MAX:
        problems.append(f"embeds total {total} characters (max {EMBED_TOTAL_MAX})")
    components = body.get("components") or []
    problems.extend(component_problems(components))
    if not edit and not (content or embeds or components or body.get("attachments")):
        problems.append("cannot send an empty message")
    return problems


def autocomplete_problems(data: Mapping[str, Any]) -> list[str]:
    """What in an autocomplete result (callback type 8 data) Discord would reject."""
    choices = data.get("choices")
    if not isinstance(choices, list):
        return ["autocomplete result has no choices list"]
    problems: list[str] = []
    if len(choices) > AUTOCOMPLETE_CHOICES_MAX:
        problems.append(f"{len(choices)} choices (max {AUTOCOMPLETE_CHOICES_MAX})")
    for i, choice in enumerate(choices):
        name = choice.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= CHOICE_NAME_MAX:
            problems.append(f"choices[{i}].name must be 1..{CHOICE_NAME_MAX} characters")
        value = choice.get("value")
        if isinstance(value, str) and len(value) > CHOICE_STRING_VALUE_MAX:
            problems.append(f"choices[{i}].value longer than {CHOICE_STRING_VALUE_MAX}")
        if value is None:
            problems.append(f"choices[{i}] has no value")
    return problems


def pings(body: Mapping[str, Any], *, replied_user_id: int | None = None) -> list[str]:
    """Who a message body would notify, following Discord's `allowed_mentions` rules.

    Only `content` can ping (embeds never do). Without `allowed_mentions` Discord parses
    every mention; with it, only the listed kinds/ids. A reply pings the replied-to author
    unless `allowed_mentions` is given without `replied_user: true`.
    """
    content = body.get("content") or ""
    allowed = body.get("allowed_mentions")
    if allowed is None:
        parse = {"everyone", "users", "roles"}
        users: set[str] = set()
        roles: set[str] = set()
        replied = True
    else:
        parse = set(allowed.get("parse") or [])
        users = {str(u) for u in allowed.get("users") or []}
        roles = {str(r) for r in allowed.get("roles") or []}
        replied = bool(allowed.get("replied_user", False))
    out: list[str] = []
    if "everyone" in parse:
        out.extend(f"@{m}" for m in EVERYONE_MENTION.findall(content))
    out.extend(
        f"user:{u}" for u in USER_MENTION.findall(content) if "users" in parse or u in users
    )
    out.extend(
        f"role:{r}" for r in ROLE_MENTION.findall(content) if "roles" in parse or r in roles
    )
    if body.get("message_reference") and replied and replied_user_id is not None:
        out.append(f"user:{replied_user_id}")
    return out


def forbids_all_mentions(body: Mapping[str, Any]) -> bool:
    """True if the body carries `allowed_mentions` that allow no mention of any kind."""
    allowed = body.get("allowed_mentions")
    if not isinstance(allowed, Mapping):
        return False
    return (
        list(allowed.get("parse", ["missing"])) == []
        and not allowed.get("users")
        and not allowed.get("roles")
        and not allowed.get("replied_user", False)
    )
