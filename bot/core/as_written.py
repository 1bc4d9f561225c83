"""A Japanese question's words spelt as the piece writes them, before anything reads it.

Readers type a word as they can: in hiragana (きゃんせる, へいてん), in katakana where the piece
has a kanji (ダンボール for 段ボール), or in the wrong kanji the input method offered (保官 for
保管). Each is written back as the piece writes it, from the piece's own words only
(`respell`): a question is never respelt into a word the piece does not write.
"""

from __future__ import annotations

from bot.core.jmdict import is_japanese_word
from bot.core.respell import (
    in_katakana,
    respell,
    respell_homophones,
    respell_katakana,
    unwritten_kana,
    unwritten_katakana,
)
from bot.core.vocabulary import PieceVocabulary


def as_written(question: str, vocabulary: PieceVocabulary) -> str:
    """`question` with its kana and mistyped kanji spelt as the piece writes them."""
    text = vocabulary.text
    question = in_katakana(question, vocabulary.katakana)  # きゃんせる → キャンセル
    if unwritten_kana(question, text):
        question = respell(question, vocabulary.readings)  # へいてん → 閉店
    if runs := unwritten_katakana(question, text):
        question = respell_katakana(question, runs, vocabulary.readings)  # ダンボール → 段ボール
    # A word typed in kanji the input method chose wrongly (保官 for 保管), likewise.
    return respell_homophones(question, lambda: vocabulary.readings, text, is_japanese_word)
