"""The project's data files in `bot/data/`, and the small tables among them."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def tsv_rows(path: Path) -> list[list[str]]:
    """The rows of a small tab-separated table, each a list of its fields; blank lines and
    comment lines (#) left out."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
