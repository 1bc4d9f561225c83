"""The world of the library's end-to-end tests: documents of each format, a bot whose engines
record their answers, and the people using it (an admin, a member, Alice, Bob)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord

from bot.core.answer import Answer
from bot.core.article import Article
from bot.engines.offline.engine import OfflineEngine
from bot.library.scope import ID_CHARS
from bot.library.service import Library
from bot.library.store import Piece
from bot.settings import Settings
from tests.discord.e2e.helpers import EPHEMERAL, text_of
from tests.discord.engines import Wrapped
from tests.fakes.discord_api import FakeDiscord, InteractionRecord
from tests.fakes.discord_api import payloads as p
from tests.fakes.discord_api.harness import DONE_S, Session, settings_for
from tests.library.documents import DOCUMENTS, EN_PARAGRAPHS, JA_PARAGRAPHS, MARKDOWN, make_pdf

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


def library_settings(tmp_path: Path, fake: FakeDiscord, **kw: object) -> Settings:
    # Many commands from few people: the limits of a busy day are not what is tested here.
    return settings_for(tmp_path, fake, rate_limit_count=100, piece_add_rate_count=50, **kw)


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
