"""Discord extensions: slash commands, direct messages, the error handler."""
