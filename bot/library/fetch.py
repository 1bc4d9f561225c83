"""Download a document from a URL without letting the URL reach inside our network (SSRF).

The rules (OWASP's SSRF prevention cheat sheet): http and https only; the host name is
resolved first and every address it resolves to must be public; the connection then goes
to the addresses that were checked (an aiohttp resolver pinned to them, so there is no
second DNS look-up for a rebinding attack to answer, while the URL keeps its host name for
the Host header and TLS SNI); redirects are followed by hand, each hop checked again; the
body is capped while it streams, the whole download is bounded in time, and only HTML,
plain text, Markdown and PDF responses are read. `FetchRules.allow_private`
(`PIECE_FETCH_ALLOW_PRIVATE`) lifts the address rule, for local testing only.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.library.errors import PieceError, Reason
from bot.library.formats import CONTENT_TYPES, MAX_DOCUMENT_BYTES, media_type

if TYPE_CHECKING:
    from ipaddress import IPv4Network, IPv6Network

log = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Host name and port → the addresses it resolves to (as text). Injectable, for tests.
Resolve = Callable[[str, int], Awaitable[list[str]]]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_HEADERS = {
    "User-Agent": "piece-bot/0.1 (reads one page a user asked for)",
    "Accept": "text/html, application/xhtml+xml, text/plain, text/markdown, application/pdf",
}
_NOT_PUBLIC = (
    "the link leads to a private, local or reserved network address; "
    "only pages on public addresses can be fetched"
)


@dataclass(frozen=True, slots=True)
class FetchRules:
    """Limits of one download. `treat_as_public` lists networks counted as public: tests
    use it to stand a local server in for a public one; nothing else should."""

    allow_private: bool = False
    max_bytes: int = MAX_DOCUMENT_BYTES
    timeout_s: float = 15.0
    max_redirects: int = 5
    treat_as_public: tuple[IPv4Network | IPv6Network, ...] = ()


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded document: the final URL (after redirects), its media type and bytes."""

    url: str
    content_type: str
    data: bytes


def is_public(ip: IPAddress) -> bool:
    """True for a globally routable unicast address (an IPv4 address inside IPv6 counts as
    itself): loopback, private, link-local, multicast, reserved and unspecified are not."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return is_public(embedded)
    bad = (
        ip.is_private,
        ip.is_loopback,
        ip.is_link_local,
        ip.is_multicast,
        ip.is_reserved,
        ip.is_unspecified,
    )
    return ip.is_global and not any(bad)


async def system_resolve(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for `host` (IPv4 and IPv6)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class _PinnedResolver(AbstractResolver):
    """aiohttp's resolver, answering only with the addresses we checked for each host."""

    def __init__(self) -> None:
        self.pinned: dict[str, list[str]] = {}

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        addresses = self.pinned.get(host)
        if not addresses:  # every host is checked before its request; this is a safety net
            raise OSError(f"{host} was not checked before connecting")
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=socket.AF_INET6 if ":" in address else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address in addresses
        ]

    async def close(self) -> None:
        return None


def parse_url(raw: str) -> URL:
    """An absolute http(s) URL without credentials, or `PieceError(BAD_URL)`."""
    try:
        url = URL(raw.strip())
        host = url.host  # decoded on first use: "xn--" with nothing valid after it fails here
    except (ValueError, TypeError):  # UnicodeError is a ValueError
        raise PieceError(Reason.BAD_URL, "this is not a valid URL") from None
    if url.scheme not in ("http", "https") or not host:
        raise PieceError(Reason.BAD_URL, "only http:// and https:// links can be fetched")
    if url.user or url.password:
        raise PieceError(Reason.BAD_URL, "links with a user name or password are not fetched")
    return url


async def _checked_addresses(url: URL, rules: FetchRules, resolve: Resolve) -> list[str]:
    host = url.raw_host or ""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            addresses = await resolve(host, url.port or 0)
        except OSError:
            raise PieceError(Reason.FETCH_FAILED, f"the host {host} could not be found") from None
    if not addresses:
        raise PieceError(Reason.FETCH_FAILED, f"the host {host} could not be found")
    if not rules.allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address)
            if not (is_public(ip) or any(ip in net for net in rules.treat_as_public)):
                log.info("refused %s: %s is not a public address", host, ip)
                raise PieceError(Reason.BLOCKED_ADDRESS, _NOT_PUBLIC)
    return addresses


async def fetch(url: str, rules: FetchRules, *, resolve: Resolve = system_resolve) -> Fetched:
    """Download `url` under `rules`, or raise `PieceError` saying which rule stopped it."""
    start = parse_url(url)
    try:
        async with asyncio.timeout(rules.timeout_s):
            return await _follow(start, rules, resolve)
    except TimeoutError:
        raise PieceError(
            Reason.TOO_SLOW,
            f"the download took longer than {rules.timeout_s:g} seconds",
            limit=rules.timeout_s,
        ) from None
    except aiohttp.ClientError as exc:
        log.info("fetching %s failed: %r", start.host, exc)
        raise PieceError(Reason.FETCH_FAILED, "the page could not be downloaded") from None


async def _follow(url: URL, rules: FetchRules, resolve: Resolve) -> Fetched:
    pinned = _PinnedResolver()
    connector = aiohttp.TCPConnector(resolver=pinned, use_dns_cache=False, force_close=True)
    async with aiohttp.ClientSession(
        connector=connector, trust_env=False, headers=_HEADERS
    ) as session:
        for _ in range(rules.max_redirects + 1):
            pinned.pinned[url.raw_host or ""] = await _checked_addresses(url, rules, resolve)
            async with session.get(url, allow_redirects=False) as response:
                if response.status in _REDIRECTS:
                    url = _redirect_target(url, response)
                    continue
                return await _read(url, response, rules)
    raise PieceError(
        Reason.TOO_MANY_REDIRECTS,
        f"the link redirects more than {rules.max_redirects} times",
        limit=rules.max_redirects,
    )


def _redirect_target(url: URL, response: aiohttp.ClientResponse) -> URL:
    location = response.headers.get("Location")
    if not location:
        raise PieceError(Reason.FETCH_FAILED, "the server redirected to nowhere")
    try:
        target = url.join(URL(location))
    except ValueError:
        raise PieceError(Reason.FETCH_FAILED, "the server redirected to an invalid URL") from None
    return parse_url(str(target))


async def _read(url: URL, response: aiohttp.ClientResponse, rules: FetchRules) -> Fetched:
    if response.status >= 400:
        raise PieceError(
            Reason.FETCH_FAILED, f"the server answered {response.status} {response.reason or ''}"
        )
    kind = media_type(response.headers.get("Content-Type"))
    if kind not in CONTENT_TYPES:
        raise PieceError(
            Reason.CONTENT_TYPE,
            f"the link serves {kind or 'an unnamed type'}; only HTML, plain text, Markdown "
            "and PDF can be read",
        )
    too_large = PieceError(
        Reason.TOO_LARGE,
        f"the document is larger than the limit of {rules.max_bytes:,} bytes",
        limit=rules.max_bytes,
    )
    if (response.content_length or 0) > rules.max_bytes:
        raise too_large
    body = bytearray()
    async for chunk in response.content.iter_chunked(_CHUNK):
        body += chunk
        if len(body) > rules.max_bytes:  # decompressed bytes: a gzip bomb stops here too
            raise too_large
    return Fetched(str(url), kind, bytes(body))
