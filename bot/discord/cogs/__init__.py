"""Discord extensions, loaded by name (`bot.EXTENSIONS`): slash commands, DMs, the error handler."""
