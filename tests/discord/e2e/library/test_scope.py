"""End to end, who sees and changes the library's pieces: what another server, another user
and a member without Manage Server can never see or do (lists, autocomplete, answers, Sources
buttons, /piece use, add and remove)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.discord.i18n import t
from tests.discord.e2e.helpers import EPHEMERAL, assert_clean, custom_ids, text_of
from tests.discord.e2e.library.helpers import (
    DOCUMENTS_BY_FORMAT,
    MEMBER,
    Document,
    LibraryE2E,
    autocomplete_ids,
    listed,
)
from tests.fakes.discord_api import payloads as p


async def test_another_server_and_another_user_never_see_a_piece(
    lib: LibraryE2E, caplog: pytest.LogCaptureFixture
) -> None:
    e2e = lib.e2e
    _, server_id = await lib.add(lib.admin, DOCUMENTS_BY_FORMAT["pdf"])
    _, personal_id = await lib.add(lib.alice, DOCUMENTS_BY_FORMAT["markdown"], where="dm")
    assert server_id and personal_id
    server, personal = await lib.piece(server_id), await lib.piece(personal_id)
    default = lib.library.default_id or ""
    # An answer about each, with its Sources button, for the others to press.
    _, about_server = await lib.reply(
        e2e.slash("ask", {"question": "What are spot instances?", "piece": server_id})
    )
    _, about_personal = await lib.reply(
        e2e.slash("summary", {"piece": personal_id}, where="dm", user=lib.alice)
    )
    assert about_personal[0]["embeds"][0]["title"] == personal.title

    # Who sees what: the list and the autocomplete.
    assert {server_id, personal_id, default} <= await autocomplete_ids(lib, lib.alice)
    assert server_id in await listed(lib, lib.bob)  # Bob in the first server: its pieces …
    assert personal_id not in await listed(lib, lib.bob)  # … but not Alice's
    outsiders = [(lib.bob, {"guild": 1}), (lib.alice, {"guild": 1}), (lib.bob, {"where": "dm"})]
    for who, where in outsiders:
        seen = await autocomplete_ids(lib, who, **where)
        assert default in seen and server_id not in seen
        assert (personal_id in seen) == (who is lib.alice)  # hers, wherever she is
        text = await listed(lib, who, **where)
        assert server.title not in text and server_id not in text
    assert personal_id not in await autocomplete_ids(lib, lib.bob)

    # Asking by id from outside: the same private answer as for a piece that does not exist.
    not_found = t("piece.error.not_found", "en")
    for payload in [
        e2e.slash("ask", {"question": "spot?", "piece": server_id}, user=lib.bob, guild=1),
        e2e.slash("summary", {"piece": personal_id}, where="dm", user=lib.bob),
        e2e.slash("summary", {"piece": personal_id}, user=lib.bob),
        e2e.slash("piece", {"piece": server_id}, subcommand="use", user=lib.bob, guild=1),
    ]:
        _, shown = await lib.reply(payload)
        assert text_of(shown) == not_found and all(m["flags"] & EPHEMERAL for m in shown)

    # Sources buttons pressed by someone outside the piece's scope show nothing of it (a
    # forwarded or forged press), and show the passages to someone inside it.
    def press(message: dict, where: str, guild: int = 0) -> dict[str, Any]:
        [custom_id] = custom_ids(message)
        return p.button_click(
            message, custom_id, application_id=e2e.fake.application_id, user=lib.bob,
            **e2e.where(where, lib.bob, guild),
        )

    for outside in (press(about_server[-1], "guild", 1), press(about_personal[-1], "dm")):
        _, shown = await lib.reply(outside)
        assert text_of(shown) == not_found and not any(m["embeds"] for m in shown)
    _, shown = await lib.reply(press(about_server[-1], "guild"))
    assert shown[0]["embeds"] and all(m["flags"] & EPHEMERAL for m in shown)

    # A personal piece read in a server is answered to its owner only, saying why.
    _, private = await lib.reply(
        e2e.slash("summary", {"piece": personal_id}, user=lib.alice)
    )
    assert all(m["flags"] & EPHEMERAL for m in private)
    assert t("piece.private", "en", title=personal.title) in text_of(private)
    lib.check_answer_about(personal)
    assert_clean(e2e.fake, caplog)


async def test_only_a_member_with_manage_server_adds_or_removes_a_servers_pieces(
    lib: LibraryE2E, caplog: pytest.LogCaptureFixture
) -> None:
    e2e = lib.e2e
    needs = t("piece.error.needs_manage_server", "en")
    before = list(e2e.fake.cdn_requests)
    shown, refused = await lib.add(lib.member, DOCUMENTS_BY_FORMAT["text"], permissions=MEMBER)
    assert refused is None and text_of(shown) == needs
    assert all(m["flags"] & EPHEMERAL for m in shown)
    assert e2e.fake.cdn_requests == before  # refused before a byte was downloaded

    _, added = await lib.add(lib.admin, DOCUMENTS_BY_FORMAT["text"])
    assert added is not None
    remove = {"piece": added}
    _, shown = await lib.reply(
        e2e.slash("piece", remove, subcommand="remove", user=lib.member, permissions=MEMBER)
    )
    assert text_of(shown) == needs and all(m["flags"] & EPHEMERAL for m in shown)
    assert added in await listed(lib, lib.member, permissions=MEMBER)

    # Nor from a server where only they installed the app: there, pieces are their own.
    _, shown = await lib.reply(
        e2e.slash("piece", remove, subcommand="remove", user=lib.admin, where="server-user-install")
    )
    assert text_of(shown) == t("piece.error.not_found", "en")

    piece = await lib.piece(added)
    _, shown = await lib.reply(e2e.slash("piece", remove, subcommand="remove", user=lib.admin))
    assert text_of(shown) == t("piece.removed", "en", title=piece.title, id=added)
    assert all(m["flags"] & EPHEMERAL for m in shown)
    assert await lib.library.store.get(added) is None
    assert_clean(e2e.fake, caplog)


async def test_a_personal_piece_with_a_long_title_is_answered_privately_in_a_server(
    lib: LibraryE2E, caplog: pytest.LogCaptureFixture
) -> None:
    # A file's own title has no length limit; the "only to you" note quoted it whole, and
    # Discord refused a reply of over 2,000 characters.
    title = "Notes_on_*builds*_" * 120  # 2,160 characters, markdown to escape
    body = "Spot instances are spare capacity sold at a discount.\nThey can be taken back.\n"
    doc = Document("long.txt", f"---\ntitle: {title}\n---\n{body}".encode(),
                   "text/plain; charset=utf-8", "What are spot instances?")
    _, personal_id = await lib.add(lib.alice, doc, where="dm")
    assert personal_id
    _, private = await lib.reply(lib.e2e.slash("summary", {"piece": personal_id}, user=lib.alice))
    assert private and all(m["flags"] & EPHEMERAL for m in private)
    assert "Spot instances" in text_of(private)
    assert_clean(lib.e2e.fake, caplog)
