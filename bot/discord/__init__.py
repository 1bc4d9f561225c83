"""The Discord front end: `PieceBot` and `create_bot`, built from one module per job.

Each module imports only those listed before it (the cogs are loaded by name):

- `limits` Discord's documented limits; `i18n` every string, Japanese and English;
- `ratelimit` the per-user rate limit and the answer gate; `conversations` DM history;
- `render` answers as embeds within the limits; `about` the /about and /help embeds;
- `delivery` how answers reach users: rate-limit check, answer slot, drafts, replies;
- `errors` the one place errors become messages; `sources` the Sources button;
- `bot` the bot and its factory; `run` the `run` / `sync` entry points;
- `cogs/` the extensions: slash commands (`piece`), DMs (`dm`), the error handler (`errors`).
"""

from bot.discord.bot import PieceBot, create_bot

__all__ = ["PieceBot", "create_bot"]
