"""How pieces are shown: sizes, choice names within Discord's limits, the list, confirmations."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.discord import limits as lim
from bot.discord.i18n import t
from bot.discord.listing import added_text, choice_name, human_size, list_replies
from bot.library.service import Added
from bot.library.store import Piece, Scope
from tests.discord.helpers import message_problems

PIECE = Piece(
    "abcdefgh", Scope.SERVER, 1, "町の図書館が夜まで開く理由", "html", None, "0" * 64, 12_345, 9,
    None, 0.0,
)


@pytest.mark.parametrize(
    ("size", "shown"),
    [(820, "820 B"), (12_345, "12.3 KB"), (2 * 1024 * 1024, "2.1 MB"), (10**7, "10 MB")],
)
def test_sizes_read_as_a_person_would(size: int, shown: str) -> None:
    assert human_size(size) == shown


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_choice_keeps_the_id_whatever_the_title(lang: str) -> None:
    long = replace(PIECE, title="長い題名" * 100)
    for piece in (PIECE, long):
        name = choice_name(piece, lang)
        assert len(name) <= lim.CHOICE_NAME_CHARS and name.endswith(f" · {piece.id}")
        assert t("scope.server", lang) in name


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_list_marks_current_and_default_and_fits_however_long(lang: str) -> None:
    pieces = [replace(PIECE, id=f"abcd{n:04d}", title=f"題名 {n} " * 30) for n in range(120)]
    replies = list_replies(pieces, "abcd0003", "abcd0000", lang)
    for reply in replies:
        assert message_problems(reply.send_kwargs()) == []
    lines = [
        line for r in replies for e in r.embeds for line in (e.description or "").splitlines()
    ]
    assert len(lines) == 120
    assert t("piece.list.default", lang) in lines[0] and t("piece.list.current", lang) in lines[3]
    assert replies[0].embeds[0].title == t("piece.list.title", lang)


def test_an_empty_list_says_how_to_add_one() -> None:
    [reply] = list_replies([], None, None, "en")
    assert reply.content == t("piece.list.none", "en")


@pytest.mark.parametrize("created", [True, False])
def test_an_addition_names_title_scope_size_paragraphs_and_id(created: bool) -> None:
    text = added_text(Added(PIECE, created), "en")
    for part in (PIECE.title, "this server's", "12.3 KB", "9 paragraphs", "`abcdefgh`"):
        assert part in text
    assert text.startswith("Added" if created else "Already here")
