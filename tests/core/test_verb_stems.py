from bot.core.verb_stems import conjugated_stems


def test_an_ichidan_verb_is_written_with_its_stem() -> None:
    assert conjugated_stems(["生まれる", "離れる"]) == ("生まれ", "離れ")


def test_a_godan_verb_is_written_with_its_continuative_form() -> None:
    """お支払いください, 乗り場: the forms a dictionary's 支払う and 乗る are written in."""
    stems = conjugated_stems(["支払う", "払う", "乗る", "書く"])
    assert stems == ("支払い", "払い", "乗り", "書き")


def test_words_that_are_no_verbs_of_kanji_give_nothing() -> None:
    assert conjugated_stems(["給与", "ペイ", "はらう"]) == ()


def test_a_compound_verb_is_written_with_its_stem_too() -> None:
    """お申し込みください, 受け付けています: a verb of two kanji with kana between them."""
    stems = conjugated_stems(["申し込む", "受け付ける", "取り消す"])
    assert stems == ("申し込み", "受け付け", "取り消し")
