"""The bundled pieces that mirror files: every readable file in seeds/, and ARTICLE_PATH."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.library.formats.detect import EXTENSIONS
from bot.library.scope import piece_id
from bot.library.store import BUNDLED_OWNER


@dataclass(frozen=True, slots=True)
class SeedFile:
    """A file that is a bundled piece; its id stays the same when the file is edited."""

    path: Path  # resolved
    id: str
    modified: float  # mtime: the piece is read again when the file is newer than it


def _is_file(path: Path) -> bool:
    """Whether `path` is a regular file; not when it cannot be looked at (a name too long, a
    folder it may not enter), which reading it then reports."""
    try:
        return path.is_file()
    except OSError:
        return False


def seed_files(seeds_dir: Path, article_path: Path | None) -> list[SeedFile]:
    """seeds/' files of a supported format in name order, then ARTICLE_PATH if it is a file.

    A file is one piece however it is named: ARTICLE_PATH naming a file of seeds/ (by any
    path, relative or not) gives that file its ARTICLE_PATH id, in its place among the seeds.
    """
    named: list[tuple[Path, str]] = []
    if seeds_dir.is_dir():
        files = sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() in EXTENSIONS)
        named += [(p.resolve(), f"seed:{p.name}") for p in files if p.is_file()]
    if article_path is not None and _is_file(article_path):
        path = article_path.resolve()
        named.append((path, f"file:{path}"))
    return [
        SeedFile(path, piece_id(BUNDLED_OWNER, key), path.stat().st_mtime)
        for path, key in dict(named).items()
    ]
