"""`python -m bot run` / `sync`: one clear line per setup failure; never the token, never a trace.

The login and sync paths talk to a tiny local Discord (aiohttp on 127.0.0.1, in
its own thread because `run`/`sync` start their own event loop) with
discord.py's REST base URL pointed at it.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import signal
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import discord
import pytest
from aiohttp import web

from bot.discord import run as discord_run
from bot.discord.run import install_links, token_problem
from bot.library.service import Library
from bot.settings import Settings, load_settings
from tests.fakes.discord_api import FakeDiscord, discord_pointed_at, fake_token
from tests.fakes.openai_api import FakeOpenAI
from tests.storage.helpers import write_lock_held

# Shaped like a bot token (three base64url parts), but not one.
# Built from parts so that no token-shaped string sits in the source for scanners to flag.
GOOD_LOOKING = ".".join(
    ["MTEwMDAwMDAwMDAwMDAwMDAx", "GhIjKl", "abcdefghijklmnopqrstuvwxyz" + "0123456789AB"]
)
APP_ID = 1_100_000_000_000_000_001


def settings_for(tmp_path: Path, token: str, **env: str) -> Settings:
    return load_settings(
        {"PIECE_BOT_DATA_DIR": str(tmp_path), "DISCORD_TOKEN": token, **env}, dotenv=False
    )


@pytest.mark.parametrize(
    ("token", "needle"),
    [
        ("", "is not set"),
        ("Bot " + GOOD_LOOKING, "without the 'Bot ' prefix"),
        ('"' + GOOD_LOOKING + '"', "quotes"),
        (GOOD_LOOKING[:30] + " " + GOOD_LOOKING[30:], "spaces"),
        ("abcdefghijklmnopqrstuvwxyz012345", "does not look like a bot token"),  # a client secret
        ("1100000000000000001", "does not look like a bot token"),  # an application id
    ],
)
def test_token_problems_are_named_without_the_token(token: str, needle: str) -> None:
    problem = token_problem(token)
    assert problem is not None and needle in problem
    if token:
        assert token not in problem and GOOD_LOOKING not in problem


def test_a_well_formed_token_passes() -> None:
    assert token_problem(GOOD_LOOKING) is None


@pytest.mark.parametrize("token", ["", "not-a-token", "Bot " + GOOD_LOOKING])
@pytest.mark.parametrize("entry", ["run", "sync"])
def test_a_bad_token_is_one_line_and_exit_2(tmp_path: Path, token: str, entry: str) -> None:
    err = io.StringIO()
    settings = settings_for(tmp_path, token)
    if entry == "run":
        code = discord_run.run(settings, stderr=err)
    else:
        code = discord_run.sync(settings, None, stderr=err)
    assert code == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("piece-bot: DISCORD_TOKEN")
    assert "Traceback" not in err.getvalue()


def test_a_missing_article_is_one_line(tmp_path: Path) -> None:
    err = io.StringIO()
    settings = settings_for(tmp_path, GOOD_LOOKING, ARTICLE_PATH=str(tmp_path / "missing.txt"))
    assert discord_run.run(settings, stderr=err) == 2
    assert err.getvalue().count("\n") == 1 and "not found" in err.getvalue()


def test_install_links_ask_for_the_right_scopes() -> None:
    server, user = install_links(APP_ID)
    assert f"client_id={APP_ID}" in server and f"client_id={APP_ID}" in user
    assert "scope=bot+applications.commands" in server and "integration_type=0" in server
    assert "scope=applications.commands" in user and "integration_type=1" in user


# ---------------------------------------------------------------- against a local Discord


def reply(data: object, status: int = 200) -> web.Response:
    # discord.py parses JSON only when the content type is exactly "application/json".
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


class LocalDiscord:
    """The three REST routes login and sync use, recording what the bot sent."""

    def __init__(
        self, *, accept_token: bool = True, forbid_sync: bool = False, sync_delay_s: float = 0.0
    ) -> None:
        self.accept_token = accept_token
        self.forbid_sync = forbid_sync
        self.sync_delay_s = sync_delay_s  # real syncs take a while; work started meanwhile runs
        self.synced: dict[str, list[dict]] = {}
        self.authorizations: list[str] = []
        self.base = ""
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/v10/users/@me", self.me)
        app.router.add_get("/api/v10/oauth2/applications/@me", self.application)
        app.router.add_put("/api/v10/applications/{app}/commands", self.sync)
        app.router.add_put("/api/v10/applications/{app}/guilds/{guild}/commands", self.sync)
        return app

    def _user(self) -> dict:
        return {"id": str(APP_ID), "username": "piece-bot", "discriminator": "0",
                "global_name": None, "avatar": None, "bot": True}

    async def me(self, request: web.Request) -> web.Response:
        self.authorizations.append(request.headers.get("Authorization", ""))
        if not self.accept_token:
            return reply({"message": "401: Unauthorized", "code": 0}, status=401)
        return reply(self._user())

    async def application(self, request: web.Request) -> web.Response:
        return reply({
            "id": str(APP_ID), "name": "piece-bot", "description": "", "icon": None,
            "bot_public": True, "bot_require_code_grant": False, "owner": self._user(),
            "verify_key": "0" * 64, "flags": 0, "summary": "",
        })

    async def sync(self, request: web.Request) -> web.Response:
        await asyncio.sleep(self.sync_delay_s)
        if self.forbid_sync:
            return reply({"message": "Missing Access", "code": 50001}, status=403)
        payload = await request.json()
        self.synced[request.path] = payload
        return reply([
            {**c, "id": str(i + 1), "application_id": str(APP_ID), "version": "1"}
            for i, c in enumerate(payload)
        ])

    def __enter__(self) -> LocalDiscord:
        started = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(self._loop)

            async def start() -> None:
                self._runner = web.AppRunner(self.app())
                await self._runner.setup()
                site = web.TCPSite(self._runner, "127.0.0.1", 0)
                await site.start()
                port = self._runner.addresses[0][1]
                self.base = f"http://127.0.0.1:{port}/api/v10"
                started.set()

            self._loop.run_until_complete(start())
            self._loop.run_forever()

        self._thread = threading.Thread(target=serve, daemon=True)
        self._thread.start()
        assert started.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            if self._runner is not None:
                await self._runner.cleanup()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()


@pytest.fixture
def pointed_at() -> Iterator[callable]:
    """Point discord.py's REST base URL at a LocalDiscord (the one class-level knob)."""
    old = discord.http.Route.BASE

    def point(fake: LocalDiscord) -> None:
        discord.http.Route.BASE = fake.base

    yield point
    discord.http.Route.BASE = old


def test_a_rejected_token_is_one_line_and_never_printed(
    tmp_path: Path, pointed_at: callable, caplog: pytest.LogCaptureFixture
) -> None:
    err = io.StringIO()
    with LocalDiscord(accept_token=False) as fake, caplog.at_level(logging.DEBUG):
        pointed_at(fake)
        code = discord_run.run(settings_for(tmp_path, GOOD_LOOKING), stderr=err)
    assert code == 2
    assert err.getvalue().startswith("piece-bot: Discord rejected DISCORD_TOKEN")
    assert err.getvalue().count("\n") == 1
    assert fake.authorizations == [f"Bot {GOOD_LOOKING}"]  # it was really tried …
    assert GOOD_LOOKING not in err.getvalue()  # … and never shown
    assert GOOD_LOOKING not in caplog.text


def test_a_database_locked_by_another_process_is_one_line_not_memory(
    tmp_path: Path, pointed_at: callable
) -> None:
    # Falling back to memory would lose every conversation and piece until a restart.
    settings = settings_for(tmp_path, GOOD_LOOKING)
    sqlite3.connect(settings.db_path).close()
    err = io.StringIO()
    with LocalDiscord() as fake, write_lock_held(settings.db_path):
        pointed_at(fake)
        code = discord_run.run(settings, stderr=err)
    assert code == 1
    assert "keeps the bot's database locked; try again" in err.getvalue()
    assert err.getvalue().count("\n") == 1


@pytest.mark.parametrize(
    ("content", "reason"), [(b"\x00\x01\x02binary", "binary"), (b"", "empty")]
)
def test_an_unusable_default_piece_is_one_line_not_a_bot_without_it(
    tmp_path: Path, pointed_at: callable, content: bytes, reason: str
) -> None:
    # The bot used to start anyway, log the error, and tell every reader there was no piece.
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    err = io.StringIO()
    with LocalDiscord() as fake:
        pointed_at(fake)
        code = discord_run.run(settings_for(tmp_path, GOOD_LOOKING, ARTICLE_PATH=str(article)),
                               stderr=err)
    assert code == 2
    assert err.getvalue().count("\n") == 1 and "cannot be used" in err.getvalue()
    assert reason in err.getvalue()


@pytest.mark.parametrize("guild", [None, 1_200_000_000_000_000_001])
def test_sync_pushes_the_translated_commands_and_prints_install_links(
    tmp_path: Path, pointed_at: callable, guild: int | None
) -> None:
    out, err = io.StringIO(), io.StringIO()
    with LocalDiscord() as fake:
        pointed_at(fake)
        code = discord_run.sync(settings_for(tmp_path, GOOD_LOOKING), guild, stdout=out,
                                 stderr=err)
    assert code == 0, err.getvalue()
    path = (f"/api/v10/applications/{APP_ID}/guilds/{guild}/commands" if guild
            else f"/api/v10/applications/{APP_ID}/commands")
    assert list(fake.synced) == [path]  # exactly one sync, to exactly where it was asked
    payload = fake.synced[path]
    assert {c["name"] for c in payload} == {
        "summary", "factors", "factor", "quote", "ask", "about", "help", "forget", "piece"
    }
    assert all("ja" in c["description_localizations"] for c in payload)
    text = out.getvalue()
    assert "synced 9 commands" in text
    assert "integration_type=0" in text and "integration_type=1" in text
    assert GOOD_LOOKING not in text + err.getvalue() + json.dumps(payload)


def test_a_refused_sync_is_one_clear_line(tmp_path: Path, pointed_at: callable) -> None:
    err = io.StringIO()
    with LocalDiscord(forbid_sync=True) as fake:
        pointed_at(fake)
        code = discord_run.sync(
            settings_for(tmp_path, GOOD_LOOKING), 42, stdout=io.StringIO(), stderr=err
        )
    assert code == 1
    assert err.getvalue().count("\n") == 1
    assert "refused the sync to guild 42" in err.getvalue()
    assert "applications.commands" in err.getvalue()


def test_an_unreachable_discord_is_one_line(tmp_path: Path, pointed_at: callable) -> None:
    with LocalDiscord() as fake:
        base = fake.base
    unreachable = LocalDiscord()
    unreachable.base = base  # the server has stopped: nothing listens there now
    pointed_at(unreachable)
    err = io.StringIO()
    code = discord_run.sync(settings_for(tmp_path, GOOD_LOOKING), None, stderr=err)
    assert code == 1
    assert err.getvalue().startswith("piece-bot: cannot reach Discord")
    assert err.getvalue().count("\n") == 1


def test_sync_makes_no_model_calls(tmp_path: Path, pointed_at: callable) -> None:
    """`sync` builds the whole bot, but must not start the LLM engine's warm-up.

    Regression: setup_hook started the warm-up on every login, so each `python -m bot
    sync` paid for summary and factor calls it then cut off when it closed.
    """
    model = FakeOpenAI()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        asyncio.run_coroutine_threadsafe(model.start(), loop).result(10)
        settings = settings_for(
            tmp_path, GOOD_LOOKING, PIECE_BOT_ENGINE="llm", OPENAI_API_KEY="sk-test-not-real",
            OPENAI_BASE_URL=model.base_url, LLM_WARM_UP="true",
        )
        assert settings.llm_enabled and settings.llm_warm_up
        with LocalDiscord(sync_delay_s=1.0) as fake:
            pointed_at(fake)
            code = discord_run.sync(settings, None, stdout=io.StringIO(), stderr=io.StringIO())
        assert code == 0 and fake.synced
        assert model.requests == []
    finally:
        asyncio.run_coroutine_threadsafe(model.close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def _database_threads() -> list[threading.Thread]:
    # aiosqlite runs each connection in a thread of its own, not a daemon: while one is
    # alive, the interpreter cannot exit.
    return [t for t in threading.enumerate() if "_connection_worker_thread" in t.name]


def test_sigterm_stops_the_bot_and_closes_every_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`docker stop` sends SIGTERM: `run` closes the gateway, the library and the store, and
    returns, leaving no database thread that would keep the process from exiting.

    Regression: the handler's close went on in a task of its own while `run` returned as
    soon as the gateway had closed, and asyncio.run then cancelled it half way.
    """
    before = set(_database_threads())
    close_library = Library.aclose

    async def slow_close(library: Library) -> None:
        await asyncio.sleep(0.3)  # an LLM client, say, that takes a moment to close
        await close_library(library)

    async def warmed_at_once(library: Library, locales: object) -> None:
        return None

    monkeypatch.setattr(Library, "aclose", slow_close)
    monkeypatch.setattr(Library, "warm_up_default", warmed_at_once)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def on_loop(coro: object, timeout: float = 15) -> object:
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout)  # type: ignore[arg-type]

    fake = FakeDiscord()
    on_loop(fake.start())
    try:
        fake.token = fake_token(fake.application_id)
        settings = load_settings(
            {"PIECE_BOT_DATA_DIR": str(tmp_path), "DISCORD_TOKEN": fake.token,
             "PIECE_BOT_ENGINE": "offline"},
            dotenv=False,
        )

        def stop_when_connected() -> None:
            on_loop(fake.wait_until_identified(15))
            os.kill(os.getpid(), signal.SIGTERM)

        killer = threading.Thread(target=stop_when_connected, daemon=True)
        with discord_pointed_at(fake):
            killer.start()
            code = discord_run.run(settings, stderr=io.StringIO())
        killer.join(15)
        assert code == 0
        assert set(_database_threads()) <= before
    finally:
        on_loop(fake.close())
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
