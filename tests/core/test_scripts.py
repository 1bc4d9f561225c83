import re

import pytest

from bot.core.scripts import HANGUL, KANA, KANJI, KATAKANA, is_hiragana, is_katakana


@pytest.mark.parametrize("word", ["すすめ", "どこ", "ございます", "らーめん"])
def test_hiragana_words(word: str) -> None:
    assert is_hiragana(word)


@pytest.mark.parametrize("word", ["", "ラーメン", "お茶", "すすめ\n", "abc"])
def test_not_hiragana_words(word: str) -> None:
    assert not is_hiragana(word)


@pytest.mark.parametrize("word", ["ロシア", "グスタフ・マーラー", "コンピューター"])
def test_katakana_words(word: str) -> None:
    assert is_katakana(word)


@pytest.mark.parametrize("word", ["", "ロシア人", "すすめ", "ﾛｼｱ"])
def test_not_katakana_words(word: str) -> None:
    assert not is_katakana(word)


def test_the_ranges_hold_their_scripts_and_nothing_else() -> None:
    assert re.fullmatch(f"[{KANA}]+", "ひらがなカタカナ・ー")
    assert re.fullmatch(f"[{KANJI}]+", "人々〆切漢字")
    assert re.fullmatch(f"[{HANGUL}]+", "한글날")
    for ch in "aЯ1。、「ｱ":
        assert not re.fullmatch(f"[{KANA}{KANJI}{HANGUL}{KATAKANA}]", ch), ch
