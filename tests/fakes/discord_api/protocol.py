"""Discord's numbers the fake speaks: paths, message flags, interaction callback types,
gateway opcodes and intents."""

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/ws"
EPHEMERAL = 1 << 6
LOADING = 1 << 7

# Interaction callback types
PONG = 1
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9
MESSAGE_CALLBACKS = {CHANNEL_MESSAGE, UPDATE_MESSAGE}

# Gateway opcodes
OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_RESUME = 6
OP_RECONNECT = 7
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

# Gateway intents that decide whether the bot hears about (its own) messages
GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
