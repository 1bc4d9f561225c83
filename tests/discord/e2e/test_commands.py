"""End to end, slash commands: every command in every context, answered within the rules."""

from __future__ import annotations

import asyncio
import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from bot.core.answer import Answer, Citation
from bot.core.article import Article
from bot.core.keyterms import key_terms
from bot.discord.bot import create_bot
from bot.discord.i18n import language_of, t
from bot.engines.offline.engine import OfflineEngine
from bot.settings import REPO_ROOT
from tests.discord.e2e.helpers import EPHEMERAL, assert_clean, custom_ids, eventually, text_of
from tests.discord.engines import Wrapped
from tests.discord.helpers import library_with
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.discord_api import payloads as p
from tests.fakes.discord_api.harness import DONE_S, QUESTION, Session, settings_for, started

COMMANDS = ("summary", "factors", "factor", "quote", "ask", "about", "help", "forget")


def expected_framing(name: str, lang: str) -> str:
    """The localised framing text each command's reply must show (see the options below)."""
    return {
        "summary": t("heading.summary", lang, length=t("choice.short", lang)),
        "factors": t("heading.factors", lang),
        "factor": t("heading.factor", lang, number=1),
        "quote": t("heading.quotes", lang),
        "ask": t("heading.question", lang, question=QUESTION),
        "about": t("about.title", lang),
        "help": t("help.title", lang),
        "forget": t("forget.none", lang),
    }[name]


OPTIONS: dict[str, dict[str, object]] = {
    "summary": {"length": "short"},
    "factors": {},
    "factor": {"number": 1},
    "quote": {"count": 2},
    "ask": {"question": QUESTION},
    "about": {},
    "help": {},
    "forget": {},
}


@pytest.mark.parametrize(
    ("where", "locale"),
    [
        ("guild", "en-US"),
        ("guild", "ja"),
        ("server-user-install", "en-US"),
        ("dm", "ja"),
        ("dm", "en-US"),
        ("group", "ja"),
    ],
)
async def test_every_command_answers_in_time_in_every_context(
    e2e: Session, caplog: pytest.LogCaptureFixture, where: str, locale: str
) -> None:
    lang = language_of(locale)
    assert set(OPTIONS) == set(COMMANDS)
    assert {c.name for c in e2e.bot.tree.get_commands()} == {*COMMANDS, "piece"}  # see library/
    meta = (await e2e.article()).meta
    for name in COMMANDS:
        record = await e2e.run(e2e.slash(name, OPTIONS[name], where=where, locale=locale))
        assert record.callback_type in {4, 5}, name
        shown = e2e.final(record)
        assert shown, f"/{name} showed nothing"
        assert all(m["channel_id"] == str(record.channel_id) for m in shown)
        assert not any(m["flags"] & 128 for m in shown), f"/{name} left 'thinking…' showing"
        text = text_of(shown)
        assert expected_framing(name, lang) in text, (name, text[:300])
        if name in {"summary", "factors", "factor", "quote", "ask"}:
            first, last = shown[0]["embeds"][0], shown[-1]["embeds"][-1]
            assert first["title"].startswith(meta.title[:20])
            if meta.author:
                assert meta.author in first["author"]["name"]
            assert "offline" in last["footer"]["text"]
    assert_clean(e2e.fake, caplog)


OTHER_PIECES = sorted((REPO_ROOT / "tests" / "data").glob("*.txt")) + sorted(
    (REPO_ROOT.parent / "shared" / "pieces").glob("*.txt")
)


@pytest.mark.parametrize("piece", OTHER_PIECES, ids=lambda path: path.stem)
async def test_other_pieces_are_answered_within_discord_limits(
    fake: FakeDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture, piece: Path
) -> None:
    settings = settings_for(tmp_path, fake, article_path=piece)
    async with started(fake, settings) as e2e:
        article = await e2e.article()
        opening = article.paragraphs[0].text[:20]
        assert opening in piece.read_text(encoding="utf-8")  # the bot reads this piece
        for name, options in [
            ("summary", {"length": "long"}),
            ("factors", {}),
            ("factor", {"number": 1}),
            ("quote", {"count": 10}),
            ("ask", {"question": article.paragraphs[0].text[:80]}),
            ("about", {}),
        ]:
            record = await e2e.run(e2e.slash(name, options, locale="ja"))
            assert e2e.final(record), name
    assert fake.outgoing
    assert_clean(fake, caplog)


class VerboseEngine(Wrapped):
    """The offline engine, except that summaries and answers run to ~15,000 characters.

    Real engines answer briefly, so splitting long answers across embeds and messages is
    otherwise never exercised end to end. The text is the piece's own paragraphs, each
    cited in full, so every citation is genuine.
    """

    TARGET_CHARS = 15_000

    def _long(self, kind: str) -> Answer:
        parts: list[str] = []
        citations: list[Citation] = []
        size = 0
        for paragraph in itertools.cycle(self.article.paragraphs):
            if size >= self.TARGET_CHARS:
                break
            parts.append(f"{paragraph.text} [¶{paragraph.number}]")
            size += len(parts[-1]) + 1
            if len(citations) < len(self.article.paragraphs):
                citations.append(
                    Citation(paragraph.number, paragraph.text, paragraph.start, paragraph.end)
                )
        return Answer("\n".join(parts), tuple(citations), self.name, True, kind)

    async def summary(self, length: str = "medium", *, locale: str | None = None) -> Answer:
        return self._long("summary")

    async def ask(self, question: str, history: Any = (), *, locale: str | None = None) -> Answer:
        return self._long("ask")


@pytest.mark.parametrize("private", [False, True])
async def test_very_long_answers_are_split_within_the_limits(
    fake: FakeDiscord,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    article: Article,
    engine: OfflineEngine,
    private: bool,
) -> None:
    settings = settings_for(tmp_path, fake)
    bot = create_bot(settings, library=library_with(settings, VerboseEngine(engine)))
    async with started(fake, settings, bot=bot) as e2e:
        options = {"length": "long", "private": private}
        record = await e2e.run(e2e.slash("summary", options, locale="ja"))
        sent = e2e.fake.messages_for(record)
        assert sent[0].kind == "edit_original"
        assert len(sent) >= 2 and {m.kind for m in sent[1:]} == {"followup"}
        assert sum(len(m.body.get("embeds") or []) for m in sent) >= 4
        shown = e2e.final(record)
        assert all(bool(m["flags"] & EPHEMERAL) is private for m in shown)
        buttons = [custom_ids(m) for m in shown]
        assert buttons[-1] and not any(buttons[:-1])  # "Sources" rides on the last message
        # nothing is lost in the split: every paragraph's marker shows, in order
        markers = [int(n) for n in re.findall(r"\[¶(\d+)\]", text_of(shown))]
        expected = [p.number for p in article.paragraphs]
        assert markers[: len(expected)] == expected

        user, channel_id = e2e.dm_user()
        await e2e.fake.dispatch_message(p.message(channel_id, user, QUESTION))
        await e2e.fake.wait_for(
            lambda: sum(
                len(m.body.get("embeds") or [])
                for m in e2e.fake.outgoing
                if m.channel_id == channel_id
            )
            >= 4,
            DONE_S,
            "a long DM answer",
        )
        default = e2e.bot.library.default_id or ""
        assert await eventually(lambda: e2e.bot.store.history(int(user["id"]), default), bool)
        dm = [m for m in e2e.fake.outgoing if m.channel_id == channel_id]
        assert len(dm) >= 2 and all(m.kind == "channel" for m in dm)
    assert_clean(fake, caplog)


async def test_private_option_keeps_the_whole_answer_ephemeral(
    e2e: Session, caplog: pytest.LogCaptureFixture
) -> None:
    record = await e2e.run(e2e.slash("summary", {"length": "long", "private": True}))
    assert record.callback_type == 5
    assert record.callback.body["data"]["flags"] & EPHEMERAL
    shown = e2e.final(record)
    assert shown and all(m["flags"] & EPHEMERAL for m in shown)
    public = await e2e.run(e2e.slash("summary", {"length": "long"}))
    assert not any(m["flags"] & EPHEMERAL for m in e2e.final(public))
    assert_clean(e2e.fake, caplog)


async def test_autocomplete_for_factor_and_quote(
    e2e: Session, caplog: pytest.LogCaptureFixture
) -> None:
    def complete(name: str, option: str, typed: str, **other: object) -> dict[str, Any]:
        user = e2e.user()
        return p.autocomplete(
            name,
            {**other, option: typed},
            option,
            application_id=e2e.fake.application_id,
            user=user,
            types={option: p.OPTION_INTEGER if name == "factor" else p.OPTION_STRING},
            **e2e.where("guild", user),
        )

    async def choices(payload: dict[str, Any]) -> list[dict[str, Any]]:
        record = await e2e.run(payload, done=False)
        assert record.callback_type == 8
        found = p.iter_choices(record.callback.body)
        assert len(found) <= 25
        return found

    factors = await choices(complete("factor", "number", ""))
    assert factors, "no factor offered"
    assert [c["value"] for c in factors] == list(range(1, len(factors) + 1))
    assert all(c["name"].startswith(f"{c['value']}.") for c in factors)
    first = await choices(complete("factor", "number", "1"))
    assert first and all(str(c["value"]).startswith("1") for c in first)

    topics = await choices(complete("quote", "topic", "", count=3))
    terms = key_terms(await e2e.article())
    assert topics and all(c["value"] in terms for c in topics)
    typed = terms[0][:1]
    narrowed = await choices(complete("quote", "topic", typed))
    assert narrowed and all(typed.casefold() in c["value"].casefold() for c in narrowed)
    assert_clean(e2e.fake, caplog)


async def test_sources_button_shows_the_passages_privately(
    e2e: Session, caplog: pytest.LogCaptureFixture
) -> None:
    record = await e2e.run(e2e.slash("quote", {"count": 3}, locale="ja"))
    (message, *_) = e2e.final(record)
    (custom_id,) = custom_ids(message)
    cited = [int(n) for n in re.findall(r"\[¶(\d+)\]", text_of([message]))]
    assert cited
    user = e2e.user()
    click = p.button_click(
        message,
        custom_id,
        application_id=e2e.fake.application_id,
        user=user,
        locale="ja",
        **e2e.where("guild", user),
    )
    clicked = await e2e.run(click, done=False)
    assert clicked.callback_type == 5  # deferred: a piece not in memory is read first
    assert clicked.callback.body["data"]["flags"] & EPHEMERAL
    shown = await e2e.fake.wait_for(
        lambda: text_of(e2e.final(clicked)) if e2e.final(clicked)[0]["embeds"] else None,
        DONE_S,
        "the sources",
    )
    article = await e2e.article()
    for n in set(cited):
        assert article.paragraph(n).text[:40] in shown
    assert_clean(e2e.fake, caplog)


async def test_rate_limited_user_gets_a_polite_private_note(
    fake: FakeDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(tmp_path, fake, rate_limit_count=2)
    async with started(fake, settings) as e2e:
        user = e2e.user()
        for _ in range(2):
            await e2e.run(e2e.slash("ask", {"question": QUESTION}, user=user))
        refused = await e2e.run(e2e.slash("ask", {"question": QUESTION}, user=user), done=False)
        assert refused.callback_type == 4
        data = refused.callback.body["data"]
        assert data["flags"] & EPHEMERAL
        assert re.fullmatch(
            re.escape(t("rate_limited", "en", seconds="@")).replace("@", r"\d+"),
            data["content"],
        )
        other = await e2e.run(e2e.slash("ask", {"question": QUESTION}))
        assert other.callback_type == 5  # other users are not affected
    assert_clean(fake, caplog)


async def test_no_command_sync_on_an_ordinary_boot(
    e2e: Session, caplog: pytest.LogCaptureFixture
) -> None:
    await e2e.run(e2e.slash("about"))
    assert not [r for r in e2e.fake.requests if "/commands" in r.path]
    assert_clean(e2e.fake, caplog)


async def test_dev_guild_gets_the_commands_at_start_and_nothing_is_global(
    fake: FakeDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    guild = fake.guilds[0][0]
    settings = settings_for(tmp_path, fake, dev_guild_id=guild)
    async with started(fake, settings) as e2e:
        await e2e.run(e2e.slash("help"))
    puts = [r for r in fake.requests if r.method == "PUT"]
    expected = f"/applications/{fake.application_id}/guilds/{guild}/commands"
    assert [r.path for r in puts] == [expected]
    assert None not in fake.commands
    synced = {c["name"]: c for c in puts[0].body}
    assert set(synced) == {*COMMANDS, "piece"}
    for command in synced.values():
        assert sorted(command["contexts"]) == [0, 1, 2]
        assert sorted(command["integration_types"]) == [0, 1]
        assert command["description_localizations"].get("ja")
    assert_clean(fake, caplog)


async def test_a_database_slower_than_discords_window_still_gets_its_acknowledgement(
    e2e: Session, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A look-up stuck behind another process's write lock takes seconds: the command is
    acknowledged within the 3 s anyway (privately: the piece could be a personal one) and
    answered once the look-up is done."""
    resolve = e2e.bot.library.resolve
    waits = [3.2]  # SQLite's busy timeout is 3 s; the look-ups after this one are quick

    async def stuck(*args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(waits.pop() if waits else 0)
        return await resolve(*args, **kwargs)

    monkeypatch.setattr(e2e.bot.library, "resolve", stuck)
    record = await e2e.run(e2e.slash("summary", OPTIONS["summary"]))  # acknowledged in time
    assert record.callback_type == 5 and record.callback.body["data"]["flags"] & EPHEMERAL
    assert "[¶" in text_of(e2e.final(record))
    assert_clean(e2e.fake, caplog)
