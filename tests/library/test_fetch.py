"""URL downloads against a local HTTP server: the address rule, redirects, size, time, types."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator

import pytest

from bot.library.errors import PieceError, Reason
from bot.library.fetch import FetchRules, fetch, is_public, parse_url
from tests.library.http_server import MB, Served, http_server

LOCAL = (ipaddress.ip_network("127.0.0.1/32"),)
# The address rule off, as PIECE_FETCH_ALLOW_PRIVATE=1 does: the server is on 127.0.0.1.
OPEN = FetchRules(allow_private=True, timeout_s=3.0)
# The rule on, with 127.0.0.1 standing in for a public server (and nothing else local).
GUARDED = FetchRules(allow_private=False, timeout_s=3.0, treat_as_public=LOCAL)


@pytest.fixture
async def server() -> AsyncIterator[Served]:
    async with http_server() as served:
        yield served


class FakeDNS:
    """A resolver with fixed answers per name, counting look-ups (no real DNS involved)."""

    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.lookups: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        replies = self.answers[host]
        return replies[min(len(self.lookups), len(replies)) - 1]


async def refused(url: str, rules: FetchRules, **kw: object) -> PieceError:
    with pytest.raises(PieceError) as caught:
        await fetch(url, rules, **kw)  # type: ignore[arg-type]
    return caught.value


async def test_pages_pdfs_and_text_download_with_their_type(server: Served) -> None:
    page = await fetch(server.url("/page.html"), OPEN)
    assert page.content_type == "text/html"
    assert b"nightly builds" in page.data
    assert (await fetch(server.url("/doc.pdf"), OPEN)).data.startswith(b"%PDF-")
    assert (await fetch(server.url("/notes"), OPEN)).content_type == "text/plain"


async def test_with_the_switch_off_127_0_0_1_is_refused_before_any_request(
    server: Served,
) -> None:
    error = await refused(server.url("/page.html"), FetchRules(allow_private=False))
    assert error.reason is Reason.BLOCKED_ADDRESS
    error = await refused(server.url("/page.html", host="localhost"), FetchRules())
    assert error.reason is Reason.BLOCKED_ADDRESS
    assert server.requests == []


async def test_a_redirect_to_a_private_address_is_refused(server: Served) -> None:
    dns = FakeDNS({"intranet.test": [["10.20.30.40"]]})
    for target in (f"http://127.0.0.2:{server.port}/page.html", "http://intranet.test/admin"):
        url = server.url(f"/redirect?to={target}")
        error = await refused(url, GUARDED, resolve=dns)
        assert error.reason is Reason.BLOCKED_ADDRESS
        assert "10.20" not in str(error)  # internal addresses are not told to the user
    assert [path for path, _ in server.requests] == ["/redirect", "/redirect"]
    assert dns.lookups == ["intranet.test"]  # checked, never connected to


async def test_every_address_of_a_name_must_be_public() -> None:
    dns = FakeDNS({"mixed.test": [["127.0.0.1", "192.168.1.5"]]})
    error = await refused("http://mixed.test/", GUARDED, resolve=dns)
    assert error.reason is Reason.BLOCKED_ADDRESS


async def test_the_connection_goes_to_the_checked_address_with_the_name_as_host(
    server: Served,
) -> None:
    # A rebinding DNS would answer differently the second time: there is no second time.
    dns = FakeDNS({"site.test": [["127.0.0.1"], ["10.0.0.1"]]})
    page = await fetch(f"http://site.test:{server.port}/page.html", GUARDED, resolve=dns)
    assert b"nightly builds" in page.data
    assert dns.lookups == ["site.test"]
    assert server.requests == [("/page.html", f"site.test:{server.port}")]


async def test_redirects_are_followed_and_bounded(server: Served) -> None:
    got = await fetch(server.url("/redirect?to=/notes"), OPEN)
    assert got.url == server.url("/notes")
    error = await refused(server.url("/loop"), OPEN)
    assert error.reason is Reason.TOO_MANY_REDIRECTS
    assert error.limit == OPEN.max_redirects
    error = await refused(server.url("/redirect?to=file:///etc/passwd"), OPEN)
    assert error.reason is Reason.BAD_URL


@pytest.mark.parametrize(
    ("path", "reason", "limit"),
    [
        ("/big", Reason.TOO_LARGE, 10 * MB),
        ("/declared-big", Reason.TOO_LARGE, 10 * MB),
        ("/image", Reason.CONTENT_TYPE, None),
        ("/missing", Reason.FETCH_FAILED, None),
    ],
)
async def test_oversize_wrong_types_and_errors_are_refused(
    server: Served, path: str, reason: Reason, limit: int | None
) -> None:
    error = await refused(server.url(path), OPEN)
    assert error.reason is reason
    assert error.limit == limit
    if limit:
        assert "10,000,000" in str(error)


@pytest.mark.parametrize("path", ["/slow?s=5", "/trickle"])
async def test_slow_responses_stop_at_the_time_limit(server: Served, path: str) -> None:
    error = await refused(server.url(path), FetchRules(allow_private=True, timeout_s=0.5))
    assert error.reason is Reason.TOO_SLOW
    assert error.limit == 0.5


@pytest.mark.parametrize(
    "raw",
    [
        "file:///etc/passwd",
        "ftp://example.com/a",
        "javascript:alert(1)",
        "example.com/page",
        "http://user:secret@example.com/",
        "http://xn--/",  # a host that is no valid punycode (it used to raise UnicodeError)
        "http://xn--zz.com/",
    ],
)
def test_only_plain_http_urls_are_accepted(raw: str) -> None:
    with pytest.raises(PieceError) as caught:
        parse_url(raw)
    assert caught.value.reason is Reason.BAD_URL


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped
        ("2002:7f00:1::", False),  # 6to4 around 127.0.0.1
        ("::ffff:8.8.8.8", True),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public
