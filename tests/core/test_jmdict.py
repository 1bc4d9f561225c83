"""The JMdict tables (`bot.core.jmdict`): their keys, and what the derived kin table holds."""

from __future__ import annotations

import re

import pytest

from bot.core.jmdict import entries_with, forms_of, gloss_key, rare_forms_of, rare_kin_of
from bot.core.scripts import KANJI

_KANJI = re.compile(f"[{KANJI}]")


@pytest.mark.parametrize("word", ["家賃", "運賃", "料金", "駐車場"])
def test_the_kin_table_is_what_the_two_tables_give(word: str) -> None:
    # benchmarks/build_lexicon.py derives it so that a Japanese question need not read the
    # rare table: the rare forms of the word's gloss keys that share one of its kanji.
    own = set(_KANJI.findall(word))
    expected = {
        form
        for key, _ in entries_with(word)
        for form in rare_forms_of(key)
        if form != word and len(form) > 1 and own & set(_KANJI.findall(form))
    }
    assert set(rare_kin_of(word)) == expected
    assert "賃料" in rare_kin_of("家賃")
    assert rare_kin_of("ホテル") == ()


def test_a_gloss_s_nested_parentheses_are_dropped_whole() -> None:
    # JMdict glosses 犬 "dog (Canis (lupus) familiaris)": its key is dog, not dog familiaris.
    assert gloss_key("dog (Canis (lupus) familiaris)") == "dog"
    assert gloss_key("aluminum sulfate (Al2(SO4)3)") == "aluminum sulfate"
    assert "犬" in forms_of("dog")
    assert "dog" in {key for key, _ in entries_with("犬")}
