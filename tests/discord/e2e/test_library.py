"""End to end, the library of pieces: files attached in a server and in DMs (served by the fake
Discord's own CDN and downloaded by the bot), questions about each with every citation checked
against its piece, /piece use and the piece option, and what another server, another user and
a member without Manage Server can never see or do."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.core.answer import Answer
from bot.core.article import Article
from bot.discord.bot import create_bot
from bot.discord.i18n import t
from bot.engines.offline.engine import OfflineEngine
from bot.library.scope import ID_CHARS, Reader
from bot.library.service import Library
from bot.library.store import Piece
from bot.settings import Settings
from bot.storage.pieces import SqlitePieceStore
from tests.discord.e2e.helpers import EPHEMERAL, assert_clean, custom_ids, text_of
from tests.discord.engines import Wrapped
from tests.fakes.discord_api import FakeDiscord, InteractionRecord
from tests.fakes.discord_api import payloads as p
from tests.fakes.discord_api.harness import DONE_S, Session, fake_discord, settings_for, started
from tests.library.documents import DOCUMENTS, EN_PARAGRAPHS, JA_PARAGRAPHS, MARKDOWN, make_pdf
from tests.library.http_server import http_server

LOADING = 1 << 7
PIECE_ID = re.compile(rf"`([a-z2-7]{{{ID_CHARS}}})`")
# A member who may read and write, but not manage the server.
MEMBER = str(discord.Permissions(view_channel=True, send_messages=True).value)


@dataclass(frozen=True)
class Document:
    filename: str
    data: bytes
    content_type: str
    question: str  # answered by the document


DOCUMENTS_BY_FORMAT = {
    "text": Document(
        "toshokan.txt",
        "\n".join(JA_PARAGRAPHS).encode(),
        "text/plain; charset=utf-8",
        "図書館は閉館時刻を何時まで延ばしましたか？",
    ),
    "markdown": Document(
        "spot-builds.md",
        MARKDOWN.encode(),
        "text/markdown; charset=utf-8",
        "改行をまたぐ段落について教えてください。",  # the Japanese paragraph makes it a ja piece
    ),
    "html": Document(
        "news-ja.html",
        (DOCUMENTS / "news-ja.html").read_bytes(),
        "text/html; charset=utf-8",
        "夜間の来館者は一日平均何人ですか？",
    ),
    "pdf": Document(
        "spot-instances.pdf",
        make_pdf(EN_PARAGRAPHS, title="Spot instances for nightly builds", japanese=False),
        "application/pdf",
        "What are spot instances?",
    ),
}


class Recorded(Wrapped):
    """The offline engine, keeping every answer it gives with the piece it is about."""

    def __init__(self, inner: OfflineEngine, answers: list[tuple[Article, Answer]]) -> None:
        super().__init__(inner)
        self.answers = answers

    def _keep(self, answer: Answer) -> Answer:
        self.answers.append((self.article, answer))
        return answer

    async def summary(self, *args: Any, **kw: Any) -> Answer:
        return self._keep(await self.inner.summary(*args, **kw))

    async def factors(self, *args: Any, **kw: Any) -> Answer:
        return self._keep(await self.inner.factors(*args, **kw))

    async def factor(self, *args: Any, **kw: Any) -> Answer:
        return self._keep(await self.inner.factor(*args, **kw))

    async def quotes(self, *args: Any, **kw: Any) -> Answer:
        return self._keep(await self.inner.quotes(*args, **kw))

    async def ask(self, *args: Any, **kw: Any) -> Answer:  # ask_stream comes here too
        return self._keep(await self.inner.ask(*args, **kw))


@dataclass
class LibraryE2E:
    """A running bot whose engines record their answers, and the people using it."""

    e2e: Session
    answers: list[tuple[Article, Answer]]
    admin: dict[str, Any]  # holds Manage Server in both servers
    member: dict[str, Any]  # a member of the first server, without Manage Server
    alice: dict[str, Any]  # brings personal pieces
    bob: dict[str, Any]  # another user

    @property
    def library(self) -> Library:
        return self.e2e.bot.library

    async def piece(self, piece_id: str) -> Piece:
        found = await self.library.store.get(piece_id)  # the store: no scope, for checking
        assert found is not None, piece_id
        return found

    async def reply(self, payload: Mapping[str, Any]) -> tuple[InteractionRecord, list[dict]]:
        """Dispatch an interaction; what the user sees once it has settled (answer or error)."""
        record = await self.e2e.run(payload, done=False)

        def settled() -> list[dict] | None:
            shown = self.e2e.final(record)
            if not shown or any(m["flags"] & LOADING for m in shown):
                return None
            return shown

        return record, await self.e2e.fake.wait_for(settled, DONE_S, "a settled reply")

    async def add(
        self, user: dict[str, Any], doc: Document, *, where: str = "guild", guild: int = 0,
        permissions: str = p.ALL_PERMISSIONS, **options: object,
    ) -> tuple[list[dict], str | None]:
        """`/piece add file:` with `doc` on the CDN: what the user saw, and the new piece id."""
        channel = int(self.e2e.where(where, user, guild)["channel"]["id"])
        file = self.e2e.fake.attachment(channel, doc.filename, doc.data, doc.content_type)
        payload = self.e2e.slash(
            "piece", {"file": file, **options}, subcommand="add", where=where, user=user,
            guild=guild, permissions=permissions,
        )
        _, shown = await self.reply(payload)
        found = PIECE_ID.search(text_of(shown))
        return shown, found[1] if found else None

    def check_answer_about(self, piece: Piece) -> Answer:
        """The last answer given: it is about `piece`, and every citation is in its text."""
        article, answer = self.answers[-1]
        assert article.sha256 == piece.sha256, (article.meta.title, piece.title)
        cited = [*answer.citations, *(c for item in answer.items for c in item.citations)]
        assert cited, answer.text
        for citation in cited:
            assert article.text[citation.start : citation.end] == citation.quote
        return answer


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with fake_discord(guilds=2) as server:
        yield server


def library_settings(tmp_path: Path, fake: FakeDiscord, **kw: object) -> Settings:
    # Many commands from few people: the limits of a busy day are not what is tested here.
    return settings_for(tmp_path, fake, rate_limit_count=100, piece_add_rate_count=50, **kw)


@pytest.fixture
async def lib(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[LibraryE2E]:
    settings = library_settings(tmp_path, fake)
    answers: list[tuple[Article, Answer]] = []

    def build(article: Article) -> Recorded:
        return Recorded(OfflineEngine(article), answers)

    library = Library(SqlitePieceStore(settings.db_path), settings=settings, build=build)
    bot = create_bot(settings, library=library)
    async with started(fake, settings, bot=bot) as e2e:
        yield LibraryE2E(e2e, answers, e2e.user(), e2e.user(), e2e.user(), e2e.user())


@pytest.mark.parametrize("kind", list(DOCUMENTS_BY_FORMAT))
async def test_a_piece_of_each_format_is_read_in_a_server_and_as_a_personal_piece(
    lib: LibraryE2E, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    doc = DOCUMENTS_BY_FORMAT[kind]
    e2e = lib.e2e
    # In a server: an admin adds it; the confirmation names title, size, paragraphs and id.
    shown, server_id = await lib.add(lib.admin, doc, title=f"{kind} piece")
    assert server_id is not None, text_of(shown)
    server = await lib.piece(server_id)
    assert server.format == kind and server.title == f"{kind} piece"
    said = text_of(shown)
    assert server.title in said and f"{server.paragraphs}" in said
    assert not any(m["flags"] & EPHEMERAL for m in shown)  # a server's new piece is news to all
    assert e2e.fake.cdn_requests  # downloaded from the fake's CDN by the bot itself
    # A member asks about it by the piece option; the answer names it and cites it.
    _, answer = await lib.reply(
        e2e.slash("ask", {"question": doc.question, "piece": server_id}, user=lib.member)
    )
    assert answer[0]["embeds"][0]["title"] == server.title
    assert "[¶" in text_of(answer)
    lib.check_answer_about(server)

    # In a DM: the file, sent as an attachment, becomes the sender's current piece.
    user, channel_id = lib.alice, e2e.fake.dm_channel_for(lib.alice)
    file = e2e.fake.attachment(channel_id, doc.filename, doc.data, doc.content_type)
    await e2e.fake.dispatch_message(p.message(channel_id, user, "", attachments=[file]))
    confirmation = await e2e.fake.wait_for_message(
        lambda m: m.channel_id == channel_id and bool(PIECE_ID.search(m.body.get("content") or "")),
        DONE_S,
        "the DM confirmation",
    )
    personal = await lib.piece(PIECE_ID.search(confirmation.body["content"])[1])  # type: ignore[index]
    assert personal.owner == int(user["id"]) and personal.id != server_id
    # No text: said in the language of the piece read until now (the default, Japanese).
    assert t("piece.now_yours", "ja") in confirmation.body["content"]
    await e2e.fake.dispatch_message(p.message(channel_id, user, doc.question))
    dm_answer = await e2e.fake.wait_for_message(
        lambda m: m.channel_id == channel_id and bool(m.body.get("embeds")), DONE_S, "DM answer"
    )
    assert dm_answer.body["embeds"][0]["title"] == personal.title
    lib.check_answer_about(personal)
    # … and the reading commands take it by the piece option too.
    _, summary = await lib.reply(
        e2e.slash("summary", {"piece": personal.id}, where="dm", user=user)
    )
    assert summary[0]["embeds"][0]["title"] == personal.title
    lib.check_answer_about(personal)
    assert_clean(e2e.fake, caplog)


async def test_piece_use_sets_the_channels_piece_and_the_option_reads_another(
    lib: LibraryE2E, caplog: pytest.LogCaptureFixture
) -> None:
    e2e = lib.e2e
    default = await lib.piece(lib.library.default_id or "")
    _, added = await lib.add(lib.admin, DOCUMENTS_BY_FORMAT["html"])
    assert added is not None
    piece = await lib.piece(added)
    _, before = await lib.reply(e2e.slash("summary", {}, user=lib.member))
    assert before[0]["embeds"][0]["title"] == default.title  # the default, until chosen

    use = e2e.slash("piece", {"piece": added}, subcommand="use", user=lib.member)
    _, used = await lib.reply(use)
    assert t("piece.use.channel", "en", title=piece.title, id=added) in text_of(used)
    assert not used[0]["flags"] & EPHEMERAL  # the channel's piece changed for everyone
    _, after = await lib.reply(e2e.slash("summary", {}, user=lib.bob))
    assert after[0]["embeds"][0]["title"] == piece.title
    lib.check_answer_about(piece)
    _, other = await lib.reply(e2e.slash("summary", {"piece": default.id}, user=lib.bob))
    assert other[0]["embeds"][0]["title"] == default.title
    lib.check_answer_about(default)
    # The other server's channel still reads the default piece.
    _, elsewhere = await lib.reply(e2e.slash("summary", {}, user=lib.bob, guild=1))
    assert elsewhere[0]["embeds"][0]["title"] == default.title

    # In a DM, /piece use is the reader's own choice, said privately.
    _, mine = await lib.reply(
        e2e.slash("piece", {"piece": default.id}, subcommand="use", where="dm", user=lib.alice)
    )
    assert all(m["flags"] & EPHEMERAL for m in mine)
    assert default.title in text_of(mine)
    assert_clean(e2e.fake, caplog)


async def autocomplete_ids(lib: LibraryE2E, user: dict[str, Any], **where: Any) -> set[str]:
    """The piece ids offered while `user` types into /ask's piece option."""
    payload = p.autocomplete(
        "ask",
        {"question": "x", "piece": ""},
        "piece",
        application_id=lib.e2e.fake.application_id,
        user=user,
        **lib.e2e.where(where.pop("where", "guild"), user, where.pop("guild", 0)),
    )
    record = await lib.e2e.run(payload, done=False)
    assert record.callback_type == 8
    choices = p.iter_choices(record.callback.body)
    assert all(len(c["name"]) <= 100 for c in choices)
    return {c["value"] for c in choices}


async def listed(lib: LibraryE2E, user: dict[str, Any], **where: Any) -> str:
    _, shown = await lib.reply(lib.e2e.slash("piece", {}, subcommand="list", user=user, **where))
    assert all(m["flags"] & EPHEMERAL for m in shown)  # it may show personal pieces
    return text_of(shown)


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


async def test_a_dm_attachment_becomes_the_current_piece_and_its_conversation(
    lib: LibraryE2E, caplog: pytest.LogCaptureFixture
) -> None:
    e2e = lib.e2e
    user, channel_id = lib.alice, e2e.fake.dm_channel_for(lib.alice)
    doc = DOCUMENTS_BY_FORMAT["markdown"]
    file = e2e.fake.attachment(channel_id, doc.filename, doc.data, doc.content_type)
    # The question in the same message is answered about the file it came with.
    await e2e.fake.dispatch_message(p.message(channel_id, user, doc.question, attachments=[file]))
    answer = await e2e.fake.wait_for_message(
        lambda m: m.channel_id == channel_id and bool(m.body.get("embeds")), DONE_S, "answer"
    )
    [confirmation] = [m for m in e2e.fake.outgoing if m.channel_id == channel_id][:1]
    piece = await lib.piece(PIECE_ID.search(confirmation.body["content"])[1])  # type: ignore[index]
    assert answer.body["embeds"][0]["title"] == piece.title
    lib.check_answer_about(piece)
    assert f"`{piece.id}` **{piece.title}**" in (text := await listed(lib, user, where="dm"))
    assert t("piece.list.current", "en") in text.split(piece.id, 1)[1].splitlines()[0]
    store, uid = e2e.bot.store, int(user["id"])
    assert [turn.question for turn in await store.history(uid, piece.id)] == [doc.question]

    # Removing the piece removes the conversation about it.
    _, shown = await lib.reply(
        e2e.slash("piece", {"piece": piece.id}, subcommand="remove", where="dm", user=user)
    )
    assert f"`{piece.id}`" in text_of(shown)
    assert await store.history(uid, piece.id) == [] and await store.count(uid) == 0

    # A file that is not a document gets one private reply naming the reason.
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    file = e2e.fake.attachment(channel_id, "photo.png", png, "image/png")
    await e2e.fake.dispatch_message(p.message(channel_id, user, "", attachments=[file]))
    refusal = await e2e.fake.wait_for_message(
        lambda m: m.channel_id == channel_id and t("piece.error.unsupported", "ja") in (
            m.body.get("content") or ""
        ),
        DONE_S,
        "the refusal",
    )
    assert refusal.kind == "channel"
    assert_clean(e2e.fake, caplog)


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
