"""The terminal front end: commands, JSON output, exit codes and messages for bad input."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.article import Article
from bot.core.files import load_article
from tests.conftest import TEST_DATA, piece_paths
from tests.fakes.openai_api import FakeOpenAI, status

ANSWER_KEYS = {"text", "citations", "engine", "grounded"}


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json", "--engine", "offline"])
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1, out  # exactly one JSON object
    return code, json.loads(out[0])


def check_citations(data: dict, article: Article) -> None:
    for c in data["citations"]:
        assert set(c) == {"passage", "quote", "start", "end"}
        assert article.text[c["start"] : c["end"]] == c["quote"]
        # ¶0 is the header: its quotes lie in no paragraph.
        para = article.paragraph_at(c["start"])
        assert (para.number if para else 0) == c["passage"]


@pytest.mark.parametrize(
    "argv",
    [
        ["summary", "--length", "short"],
        ["summary"],
        ["factors"],
        ["factor", "2"],
        ["quote", "-k", "2"],
        ["quote", "核兵器"],
        ["ask", "北朝鮮の核実験は何年？"],
        ["ask", "火星の気温は？"],
    ],
)
def test_answer_commands_print_the_schema(
    capsys: pytest.CaptureFixture[str], article: Article, argv: list[str]
) -> None:
    code, data = run_json(capsys, *argv)
    assert code == 0
    assert set(data) >= ANSWER_KEYS
    assert data["engine"] == "offline"
    assert data["grounded"] == bool(data["citations"])
    check_citations(data, article)


def test_a_header_citation_in_json_is_passage_zero(
    capsys: pytest.CaptureFixture[str], article: Article
) -> None:
    # The default piece's author line is its header, not a paragraph: "passage": 0.
    code, data = run_json(capsys, "ask", "この記事の著者は誰？")
    assert code == 0 and data["grounded"] is True
    [cite] = data["citations"]
    assert cite["passage"] == 0 and cite["quote"] == article.meta.author
    assert article.text[cite["start"] : cite["end"]] == cite["quote"]
    assert data["text"] == f"{article.meta.author} [¶0]"


def test_search_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, "search", "制裁", "-k", "3")
    assert code == 0
    results = data["results"]
    assert 1 <= len(results) <= 3
    assert {"passage", "text", "score"} <= set(results[0])
    assert all(r["score"] > 0 for r in results)  # BM25; the order is the retriever's
    assert len({r["passage"] for r in results}) == len(results)
    # In text, the same results numbered in that order.
    assert main(["search", "制裁", "-k", "3", "--engine", "offline"]) == 0
    heads = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert [h.split(" ")[:2] for h in heads] == [
        [f"{rank}.", f"[¶{r['passage']}]"] for rank, r in enumerate(results, 1)
    ]


def test_about(capsys: pytest.CaptureFixture[str], article: Article) -> None:
    code, data = run_json(capsys, "about")
    assert code == 0
    assert data["author"] == article.meta.author and data["engine"] == "offline"
    assert data["paragraphs"] == len(article.paragraphs)


def test_human_output_has_markers_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["factors", "--engine", "offline"]) == 0
    out = capsys.readouterr().out
    # Factor titles are short; the full cited sentences are listed under Sources.
    assert "[¶" in out and "Sources:" in out and "offline engine" in out
    assert main(["quote", "-k", "1", "--engine", "offline"]) == 0
    out = capsys.readouterr().out
    assert "Cited: ¶" in out and "Sources:" not in out  # the quote is already in the text
    # A list of key points opens with its note: it is not printed a second time below.
    assert main(["--article", str(TEST_DATA / "library-en.txt"), "factors"]) == 0
    assert capsys.readouterr().out.count("does not enumerate factors") == 1
    assert main(["ask", "ラーメンのおすすめは？"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("— offline engine, nothing quoted") and "¶" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ask", "   "], "empty"),
        (["ask", "x" * 1001], "limit is 1,000"),
        (["factor", "7"], "from 1 to 3"),
        (["quote", "-k", "0"], "between 1 and 10"),
        (["--article", "/no/such/file.txt", "summary"], "no such file"),
        # A path the system refuses to look at: it used to be a traceback.
        (["--article", f"/tmp/{'a' * 300}.txt", "summary"], "File name too long"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main([*argv, "--engine", "offline"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_bad_input_with_json_also_prints_an_error_object(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ask", "", "--json"]) == 2
    assert "error" in json.loads(capsys.readouterr().out)


OTHER_PIECES = piece_paths()[1:]


@pytest.mark.parametrize("piece", OTHER_PIECES, ids=lambda p: p.stem)
def test_every_command_on_other_pieces(capsys: pytest.CaptureFixture[str], piece: Path) -> None:
    article = load_article(piece)
    for argv in (["summary", "--length", "long"], ["factors"], ["factor", "1"], ["quote"]):
        code, data = run_json(capsys, "--article", str(piece), *argv)
        assert code == 0 and data["grounded"]
        check_citations(data, article)
    question = article.paragraphs[len(article.paragraphs) // 2].sentences[0].text
    code, data = run_json(capsys, "--article", str(piece), "ask", question)
    assert code == 0 and data["grounded"]
    check_citations(data, article)


def test_other_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "other.txt"
    f.write_text(
        "猫の話\n\n著者\n雑誌\n2000\n猫は夜に動く。猫はよく眠る。\n犬は昼に動く。\n", "utf-8"
    )
    code, data = run_json(capsys, "--article", str(f), "ask", "猫はいつ動く？")
    assert code == 0 and data["citations"][0]["quote"] == "猫は夜に動く。"


def test_process_level_exit_codes_and_chat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through a real process: binary article → exit 2; chat answers each line with context."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("OPENAI_API_KEY", None)
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02")
    bad = subprocess.run(
        [sys.executable, "-m", "bot", "--article", str(binary), "summary"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert bad.returncode == 2 and "binary" in bad.stderr and "Traceback" not in bad.stderr
    chat = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--json", "--engine", "offline"],
        input="ロシアと北朝鮮の接近の要因は？\n二つ目について詳しく\n\n/reset\n/quit\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert chat.returncode == 0, chat.stderr
    lines = [json.loads(x) for x in chat.stdout.splitlines()]
    assert len(lines) == 3 and lines[2] == {"reset": True}
    assert lines[0]["grounded"] and lines[1]["grounded"]
    # The follow-up "the second one" is answered with the second factor, from the context.
    _, factor2 = run_json(capsys, "factor", "2")
    assert lines[1]["citations"] == factor2["citations"]
    # Read from a file, the text transcript shows each question before its answer.
    text = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--engine", "offline"],
        input="ロシアと北朝鮮の接近の要因は？\n二つ目について詳しく\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    asked = [line for line in text.stdout.splitlines() if line.startswith("> ")]
    assert asked == ["> ロシアと北朝鮮の接近の要因は？", "> 二つ目について詳しく"]


# ---------------------------------------------------------------- with the LLM engine


async def _run_cli(env: dict[str, str], *argv: str) -> tuple[int, str, str]:
    """`python -m bot ARGV` in a real process (its logging set up as a user's would be)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *argv,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    return proc.returncode or 0, out.decode(), err.decode()


@pytest.fixture
def llm_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "LLM_", "LOG_"))}
    return {
        **env,
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
        "OPENAI_API_KEY": "sk-test-not-a-real-key",
        "OPENAI_MODEL": "fake-model",
        "LLM_CONTEXT_TOKENS": "65536",
        "PIECE_BOT_DATA_DIR": str(tmp_path),
    }


@pytest.mark.parametrize(
    ("argv", "extra", "logged"),
    [
        (["summary"], {}, False),  # quiet by default: the answer is the output
        (["summary"], {"LOG_LEVEL": "INFO"}, True),
        (["summary", "-v"], {}, True),
        (["factors", "-vv"], {"LOG_LEVEL": "ERROR"}, True),  # the flag wins
    ],
)
async def test_log_level_and_verbose_work_for_every_command(
    llm_env: dict[str, str], argv: list[str], extra: dict[str, str], logged: bool
) -> None:
    async with FakeOpenAI() as server:
        env = {**llm_env, **extra, "OPENAI_BASE_URL": server.base_url}
        code, _out, err = await _run_cli(env, *argv)
    assert code == 0, err
    assert ("model call" in err) is logged, err
    assert "sk-test" not in err


async def test_factor_n_keeps_the_fallback_note(
    llm_env: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with FakeOpenAI(default=status(503)) as server:
        for key, value in {**llm_env, "OPENAI_BASE_URL": server.base_url}.items():
            monkeypatch.setenv(key, value)
        code = await asyncio.to_thread(main, ["factor", "1", "--json", "--locale", "en"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["engine"] == "offline"
    assert "unavailable" in data["note"] and "offline engine" in data["note"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["factor", "abc"], "argument number: expected a whole number, got 'abc'"),
        (["summary", "--length", "xxl"], "argument --length: invalid choice: 'xxl'"),
        (["--engine", "bogus", "summary"], "argument --engine: invalid choice: 'bogus'"),
        ([], "the following arguments are required: COMMAND"),
        (["summary", "--nope"], "unrecognized arguments: --nope"),
        # Not a global sync: 0 is no server id (nor is it one that DEV_GUILD_ID accepts).
        (["sync", "--guild", "0"], "argument --guild: expected a server id (from 1 up), got '0'"),
        (["sync", "--guild", "-5"], "argument --guild: expected a server id"),
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_usage_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str, as_json: bool
) -> None:
    assert main([*argv, *(["--json"] if as_json else [])]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("piece-bot: error: ") and message in captured.err
    assert captured.err.count("\n") == 1 and "usage:" not in captured.err
    if as_json:
        assert message in json.loads(captured.out)["error"]
    else:
        assert captured.out == ""


@pytest.mark.parametrize("spelling", ["--json", "--jso", "--js"])
def test_a_usage_error_gives_a_json_error_however_json_is_spelt(
    capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    """argparse takes --js for --json: a usage error then prints the JSON error too."""
    assert main(["bogus", spelling]) == 2
    assert "invalid choice" in json.loads(capsys.readouterr().out)["error"]


def test_a_bad_log_level_is_one_line_with_a_json_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOG_LEVEL", "loud")
    assert main(["summary", "--json"]) == 2
    captured = capsys.readouterr()
    message = "LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got 'loud'"
    assert message in captured.err and captured.err.count("\n") == 1
    assert message in json.loads(captured.out)["error"]


def test_help_still_prints_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["summary", "--help"])
    assert done.value.code == 0
    assert "--length" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ask", "\ufeff\u2060\u00ad\u3164"], "the question is empty"),
        (["--article", "/dev/zero", "summary"], "is a character device, not a regular file"),
        (["--article", "/", "summary"], "is a directory, not a regular file"),
    ],
)
def test_bad_input_is_refused_in_one_line_with_a_json_error(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main([*argv, "--json", "--engine", "offline"]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.err.count("\n") == 1
    assert message in json.loads(captured.out)["error"]


def test_an_undecodable_byte_in_a_question_is_dropped(capsys: pytest.CaptureFixture[str]) -> None:
    # `ask $'北朝鮮の核実験は何年\xff'`: Python hands the byte over as a lone surrogate.
    code, data = run_json(capsys, "ask", "北朝鮮の核実験は何年\udcff")
    assert code == 0 and data["grounded"]
    code, data = run_json(capsys, "--article", "/no/such/\udcff.txt", "summary")
    assert code == 2 and "\\udcff" in data["error"]


def test_chat_survives_undecodable_input(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("OPENAI_API_KEY", None)
    chat = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--json", "--engine", "offline"],
        input=b"\xff\n" + "北朝鮮の核実験は何年".encode() + b"\xff\n/quit\n",
        capture_output=True,
        env=env,
        timeout=60,
        cwd=tmp_path,
    )
    assert chat.returncode == 0 and b"Traceback" not in chat.stderr, chat.stderr
    lines = [json.loads(x) for x in chat.stdout.decode().splitlines()]
    assert lines[0] == {"error": "the question is empty: ask something about the piece"}
    assert lines[1]["grounded"]


@pytest.mark.parametrize("argv", [["pieces", "list"], ["--piece", "nrva2bai", "about"]])
def test_a_library_that_fails_to_open_is_closed_all_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    # Regression: its store stayed open, and its database thread (not a daemon) kept the
    # process from exiting after the error.
    import threading

    import bot.library.service as service

    def unreadable(*args: object) -> None:
        raise OSError("seeds/ cannot be listed")

    monkeypatch.setenv("PIECE_BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(service, "seed_files", unreadable)
    before = set(threading.enumerate())
    assert main(argv) == 1  # the machine's error, said in one line
    # A closed store's thread ends on its own, if not at once (on a busy machine, in a few
    # milliseconds); an open one's never does.
    started = [t for t in set(threading.enumerate()) - before if "_connection_worker" in t.name]
    for thread in started:
        thread.join(timeout=5)
    assert not [t for t in started if t.is_alive()]


def test_article_may_be_markdown_html_or_pdf_as_in_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `--article` reads a file as `pieces add` does: the rendering is quoted, not the markup.
    from tests.library.documents import DOCUMENTS, EN_PARAGRAPHS, MARKDOWN, make_pdf

    notes = tmp_path / "notes.md"
    notes.write_text(MARKDOWN, encoding="utf-8")
    _, about = run_json(capsys, "--article", str(notes), "about")
    assert about["title"] == "Why we moved our builds to spot instances"
    assert about["author"] == "Maria Jensen"
    _, quoted = run_json(capsys, "--article", str(notes), "quote", "-k", "10")
    quoted = quoted["text"]
    assert "reserved" in quoted and "**" not in quoted and "](http" not in quoted
    pdf = tmp_path / "spot.pdf"
    pdf.write_bytes(make_pdf(EN_PARAGRAPHS, title="Spot builds", japanese=False))
    code, summary = run_json(capsys, "--article", str(pdf), "summary")
    assert code == 0 and summary["citations"]
    _, page = run_json(capsys, "--article", str(DOCUMENTS / "blog-en.html"), "about")
    assert page["paragraphs"] >= 2 and "<" not in page["title"]


@pytest.mark.parametrize("as_json", [False, True])
def test_a_bug_is_one_line_and_its_own_exit_code(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, as_json: bool
) -> None:
    """An error nothing foresaw (a bug of ours, simulated in our own loader) is said in one
    line with exit code 70, its traceback only with -vv; never a traceback by default."""

    def broken(*_: object) -> Article:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("bot.cli._load", broken)
    code = main(["summary", "--engine", "offline", *(["--json"] if as_json else [])])
    out, err = capsys.readouterr()
    assert code == 70
    assert "Traceback" not in err and "simulated bug" not in err
    assert err.startswith("piece-bot: error: internal error (RuntimeError)")
    if as_json:
        assert json.loads(out)["error"].startswith("internal error")
