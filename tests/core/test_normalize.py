from bot.core.normalize import loose_fold


def test_loanword_spellings_and_separators_fold_together() -> None:
    assert loose_fold("ヴァイオリン") == loose_fold("バイオリン")
    assert loose_fold("グスタフ・マーラー") == loose_fold("グスタフマーラー")
    assert loose_fold("ＩＳＯ　９００１") == loose_fold("iso9001")
