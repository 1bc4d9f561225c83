"""`python -m bot run` / `sync`: start the bot or push its commands; setup failures in one line."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
import sys
from collections.abc import Callable, Coroutine
from typing import Any, TextIO

import aiohttp
import discord

from bot.core.article import ArticleError
from bot.discord.bot import PieceBot, create_bot
from bot.settings import Settings, SettingsError
from bot.storage.sqlite import StoreBusy

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
# A bot token is three base64url parts: the user id, a timestamp and an HMAC.
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$")
_WHERE = "Developer Portal → your application → Bot → Reset Token"


def token_problem(token: str) -> str | None:
    """Why `token` cannot be a Discord bot token, in one line without the token; None if it can."""
    if not token:
        return f"DISCORD_TOKEN is not set: put the bot's token in .env ({_WHERE})"
    if token.lower().startswith("bot "):
        return "DISCORD_TOKEN must be the token alone, without the 'Bot ' prefix"
    if token[0] in "\"'" or token[-1] in "\"'":
        return "DISCORD_TOKEN has quotes around it: remove them"
    if any(c.isspace() for c in token):
        return "DISCORD_TOKEN contains spaces or line breaks: paste the token again"
    if not _TOKEN.match(token):
        return (
            "DISCORD_TOKEN does not look like a bot token (three dot-separated parts); "
            f"the client secret or application id will not work ({_WHERE})"
        )
    return None


def install_links(application_id: int) -> tuple[str, str]:
    """(server install, user install) links: slash commands + bot in a server, or for one user."""
    base = f"https://discord.com/oauth2/authorize?client_id={application_id}"
    server = f"{base}&scope=bot+applications.commands&permissions=0&integration_type=0"
    user = f"{base}&scope=applications.commands&integration_type=1"
    return server, user


def _say(line: str, token: str, stream: TextIO) -> None:
    if token:
        line = line.replace(token, "***")  # belt and braces: no message may carry the token
    print(f"piece-bot: {line}", file=stream)


def run(settings: Settings, *, stderr: TextIO | None = None) -> int:
    """Run the bot until interrupted. Returns a process exit code; never raises on bad setup."""

    async def main(bot: PieceBot, token: str) -> None:
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
            # `docker stop` and systemd send SIGTERM: close the gateway and the store cleanly.
            loop.add_signal_handler(signal.SIGTERM, lambda: loop.create_task(bot.close()))
        async with bot:
            await bot.start(token)

    return _start(settings, main, stderr or sys.stderr, sync_on_start=True, warm_up=True)


def sync(
    settings: Settings,
    guild_id: int | None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Push the slash commands to one guild (instant) or globally, then print install links."""
    out = stdout or sys.stdout

    async def main(bot: PieceBot, token: str) -> None:
        async with bot:
            await bot.login(token)  # HTTP only (runs setup_hook); no gateway connection
            try:
                synced = await bot.sync_commands(guild_id)
            except discord.Forbidden as exc:
                where = f"guild {guild_id}" if guild_id else "Discord"
                raise _Fail(
                    f"Discord refused the sync to {where} ({exc.status} {exc.text or exc}): "
                    "is the bot installed there with the applications.commands scope?"
                ) from None
            except discord.app_commands.CommandSyncFailure as exc:
                raise _Fail(f"Discord rejected a command: {exc}") from None
            names = ", ".join(f"/{c.name}" for c in synced)
            target = f"guild {guild_id}" if guild_id else "all servers and users (global)"
            print(f"synced {len(synced)} commands to {target}: {names}", file=out)
            if bot.application_id:
                server, user = install_links(bot.application_id)
                print(f"server install: {server}", file=out)
                print(f"user install:   {user}", file=out)

    # No warm-up: sync closes at once, so paid model calls would be thrown away.
    return _start(settings, main, stderr or sys.stderr, sync_on_start=False, warm_up=False)


def _start(
    settings: Settings,
    main: Callable[[PieceBot, str], Coroutine[Any, Any, None]],
    err: TextIO,
    *,
    sync_on_start: bool,
    warm_up: bool,
) -> int:
    """Check the token, build the bot and run `main(bot, token)`; every failure in one line."""
    token = settings.discord_token.value
    if (problem := token_problem(token)) is not None:
        _say(problem, token, err)
        return EXIT_USAGE

    def start() -> None:
        bot = create_bot(settings, sync_on_start=sync_on_start, warm_up=warm_up)
        asyncio.run(main(bot, token))

    return _guarded(start, token, err)


class _Fail(Exception):
    """A failure already phrased for the user."""


def _guarded(start: Callable[[], object], token: str, err: TextIO) -> int:
    """Run `start()` and turn every setup failure into one line on stderr and an exit code."""
    try:
        start()
    except KeyboardInterrupt:
        return EXIT_OK
    except discord.LoginFailure:
        _say(f"Discord rejected DISCORD_TOKEN (login failed): reset it in the {_WHERE}", token, err)
        return EXIT_USAGE
    except discord.PrivilegedIntentsRequired:
        _say("Discord refused a privileged intent this bot asked for", token, err)
        return EXIT_USAGE
    except _Fail as exc:
        _say(str(exc), token, err)
        return EXIT_ERROR
    except (ArticleError, SettingsError) as exc:
        _say(str(exc), token, err)
        return EXIT_USAGE
    except StoreBusy as exc:
        _say(f"{exc}: another process keeps the bot's database locked; try again", token, err)
        return EXIT_ERROR
    except (aiohttp.ClientError, discord.GatewayNotFound, OSError, TimeoutError) as exc:
        _say(f"cannot reach Discord: {type(exc).__name__}: {exc}", token, err)
        return EXIT_ERROR
    except discord.HTTPException as exc:
        _say(f"Discord answered {exc.status}: {exc.text or exc}", token, err)
        return EXIT_ERROR
    except Exception as exc:  # a bug: keep the trace for the log, still end with one line
        log.debug("unexpected failure", exc_info=True)
        detail = f"{type(exc).__name__}: {exc}"
        _say(f"unexpected error: {detail} (LOG_LEVEL=DEBUG shows more)", token, err)
        return EXIT_ERROR
    return EXIT_OK
