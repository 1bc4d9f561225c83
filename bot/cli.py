"""Terminal front end: `python -m bot COMMAND` (and the `piece-bot` script)."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from bot.cli_args import (
    Parser,
    UsageError,
    file_path,
    locale,
    piece_ref,
    server_id,
    whole_number,
)
from bot.cli_pieces import about_piece, add_pieces_parser, run_on_piece, run_pieces
from bot.core.answer import Answer, Turn
from bot.core.article import Article, ArticleError
from bot.core.files import default_article_path
from bot.core.language import ui_language
from bot.engines import messages
from bot.engines.base import LENGTHS, MAX_QUOTES, Engine, InvalidRequest, PieceInfo
from bot.library.errors import PieceError
from bot.settings import SEEDS_DIR, Settings, SettingsError, load_settings
from bot.storage.sqlite import StoreBusy, StoreUnavailable

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
EXIT_BUG = 70  # EX_SOFTWARE: an internal error, not the user's
CHAT_TURNS = 6
GROUNDING_NOTE = (
    "Every quote is checked to appear word for word in the piece (after Unicode/width/space "
    "normalisation) and is shown with its paragraph id; citations that do not check out are "
    "dropped."
)


def build_parser() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    common.add_argument(
        "--article",
        type=file_path,
        default=argparse.SUPPRESS,
        help="the piece to read (default: seeds/)",
    )
    common.add_argument(
        "--piece",
        type=piece_ref,
        default=argparse.SUPPRESS,
        metavar="ID",
        help="a piece of the library to read, by id (see `pieces list`)",
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print one JSON object"
    )
    common.add_argument(
        "--engine",
        choices=("auto", "offline", "llm"),
        default=argparse.SUPPRESS,
        help="which engine answers (default: llm if OPENAI_API_KEY is set, else offline)",
    )
    common.add_argument(
        "--locale",
        type=locale,
        default=argparse.SUPPRESS,
        help="language of framing text: ja or en",
    )
    common.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=argparse.SUPPRESS,
        help="log more on stderr: -v for INFO, -vv for DEBUG (default: LOG_LEVEL)",
    )
    parser = Parser(
        prog="piece-bot",
        description="Read and discuss one article; every answer cites the paragraphs it uses.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("summary", parents=[common], help="summarise the piece")
    p.add_argument("--length", choices=LENGTHS, default="medium")
    sub.add_parser("factors", parents=[common], help="the factors the piece names")
    p = sub.add_parser("factor", parents=[common], help="one factor explained, with quotes")
    p.add_argument("number", type=whole_number)
    p = sub.add_parser("quote", parents=[common], help="verbatim quotes, on a topic or central")
    p.add_argument("topic", nargs="*", help="optional topic")
    p.add_argument(
        "-k", "--count", type=whole_number, default=3, help=f"how many (1–{MAX_QUOTES})"
    )
    p = sub.add_parser("ask", parents=[common], help="ask a question about the piece")
    p.add_argument("question", nargs="+")
    p = sub.add_parser("search", parents=[common], help="rank the piece's passages for a query")
    p.add_argument("query", nargs="+")
    p.add_argument("-k", "--count", type=whole_number, default=5)
    sub.add_parser("chat", parents=[common], help="an interactive conversation, as in a DM")
    sub.add_parser("about", parents=[common], help="the piece and the engine in use")
    sub.add_parser("run", parents=[common], help="run the Discord bot (needs DISCORD_TOKEN)")
    p = sub.add_parser("sync", parents=[common], help="sync slash commands with Discord")
    p.add_argument("--guild", type=server_id, default=None, help="sync to one guild only")
    sub.add_parser(
        "doctor",
        parents=[common],
        help="check the LLM server: 0 ready, 1 not usable, 2 not configured, 3 cannot connect",
    )
    add_pieces_parser(sub, common)
    return parser


def log_level(args: argparse.Namespace, settings: Settings) -> int | str:
    """-v/-vv, else LOG_LEVEL, else INFO for the bot and WARNING for one-shot commands."""
    verbose = getattr(args, "verbose", 0)
    if verbose:
        return logging.DEBUG if verbose > 1 else logging.INFO
    if settings.log_level:
        return settings.log_level
    return logging.INFO if args.command == "run" else logging.WARNING


def _load(settings: Settings) -> Article:
    """The piece `--article` names (or seeds/'), read as the library reads a file: Markdown,
    HTML and PDF rendered to plain text, as `pieces add` stores them."""
    from bot.library.formats import read_file, to_article

    path = settings.article_path or default_article_path(SEEDS_DIR)
    return to_article(read_file(path), path=path)


def _engine(settings: Settings, article: Article) -> Engine:
    from bot.engines.factory import build_engine

    return build_engine(settings, article)


# ---------------------------------------------------------------- output


def format_answer(answer: Answer) -> str:
    """Human-readable answer: the text with [¶n] markers, then the cited quotes."""
    lines = [answer.text]
    if note := answer.unsaid_note:
        lines += ["", f"({note})"]
    # Quotes the text already shows in full are not repeated; the rest are listed.
    unseen = [c for c in answer.citations if c.quote not in answer.text]
    if unseen:
        lines += ["", "Sources:"]
        lines += [f"  [¶{c.passage}] {c.quote}" for c in unseen]
    elif answer.citations:
        lines += ["", "Cited: " + " ".join(f"¶{p}" for p in answer.passages)]
    lines += ["", f"— {answer.engine} engine" + ("" if answer.grounded else ", nothing quoted")]
    return "\n".join(lines)


def _emit(data: dict[str, Any] | str, as_json: bool, out: TextIO) -> None:
    if as_json:
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        out.write(f"{data}\n")


def about(engine: Engine) -> dict[str, Any]:
    return about_info(engine.about())


def about_info(info: PieceInfo) -> dict[str, Any]:
    return {**info.to_dict(), "grounding": GROUNDING_NOTE}


def _format_about(info: dict[str, Any]) -> str:
    title = info["title"] + ("  (title derived from the lead)" if info["title_derived"] else "")
    rows = [
        ("Title", title),
        ("Author", info["author"]),
        ("Source", info["source"]),
        ("Date", info["date"]),
        ("Language", info["language"]),
        ("URL", info["url"]),
        ("File", info["path"]),
        (
            "Size",
            f"{info['paragraphs']} paragraphs (¶1–¶{info['paragraphs']}), "
            f"{info['sentences']} sentences",
        ),
        ("Engine", info["engine"]),
        ("Grounding", info["grounding"]),
    ]
    return "\n".join(f"{k + ':':<11}{v}" for k, v in rows if v)


# ---------------------------------------------------------------- commands


async def _run_command(args: argparse.Namespace, engine: Engine, out: TextIO) -> int:
    as_json = bool(getattr(args, "json", False))
    locale = getattr(args, "locale", None)
    cmd = args.command
    if cmd == "about":
        info = about(engine)
        _emit(info if as_json else _format_about(info), as_json, out)
        return EXIT_OK
    if cmd == "search":
        hits = await engine.search(" ".join(args.query), args.count)
        if as_json:
            _emit({"results": [h.to_dict() for h in hits]}, True, out)
        elif not hits:
            _emit("No passage matches.", False, out)
        else:
            # Ranked by more than BM25 (see README, Retrieval): the rank is the order, and the
            # BM25 score a detail that need not fall with it.
            for rank, h in enumerate(hits, 1):
                head = f"{rank}. [¶{h.passage}] coverage {h.confidence:.2f}, BM25 {h.score:.2f}"
                _emit(f"{head}\n  {h.text}", False, out)
        return EXIT_OK
    if cmd == "chat":
        return await _chat(engine, as_json, locale, out)
    if cmd == "summary":
        answer = await engine.summary(args.length, locale=locale)
    elif cmd == "factors":
        answer = await engine.factors(locale=locale)
    elif cmd == "factor":
        answer = await engine.factor(args.number, locale=locale)
    elif cmd == "quote":
        topic = " ".join(args.topic) or None
        answer = await engine.quotes(topic, args.count, locale=locale)
    elif cmd == "ask":
        answer = await engine.ask(" ".join(args.question), locale=locale)
    else:  # pragma: no cover - argparse restricts the choices
        raise UsageError(f"unknown command {cmd!r}")
    _emit(answer.to_dict() if as_json else format_answer(answer), as_json, out)
    return EXIT_OK


async def _chat(engine: Engine, as_json: bool, locale: str | None, out: TextIO) -> int:
    """A conversation: each line is a question; earlier turns give follow-ups their context."""
    history: list[Turn] = []
    # Bytes that are not UTF-8 become lone surrogates, which `check_question` drops, rather
    # than an exception that would end the session.
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="surrogateescape")
    interactive = sys.stdin.isatty()
    if interactive and not as_json:
        out.write(f"Ask about “{engine.article.meta.title}”. /reset forgets, /quit ends.\n")
    while True:
        if interactive:
            out.write("> ")
            out.flush()
        line = sys.stdin.readline()
        if not line:
            return EXIT_OK
        line = line.strip()
        if not line:
            continue
        if line in {"/quit", "/exit"}:
            return EXIT_OK
        if not interactive and not as_json:
            out.write(f"> {line}\n")  # read from a file: the transcript shows what was asked
        if line == "/reset":
            history.clear()
            _emit({"reset": True} if as_json else "(conversation forgotten)", as_json, out)
            continue
        try:
            answer = await engine.ask(line, history[-CHAT_TURNS:], locale=locale)
        except InvalidRequest as exc:
            _emit({"error": str(exc)} if as_json else f"error: {exc}", as_json, out)
            continue
        history.append(Turn(line, answer.text, answer.passages))
        _emit(answer.to_dict() if as_json else format_answer(answer) + "\n", as_json, out)
        out.flush()


async def _run_and_close(args: argparse.Namespace, engine: Engine) -> int:
    try:
        return await _run_command(args, engine, sys.stdout)
    finally:
        await engine.aclose()  # the LLM engine's HTTP client and cache


async def _doctor(settings: Settings, as_json: bool) -> int:
    from bot.engines.factory import diagnose

    report = await diagnose(settings)
    _emit(report.to_dict() if as_json else "\n".join(report.lines()), as_json, sys.stdout)
    return report.code


def _fail(message: str, as_json: bool, code: int) -> int:
    # A path or argument may hold undecodable bytes (as surrogates): shown escaped, never fatal.
    message = message.encode("utf-8", "backslashreplace").decode("utf-8")
    sys.stderr.write(f"piece-bot: error: {message}\n")
    if as_json:
        sys.stdout.write(json.dumps({"error": message}, ensure_ascii=False) + "\n")
    return code


def _escape_undecodable_output() -> None:
    """Bytes of an argument that are not UTF-8 (a file name) are lone surrogates in Python:
    printed as `\\udcff`, which JSON reads back, rather than a raw byte or an exception."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    _escape_undecodable_output()
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        # argparse takes any unambiguous prefix of an option (--js for --json).
        wants_json = any(len(a) > 2 and "--json".startswith(a) for a in argv)
        return _fail(str(exc), wants_json, EXIT_USAGE)
    as_json = bool(getattr(args, "json", False))
    try:
        settings = load_settings(
            article_path=getattr(args, "article", None), engine=getattr(args, "engine", None)
        )
    except SettingsError as exc:
        return _fail(str(exc), as_json, EXIT_USAGE)
    logging.basicConfig(  # a bad LOG_LEVEL is a SettingsError already
        level=log_level(args, settings),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        if args.command == "doctor":
            return asyncio.run(_doctor(settings, as_json))
        if args.command in {"run", "sync"}:
            if as_json:  # they speak to the operator, not to a program
                raise UsageError(f"`{args.command}` prints no JSON: leave out --json")
            from bot.discord import run as discord_run

            if args.command == "run":
                return discord_run.run(settings)
            return discord_run.sync(settings, args.guild)
        if args.command == "pieces":
            if hasattr(args, "article"):  # it would become a bundled piece for good
                raise UsageError("`pieces` takes no --article: add a file with `pieces add PATH`")
            return asyncio.run(run_pieces(args, settings, sys.stdout))
        if (piece := getattr(args, "piece", None)) is not None:
            if settings.article_path is not None and hasattr(args, "article"):
                raise UsageError("give --article PATH or --piece ID, not both")
            if args.command == "about":  # metadata only: no engine is built for it
                info = about_info(asyncio.run(about_piece(settings, piece)))
                _emit(info if as_json else _format_about(info), as_json, sys.stdout)
                return EXIT_OK
            return asyncio.run(
                run_on_piece(settings, piece, lambda e: _run_command(args, e, sys.stdout))
            )
        article = _load(settings)
        engine = _engine(settings, article)
        return asyncio.run(_run_and_close(args, engine))
    except (ArticleError, InvalidRequest, UsageError, PieceError) as exc:
        return _fail(str(exc), as_json, EXIT_USAGE)
    except StoreUnavailable as exc:
        return _fail(str(exc) or type(exc).__name__, as_json, EXIT_ERROR)
    except StoreBusy as exc:  # not the user's fault: another process holds the database
        log.info("%s", exc)
        lang = ui_language(getattr(args, "locale", None))
        return _fail(messages.message("store_busy", lang), as_json, EXIT_ERROR)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # the machine's, not the reader's: a file or folder it cannot use
        log.debug("system error", exc_info=True)
        return _fail(str(exc), as_json, EXIT_ERROR)
    except Exception as exc:  # a bug: said in one line; its traceback with -vv, or in the log
        serving = args.command in {"run", "sync"}  # the bot's log is where it is looked for
        log.log(logging.ERROR if serving else logging.DEBUG, "internal error", exc_info=True)
        detail = f"internal error ({type(exc).__name__}); run with -vv for the traceback"
        return _fail(detail, as_json, EXIT_BUG)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
