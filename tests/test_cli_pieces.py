"""`python -m bot pieces …` and `--piece`, on a database in a temporary data folder."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import pytest

from bot.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, main
from bot.core.answer import Turn
from bot.engines.messages import message
from bot.settings import load_settings
from bot.storage.conversations import conversations_for
from tests.library.documents import DOCUMENTS, EN_PARAGRAPHS, make_pdf
from tests.storage.helpers import write_lock_held

USER = 1234


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PIECE_BOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PIECE_BOT_ENGINE", "offline")
    return tmp_path / "data"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main([*argv, "--json"]) == EXIT_OK
    return json.loads(capsys.readouterr().out)


def test_add_list_read_and_remove_a_bundled_piece(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "spot.pdf"
    pdf.write_bytes(make_pdf(EN_PARAGRAPHS, title="Spot builds", japanese=False))
    added = run_json(capsys, "pieces", "add", str(pdf), "--title", "Spot")
    piece = added["piece"]
    assert (added["created"], piece["title"], piece["scope"], piece["format"]) == (
        True,
        "Spot",
        "bundled",
        "pdf",
    )
    listed = run_json(capsys, "pieces", "list")
    assert piece["id"] in [p["id"] for p in listed["pieces"]]
    assert listed["default"] != piece["id"]  # the seed stays the default
    answer = run_json(capsys, "summary", "--piece", piece["id"])
    assert answer["citations"]
    about = run_json(capsys, "about", "--piece", piece["id"])
    assert about["title"] == "Spot" and about["engine"] == "offline"
    assert about["paragraphs"] >= len(EN_PARAGRAPHS) and about["grounding"]
    run_json(capsys, "pieces", "remove", piece["id"])
    assert main(["summary", "--piece", piece["id"]]) == EXIT_USAGE
    assert f"no piece {piece['id']!r}" in capsys.readouterr().err


def test_errors_are_one_line_with_exit_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pieces", "add", str(DOCUMENTS / "missing.html")]) == EXIT_USAGE
    assert "no such file" in capsys.readouterr().err
    assert main(["pieces", "add", "http://127.0.0.1:9/page"]) == EXIT_USAGE
    assert "public addresses" in capsys.readouterr().err
    seed = run_json(capsys, "pieces", "list")["default"]
    assert main(["pieces", "remove", seed]) == EXIT_USAGE
    assert "seeds/" in capsys.readouterr().err
    assert main(["summary", "--piece", seed, "--article", "x.txt"]) == EXIT_USAGE
    assert "not both" in capsys.readouterr().err


def test_a_library_that_cannot_be_opened_is_refused_not_kept_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The bot keeps a library it cannot open in memory, to stay up; a terminal command said
    # "added" of a piece that was gone when it exited.
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("PIECE_BOT_DATA_DIR", str(tmp_path / "file"))
    piece = str(DOCUMENTS / "blog-en.html")
    assert main(["pieces", "add", piece, "--json"]) == EXIT_ERROR
    out, err = capsys.readouterr()
    assert "cannot be opened" in json.loads(out)["error"] and "in memory" not in err
    for argv in (["pieces", "list"], ["summary", "--piece", "abc"]):
        assert main(argv) == EXIT_ERROR
        [line] = capsys.readouterr().err.splitlines()
        assert "cannot be opened" in line


def test_ids_no_piece_can_have_are_not_found_in_one_short_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # "\udcff" is what an undecodable byte of an argument becomes: it was a traceback.
    for argv in (["pieces", "remove", "\udcff"], ["about", "--piece", "\udcff"]):
        assert main([*argv, "--json"]) == EXIT_USAGE
        assert json.loads(capsys.readouterr().out)["error"] == "there is no piece '\\udcff' here"
    assert main(["pieces", "remove", "x" * 100_000]) == EXIT_USAGE
    [line] = capsys.readouterr().err.splitlines()
    assert len(line) < 100 and line.endswith("…' here")


def test_a_file_name_that_is_not_utf8_is_added_and_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad\udcffname.html"  # the file system's name holds the byte 0xff
    path.write_bytes((DOCUMENTS / "blog-en.html").read_bytes())
    added = run_json(capsys, "pieces", "add", str(path))
    assert added["created"] and added["piece"]["origin"] == "bad\ufffdname.html"
    about = run_json(capsys, "about", "--article", str(path))
    assert about["path"].endswith("bad\udcffname.html")  # JSON that reads back


def test_pieces_take_no_article(capsys: pytest.CaptureFixture[str]) -> None:
    # It would have become a bundled piece, and the default, for every later run.
    piece = str(DOCUMENTS / "blog-en.html")
    assert main(["pieces", "list", "--article", piece]) == EXIT_USAGE
    assert "pieces add" in capsys.readouterr().err
    assert len(run_json(capsys, "pieces", "list")["pieces"]) == 1  # seeds/' piece alone


def test_reading_commands_without_piece_do_not_touch_the_library(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", "--length", "short"]) == EXIT_OK
    assert not (data_dir / "piece-bot.sqlite3").exists()


@pytest.mark.parametrize(("lang", "argv"), [("ja", ["--locale", "ja", "--json"]), ("en", [])])
def test_a_locked_database_is_one_line_in_the_readers_language(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    lang: str,
    argv: list[str],
) -> None:
    # Another piece-bot process (the bot) holds the write lock past the busy timeout (3 s).
    text = tmp_path / "a.txt"
    text.write_text("一つ目の段落です。\n二つ目の段落です。\n", encoding="utf-8")
    piece = run_json(capsys, "pieces", "add", str(text))["piece"]["id"]
    with write_lock_held(data_dir / "piece-bot.sqlite3"):
        code = main(["pieces", "remove", piece, *argv])
    out, err = capsys.readouterr()
    busy = message("store_busy", lang)
    assert ("データベース" in busy) == (lang == "ja") and "try again" in message("store_busy", "en")
    assert code == EXIT_ERROR
    assert err == f"piece-bot: error: {busy}\n"  # one line, no traceback
    # …and no warning logged before it (the store used to log the lock, then raise it).
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert out == (json.dumps({"error": busy}, ensure_ascii=False) + "\n" if argv else "")
    assert piece in [p["id"] for p in run_json(capsys, "pieces", "list")["pieces"]]
    run_json(capsys, "pieces", "remove", piece)  # the lock gone, the same command works


async def _turns(piece: str) -> list[Turn]:
    store = conversations_for(load_settings())
    try:
        return await store.history(USER, piece)
    finally:
        await store.aclose()


async def _remember(piece: str) -> None:
    store = conversations_for(load_settings())
    try:
        await store.add(USER, piece, Turn("What does it say?", "It says so. [¶1]", (1,)))
    finally:
        await store.aclose()


def test_removing_a_piece_deletes_the_conversations_about_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A reader talked about the piece in DMs; the operator removes it from the terminal, then
    # adds the same text again: it gets the same id, and must start with no memory of them.
    text = tmp_path / "a.txt"
    text.write_text("一つ目の段落です。\n二つ目の段落です。\n", encoding="utf-8")
    piece = run_json(capsys, "pieces", "add", str(text))["piece"]["id"]
    other = run_json(capsys, "pieces", "list")["default"]
    asyncio.run(_remember(piece))
    asyncio.run(_remember(other))
    assert len(asyncio.run(_turns(piece))) == 1
    run_json(capsys, "pieces", "remove", piece)
    assert run_json(capsys, "pieces", "add", str(text))["piece"]["id"] == piece
    assert asyncio.run(_turns(piece)) == []
    assert len(asyncio.run(_turns(other))) == 1  # other pieces' conversations stay
