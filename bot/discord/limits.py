"""Discord's documented limits in one place, so replies and payloads can be checked against them."""

from __future__ import annotations

# Messages
CONTENT_CHARS = 2000  # message content
EMBEDS_PER_MESSAGE = 10
MESSAGE_EMBED_CHARS = 6000  # title + description + field names/values + footer + author, all embeds

# One embed
EMBED_TITLE_CHARS = 256
EMBED_DESCRIPTION_CHARS = 4096
EMBED_FIELDS = 25
FIELD_NAME_CHARS = 256
FIELD_VALUE_CHARS = 1024
FOOTER_TEXT_CHARS = 2048
AUTHOR_NAME_CHARS = 256

# Application commands
COMMAND_NAME_PATTERN = r"^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$"  # needs the `regex` module
COMMAND_NAME_CHARS = 32
COMMAND_DESCRIPTION_CHARS = 100
COMMAND_OPTIONS = 25
OPTION_CHOICES = 25  # static choices and autocomplete results alike
CHOICE_NAME_CHARS = 100
CHOICE_VALUE_CHARS = 100
COMMAND_PAYLOAD_CHARS = 8000  # name + description + option names/descriptions/choices, all locales
STRING_OPTION_CHARS = 6000  # max_length of a string option

# Components
CUSTOM_ID_CHARS = 100
BUTTON_LABEL_CHARS = 80

# Interactions
ACK_DEADLINE_S = 3.0  # the first response must arrive within this, else the user sees a failure
TOKEN_LIFETIME_S = 15 * 60  # follow-ups and edits work this long after the interaction
