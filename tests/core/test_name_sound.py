"""Names matched by sound (`bot.core.name_sound`)."""

from __future__ import annotations

from bot.core.article import parse_article
from bot.core.name_sound import katakana_sound, match_name, sound
from bot.core.vocabulary import PieceVocabulary


def test_an_english_name_and_its_katakana_come_close() -> None:
    assert (sound("Timofeev"), katakana_sound("ティモフェーエフ")) == ("timofeb", "timofef")
    piece = PieceVocabulary(parse_article("会談\n\nティモフェーエフ氏とプーチン氏が会った。\n"))
    assert match_name("Timofeev", piece) == ["ティモフェーエフ"]
    assert match_name("Obama", piece) == []  # short names are matched by nothing
