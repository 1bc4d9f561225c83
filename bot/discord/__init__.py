"""The Discord front end: `PieceBot` and `create_bot`, built from one module per job.

Each module imports only those listed before it (the cogs are loaded by name):

- `limits` Discord's documented limits; `i18n` every string, Japanese and English;
- `ratelimit` the per-user rate limit and the answer gate; `conversations` DM history, per piece;
- `render` answers as embeds within the limits; `listing` pieces as lines, choices, confirmations;
- `about` the /about and /help embeds; `readers` who asks, in which scope, and what stays private;
- `delivery` how answers reach users: rate-limit check, answer slot, drafts, replies;
- `errors` the one place errors become messages; `adding` attached files and confirmations;
- `options` the `piece` option and the per-piece autocompletes; `sources` the Sources button;
- `bot` the bot and its factory; `run` the `run` / `sync` entry points;
- `cogs/` the extensions: reading commands (`piece`), the `/piece` group (`library`), DMs
  (`dm`), the error handler (`errors`).

Pieces come from `bot.library` (which builds each piece's engine); engines are reached only
through `bot.engines.base`.
"""

from bot.discord.bot import PieceBot, create_bot

__all__ = ["PieceBot", "create_bot"]
