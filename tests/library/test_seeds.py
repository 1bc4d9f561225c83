"""The files that are bundled pieces: seeds/ and ARTICLE_PATH."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.library.seeds import seed_files


def test_article_path_naming_a_seed_is_one_piece_however_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.md").write_text("# A\n\nOne seed.", encoding="utf-8")
    (seeds / "b.txt").write_text("Another seed.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    absolute = seed_files(seeds, seeds / "a.md")
    assert [s.path.name for s in absolute] == ["a.md", "b.txt"]
    for written in (Path("seeds/a.md"), Path("seeds/../seeds/a.md"), Path("./seeds/a.md")):
        assert seed_files(seeds, written) == absolute, written
    assert len({s.id for s in seed_files(seeds, None)} | {s.id for s in absolute}) == 3


def test_article_path_outside_the_seeds_comes_last(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("A seed.", encoding="utf-8")
    (tmp_path / "mine.txt").write_text("My piece.", encoding="utf-8")
    found = seed_files(seeds, tmp_path / "mine.txt")
    assert [s.path for s in found] == [
        (seeds / "a.txt").resolve(),
        (tmp_path / "mine.txt").resolve(),
    ]
    assert seed_files(tmp_path / "missing", None) == []
