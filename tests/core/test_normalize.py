"""Loose folding: spelling variants fold together; a long text folds in parts, as one."""

from hypothesis import given, settings
from hypothesis import strategies as st

import bot.core.normalize as normalize
from bot.core.normalize import loose_fold


def test_loanword_spellings_and_separators_fold_together() -> None:
    assert loose_fold("ヴァイオリン") == loose_fold("バイオリン")
    assert loose_fold("グスタフ・マーラー") == loose_fold("グスタフマーラー")
    assert loose_fold("ＩＳＯ　９００１") == loose_fold("iso9001")

# Characters that compose or change under NFKC and the folding rules, and whitespace to cut at.
_TRICKY = "ヴァィゥェォブヅヂｶﾞﾟ\u3099\u309a\u0301eé・ =ＡＢ１２ガ。、\n\t　"

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=200))
def test_folding_in_parts_is_folding_the_whole(text: str) -> None:
    # Cut far more often than in use (every 7 characters), so every kind of cut is tried.
    whole = normalize._fold(text)
    original = normalize._PART_CHARS
    normalize._PART_CHARS = 7
    try:
        assert loose_fold(text) == whole
    finally:
        normalize._PART_CHARS = original

def test_a_long_text_is_folded_in_parts() -> None:
    text = "ヴァイオリンの話。\n" * 10_000
    parts = list(normalize._parts(text))
    assert len(parts) > 1 and "".join(parts) == text
    assert loose_fold(text) == normalize._fold(text)


def test_a_long_paragraph_without_whitespace_is_folded_in_parts() -> None:
    text = "ヴァイオリンの話、長い話。" * 20_000  # Japanese: no whitespace at all
    parts = list(normalize._parts(text))
    assert len(parts) > 10 and "".join(parts) == text
    assert max(len(p) for p in parts) <= normalize._PART_CHARS + len("ヴァイオリンの話、")
    assert loose_fold(text) == normalize._fold(text)
