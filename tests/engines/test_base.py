"""Request checks shared by all engines, and streaming for engines that cannot stream."""

from __future__ import annotations

import asyncio

import pytest

from bot.engines.base import (
    InvalidRequest,
    ReaderRequest,
    check_count,
    check_factor_number,
    check_length,
    check_question,
    check_topic,
    clean_text,
    current_request,
    reader_request,
)
from bot.engines.offline.engine import OfflineEngine


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  質問です  ", "質問です"),
        ("a\x00b\x1b[31mc", "ab[31mc"),
        ("line1\r\nline2", "line1\nline2"),
        ("\u202eevil\u200b", "evil"),
        ("**bold** `code` <@123> @everyone", "**bold** `code` <@123> @everyone"),
        ("北朝鮮\udcff", "北朝鮮"),  # an undecodable byte from argv or stdin (surrogateescape)
        ("\ud800核\udfff実験", "核実験"),
        ("葛\U000e0100城\ufe0f", "葛城"),  # variation selectors
        ("tab\tand\nline", "tab\tand\nline"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    "invisible",
    [
        "\ufeff",  # byte order mark
        "\u2060",  # word joiner
        "\u00ad",  # soft hyphen
        "\u3164",  # Hangul filler (a letter by category, but shows nothing)
        "\u115f\u1160\uffa0",  # the other Hangul fillers
        "\u200b\u200c\u200d",  # zero-width space, non-joiner, joiner
        "\ufe0f\ufe00\U000e01ef",  # variation selectors
        "\u034f\u180e\u2061\U000e0041",  # grapheme joiner, Mongolian separator, tags
        "\ufeff \u3000\u2060\n\u00ad",
        "\udcff\udcfe",
    ],
)
def test_a_question_of_invisible_characters_is_empty(invisible: str) -> None:
    with pytest.raises(InvalidRequest, match="empty"):
        check_question(invisible)
    assert check_topic(invisible) is None


def test_check_question_limits() -> None:
    assert check_question("x" * 1000) == "x" * 1000
    with pytest.raises(InvalidRequest, match="1,001 characters; the limit is 1,000"):
        check_question("x" * 1001)
    with pytest.raises(InvalidRequest, match="empty"):
        check_question("\x00\x01 \n")
    with pytest.raises(InvalidRequest, match="limit is 500"):
        check_question("x" * 501, limit=500)


def test_other_checks() -> None:
    assert check_topic(None) is None and check_topic("  ") is None
    assert check_topic(" 制裁 ") == "制裁"
    with pytest.raises(InvalidRequest):
        check_topic("x" * 201)
    assert check_count(10) == 10
    for bad in (0, 11, True):
        with pytest.raises(InvalidRequest):
            check_count(bad)  # type: ignore[arg-type]
    assert check_length("short") == "short"
    with pytest.raises(InvalidRequest, match="short, medium, long"):
        check_length("tiny")
    assert check_factor_number(2, 3) == 2
    with pytest.raises(InvalidRequest, match="names no factors"):
        check_factor_number(1, 0)


async def test_default_ask_stream_yields_the_whole_answer_once(engine: OfflineEngine) -> None:
    events = [e async for e in engine.ask_stream("北朝鮮の核実験は何年？")]
    assert len(events) == 1
    final = events[0].final
    assert final is not None and final.grounded and events[0].text == final.text


async def test_a_reader_request_holds_in_its_block_its_tasks_and_threads() -> None:
    assert current_request() == ReaderRequest()
    with reader_request(within_s=5.0, private=True) as request:
        assert current_request() is request and request.private
        assert request.deadline == pytest.approx(asyncio.get_running_loop().time() + 5.0, abs=1)
        assert await asyncio.create_task(_current()) is request
        assert await asyncio.to_thread(current_request) is request
    assert current_request() == ReaderRequest()


async def _current() -> ReaderRequest:
    return current_request()
