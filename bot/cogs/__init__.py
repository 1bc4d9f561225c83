"""Discord cogs: the slash commands, DM conversations and the central error handler."""
