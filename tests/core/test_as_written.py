from bot.core.article import parse_article
from bot.core.as_written import as_written
from bot.core.vocabulary import PieceVocabulary

PIECE = (
    "お引越しの準備\n\n"
    "段ボールは50枚まで無料でお届けします。\n"
    "キャンセル料は前日から発生します。\n"
    "粗大ごみの回収は別料金です。\n"
)


def test_kana_katakana_and_slips_are_spelt_as_the_piece_writes_them() -> None:
    vocabulary = PieceVocabulary(parse_article(PIECE))
    assert as_written("ダンボールは何枚もらえる？", vocabulary) == "段ボールは何枚もらえる？"
    assert as_written("きゃんせる料はいつから？", vocabulary) == "キャンセル料はいつから？"
    assert as_written("そだいごみの回収は？", vocabulary) == "粗大ごみの回収は？"
    assert as_written("布団袋はありますか？", vocabulary) == "布団袋はありますか？"
