"""The terminal's argument parsing: one-line usage errors, and the types its options take."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from bot.core.language import language_code

LOCALES = ("ja", "en")  # the languages the bot speaks


class UsageError(Exception):
    """Bad input from the user: one line to stderr, exit code 2."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (a `UsageError`), not a usage dump."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def whole_number(text: str) -> int:
    # Any whole number: the engine says which ones are in range (`factor 0`, `-k 0`).
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    return value


def server_id(text: str) -> int:
    # 0 must not pass: `sync` reads "no guild" as "everywhere" (a global sync).
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a server id (from 1 up), got {text!r}")
    return value


def locale(text: str) -> str:
    """ja or en, as a language tag may say it (ja-JP, en-GB); anything else was once taken
    silently and framed in English."""
    if language_code(text) not in LOCALES:
        raise argparse.ArgumentTypeError(f"expected {' or '.join(LOCALES)}, got {text!r}")
    return text


def file_path(text: str) -> Path:
    """A path to read; an empty one is no path (it used to read as the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a file path, got an empty one")
    return Path(text)


def piece_ref(text: str) -> str:
    """A piece's id; an empty one is none (it used to read as "the default piece")."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a piece id (see `pieces list`), got none")
    return text
