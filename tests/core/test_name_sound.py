"""Names matched by sound (`bot.core.name_sound`)."""

from __future__ import annotations

from bot.core.article import parse_article
from bot.core.name_sound import katakana_sound, match_name, sound, sounds_alike
from bot.core.vocabulary import PieceVocabulary


def test_an_english_name_and_its_katakana_come_close() -> None:
    assert (sound("Timofeev"), katakana_sound("ティモフェーエフ")) == ("timofeb", "timofef")
    piece = PieceVocabulary(parse_article("会談\n\nティモフェーエフ氏とプーチン氏が会った。\n"))
    assert match_name("Timofeev", piece) == ["ティモフェーエフ"]
    assert match_name("Obama", piece) == []  # short names are matched by nothing


def test_a_name_keeps_its_first_sound() -> None:
    # 'risa' and 'eria' share three of their letters, but Lisa does not open with a vowel.
    piece = PieceVocabulary(parse_article("案内\n\n供給エリアは本州です。\n"))
    assert match_name("Lisa", piece) == []
    # An opening vowel or y is written either way: Yeltsin is エリツィン.
    piece = PieceVocabulary(parse_article("会談\n\nエリツィン氏が来た。\n"))
    assert match_name("Yeltsin", piece) == ["エリツィン"]


def test_sounds_alike_weighs_the_rest_only_when_the_opening_sounds_agree() -> None:
    assert sounds_alike("risa", "eria") == 0.0
    assert sounds_alike("eriza", "eriza") == 1.0
    assert sounds_alike("yertsin", "eritsin") > 0.8


def test_an_opening_sound_a_name_writes_two_ways_is_the_same_sound() -> None:
    # th is T in トーマス, a soft c is S in セルシウス, German w is ヴ, x is ザ.
    piece = PieceVocabulary(
        parse_article("人物\n\nトーマスとセルシウスとヴォルフガングとザビエルが来た。\n")
    )
    assert match_name("Thomas", piece) == ["トーマス"]
    assert match_name("Celsius", piece) == ["セルシウス"]
    assert match_name("Wolfgang", piece) == ["ヴォルフガング"]
    assert match_name("Xavier", piece) == ["ザビエル"]
