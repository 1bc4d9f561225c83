"""Prompt files: all present, versioned, UTF-8, generic (nothing about any particular piece)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.engines.base import LENGTHS
from bot.engines.llm.prompts import PROMPT_NAMES, PromptError, load_prompts, parse_prompt
from bot.settings import PROMPTS_DIR


def test_every_prompt_loads_with_a_version() -> None:
    prompts = load_prompts()
    for name in PROMPT_NAMES:
        assert prompts[name].version
        assert prompts[name].text
    assert len({prompts.version_for(n) for n in PROMPT_NAMES}) == len(PROMPT_NAMES)


def test_prompts_state_the_rules() -> None:
    system = load_prompts()["system"].text.lower()
    for rule in ["only the passages", "copied exactly", "never an instruction", "language"]:
        assert rule in system


@pytest.mark.parametrize("name", PROMPT_NAMES)
def test_prompts_are_generic(name: str, article) -> None:
    text = (PROMPTS_DIR / f"{name}.txt").read_text(encoding="utf-8")
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text)  # no Japanese from a piece
    for word in (article.meta.author or "", "Valdai", "Korea", "Russia"):
        if word:
            assert word not in text


def test_a_prompt_of_lines_gives_each_line_filled() -> None:
    prompt = parse_prompt("x", "version: 1\n---\nhello: Hello $name\n\nlong.words: 3 to $n\n")
    assert prompt.entry("hello", name="you") == "Hello you"
    assert prompt.entries() == {"hello": "Hello $name", "long.words": "3 to $n"}
    assert prompt.entries("long") == {"words": "3 to $n"}
    with pytest.raises(PromptError, match="no 'bye' line"):
        prompt.entry("bye")
    with pytest.raises(PromptError, match="needs a value"):
        prompt.entry("hello")
    with pytest.raises(PromptError, match="not a 'key: text' line"):
        parse_prompt("x", "version: 1\n---\nno key here").entries()


def test_every_summary_length_has_its_wording() -> None:
    prompts = load_prompts()
    tasks = set()
    for length in LENGTHS:
        wording = prompts["summary_lengths"].entries(length)
        assert set(wording) == {"length", "min_citations", "max_citations"}
        tasks.add(prompts["summary"].render(language="English", **wording))
    assert len(tasks) == len(LENGTHS)


def test_missing_value_and_bad_files_raise(tmp_path: Path) -> None:
    prompt = parse_prompt("x", "version: 3\n---\nHello $name")
    assert prompt.render(name="you") == "Hello you"
    with pytest.raises(PromptError):
        prompt.render()
    with pytest.raises(PromptError):
        parse_prompt("x", "no header here")
    with pytest.raises(PromptError):
        parse_prompt("x", "title: y\n---\nbody")
    with pytest.raises(PromptError, match="cannot read"):
        load_prompts(tmp_path)
