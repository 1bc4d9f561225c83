"""Adding pieces from Discord: attached files (to `/piece add`, or to a DM) checked, downloaded
and added; and the confirmation every addition gets.

An attachment's URL comes from Discord, not from the user, and points at Discord's CDN; the
bot downloads it with its own Discord HTTP session (`Attachment.read`), not with the
library's URL fetcher, whose public-address rule guards links that users choose. The trust
is narrow on purpose: only a URL on the CDN origin discord.py uses (`discord.Asset.BASE`) is
downloaded, after its declared size is checked against the limit, within a time limit.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord
from yarl import URL

from bot.discord.i18n import t
from bot.discord.listing import added_text
from bot.library.errors import PieceError, Reason
from bot.library.fetch import FetchRules
from bot.library.formats import MAX_DOCUMENT_BYTES
from bot.library.scope import Reader
from bot.library.service import Added, Library
from bot.library.store import Scope

log = logging.getLogger(__name__)

DOWNLOAD_TIMEOUT_S = FetchRules().timeout_s  # the same bound as links


def _too_large(size: int) -> PieceError:
    return PieceError(
        Reason.TOO_LARGE,
        f"the file is too large ({size:,} bytes; the limit is {MAX_DOCUMENT_BYTES:,})",
        limit=MAX_DOCUMENT_BYTES,
    )


def on_discord_cdn(url: str) -> bool:
    """Is `url` on the origin (scheme, host, port) of Discord's CDN?"""
    try:
        return URL(url).origin() == URL(discord.Asset.BASE).origin()
    except ValueError:
        return False


async def read_attachment(attachment: discord.Attachment) -> bytes:
    """The attachment's bytes, or `PieceError` (too large, not on the CDN, failed, too slow)."""
    if attachment.size > MAX_DOCUMENT_BYTES:
        raise _too_large(attachment.size)  # said before a byte is downloaded
    if not on_discord_cdn(attachment.url):
        log.warning("refused an attachment outside Discord's CDN: %s", URL(attachment.url).host)
        raise PieceError(Reason.FETCH_FAILED, "the file is not on Discord's CDN")
    try:
        async with asyncio.timeout(DOWNLOAD_TIMEOUT_S):
            data = await attachment.read()
    except TimeoutError:
        raise PieceError(
            Reason.TOO_SLOW,
            f"the download took longer than {DOWNLOAD_TIMEOUT_S:g} seconds",
            limit=DOWNLOAD_TIMEOUT_S,
        ) from None
    except (discord.HTTPException, aiohttp.ClientError) as exc:
        log.info("could not download an attachment: %s", exc)
        raise PieceError(Reason.FETCH_FAILED, "the file could not be downloaded") from None
    if len(data) > MAX_DOCUMENT_BYTES:  # more than Discord said it would be
        raise _too_large(len(data))
    return data


async def add_attachment(
    library: Library, reader: Reader, attachment: discord.Attachment, *, title: str | None = None
) -> Added:
    """Add the attached file to the reader's pieces; permission and limits are checked first,
    so a refused addition costs no download."""
    await library.check_add(reader)
    data = await read_attachment(attachment)
    return await library.add_bytes(
        reader,
        data,
        filename=attachment.filename,
        content_type=attachment.content_type,
        title=title,
    )


async def confirm(library: Library, reader: Reader, added: Added, lang: str) -> str:
    """What an addition says: the piece, then how to read it. A personal piece becomes the
    reader's current one at once (that concerns nobody else); a server's is chosen for a
    channel with /piece use."""
    text = added_text(added, lang)
    if reader.home[0] is Scope.PERSONAL:
        await library.use(reader, added.piece.id)
        return f"{text}\n{t('piece.now_yours', lang)}"
    how = t("piece.how_to_read", lang, option=t("option.piece", lang), id=added.piece.id)
    return f"{text}\n{how}"
