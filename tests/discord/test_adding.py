"""Attached files: the size is checked before a download, only Discord's CDN is trusted, and a
slow or failed download is one clear refusal."""

from __future__ import annotations

import asyncio

import discord
import pytest

import bot.discord.adding as adding
from bot.discord.adding import read_attachment
from bot.discord.bot import PieceBot
from bot.library.errors import PieceError, Reason
from bot.library.formats import MAX_DOCUMENT_BYTES
from tests.discord.helpers import FakeResponse, snowflake

CDN = "https://cdn.discordapp.com"


def attachment(client: PieceBot, url: str, size: int = 10) -> discord.Attachment:
    data = {"id": str(snowflake()), "filename": "a.txt", "size": size, "url": url,
            "proxy_url": url.replace(CDN, "https://media.discordapp.net")}
    return discord.Attachment(data=data, state=client._connection)  # type: ignore[arg-type]


@pytest.fixture
def downloads(client: PieceBot, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the bot's Discord HTTP client downloads (it answers with ten bytes)."""
    seen: list[str] = []

    async def get_from_cdn(url: str) -> bytes:
        seen.append(url)
        return b"0123456789"

    monkeypatch.setattr(client.http, "get_from_cdn", get_from_cdn)
    return seen


async def test_a_file_on_discords_cdn_is_downloaded(client: PieceBot, downloads: list[str]) -> None:
    assert discord.Asset.BASE == CDN  # discord.py's own, unless a test points it elsewhere
    url = f"{CDN}/attachments/1/2/a.txt?ex=1&is=2&hm=3&"
    assert await read_attachment(attachment(client, url)) == b"0123456789"
    assert downloads == [url]


@pytest.mark.parametrize(
    ("url", "size", "reason"),
    [
        (f"{CDN}/attachments/1/2/a.pdf", MAX_DOCUMENT_BYTES + 1, Reason.TOO_LARGE),
        ("http://127.0.0.1:8080/attachments/1/2/a.txt", 10, Reason.FETCH_FAILED),
        ("https://cdn.discordapp.com.evil.example/a.txt", 10, Reason.FETCH_FAILED),
        ("http://cdn.discordapp.com/attachments/1/2/a.txt", 10, Reason.FETCH_FAILED),  # not https
    ],
)
async def test_nothing_is_downloaded_that_is_too_large_or_not_on_the_cdn(
    client: PieceBot, downloads: list[str], url: str, size: int, reason: Reason
) -> None:
    with pytest.raises(PieceError) as caught:
        await read_attachment(attachment(client, url, size))
    assert caught.value.reason is reason
    if reason is Reason.TOO_LARGE:
        assert caught.value.limit == MAX_DOCUMENT_BYTES
    assert downloads == []


async def test_a_failed_or_slow_download_is_a_clear_refusal(
    client: PieceBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def gone(url: str) -> bytes:
        raise discord.NotFound(FakeResponse(404), "Not Found")  # type: ignore[arg-type]

    monkeypatch.setattr(client.http, "get_from_cdn", gone)
    with pytest.raises(PieceError) as caught:
        await read_attachment(attachment(client, f"{CDN}/attachments/1/2/a.txt"))
    assert caught.value.reason is Reason.FETCH_FAILED

    async def stuck(url: str) -> bytes:
        await asyncio.sleep(10)
        return b""

    monkeypatch.setattr(client.http, "get_from_cdn", stuck)
    monkeypatch.setattr(adding, "DOWNLOAD_TIMEOUT_S", 0.05)
    with pytest.raises(PieceError) as caught:
        await read_attachment(attachment(client, f"{CDN}/attachments/1/2/a.txt"))
    assert caught.value.reason is Reason.TOO_SLOW and caught.value.limit == 0.05
