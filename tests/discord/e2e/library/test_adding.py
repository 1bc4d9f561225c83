"""End to end, adding pieces by /piece add: a link under the fetch rules, and exactly one of
a file or a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.discord.i18n import t
from bot.library.scope import Reader
from tests.discord.e2e.helpers import EPHEMERAL, assert_clean, text_of
from tests.discord.e2e.library.helpers import (
    DOCUMENTS_BY_FORMAT,
    LOADING,
    PIECE_ID,
    LibraryE2E,
    library_settings,
)
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.discord_api.harness import DONE_S, started
from tests.library.http_server import http_server


@pytest.mark.parametrize("allow_private", [False, True])
async def test_a_link_is_added_under_the_fetch_rules(
    fake: FakeDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture, allow_private: bool
) -> None:
    # The local page is on 127.0.0.1: refused unless the switch is on (for this test only).
    settings = library_settings(tmp_path, fake, piece_fetch_allow_private=allow_private)
    async with http_server() as pages, started(fake, settings) as e2e:
        url = pages.url("/page.html")
        payload = e2e.slash("piece", {"url": url}, subcommand="add", where="dm")
        record = await e2e.run(payload, done=allow_private)
        shown = await fake.wait_for(
            lambda: [m for m in e2e.final(record) if not m["flags"] & LOADING] or None,
            DONE_S,
            "the reply",
        )
        if allow_private:
            assert PIECE_ID.search(text_of(shown))
        else:
            assert text_of(shown) == t("piece.error.blocked_address", "en")
        assert all(m["flags"] & EPHEMERAL for m in shown)  # a personal piece: said privately
    assert_clean(fake, caplog)


async def test_piece_add_takes_exactly_one_of_file_or_url(
    lib: LibraryE2E, caplog: pytest.LogCaptureFixture
) -> None:
    e2e = lib.e2e
    doc = DOCUMENTS_BY_FORMAT["text"]
    channel = e2e.guild_channel_id
    both = {"file": e2e.fake.attachment(channel, doc.filename, doc.data), "url": "https://a.example"}
    for options in ({}, both):
        _, shown = await lib.reply(e2e.slash("piece", options, subcommand="add", locale="ja"))
        assert text_of(shown) == t("piece.one_source", "ja", file="ファイル", url="リンク")
        assert all(m["flags"] & EPHEMERAL for m in shown)
    assert e2e.fake.cdn_requests == [] and await lib.library.list(
        Reader.in_server(1, e2e.guild_id, channel, manages_server=True)
    ) == await lib.library.list(Reader.operator())  # nothing added
    assert_clean(e2e.fake, caplog)
