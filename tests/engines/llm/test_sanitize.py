"""Model text made safe to show: every style of quotation checked, links made inert."""

from __future__ import annotations

import re

import pytest

from bot.engines.llm.sanitize import defang_links, unquote

REAL = {"本物の引用です", "real words here", "二行に\nまたがる本物"}


def verify(inner: str) -> bool:
    return inner.strip() in REAL


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("「偽の引用」と「本物の引用です」", "偽の引用と「本物の引用です」"),
        ("『偽』『本物の引用です』", "偽『本物の引用です』"),
        ("“fake” and “real words here”", "fake and “real words here”"),
        ('"fake" and "real words here"', 'fake and "real words here"'),
        ("‘fake’ and ‘real words here’", "fake and ‘real words here’"),
        ("'fake' and 'real words here'", "fake and 'real words here'"),
        ("〝偽〟〝偽〞〝本物の引用です〟", "偽偽〝本物の引用です〟"),
        ("«faux» ‹x› 【速報】", "faux x 速報"),
        ("＂偽＂", "偽"),
        ("「複数行の\n偽の引用」", "複数行の\n偽の引用"),
        ("「二行に\nまたがる本物」", "「二行に\nまたがる本物」"),
        ("「外側『本物の引用です』の偽」", "外側『本物の引用です』の偽"),
        ("「閉じない引用", "閉じない引用"),
        ("閉じるだけ」』”»】", "閉じるだけ"),
    ],
)
def test_quotations_of_every_style_stay_only_when_they_verify(text: str, shown: str) -> None:
    assert unquote(text, verify) == shown


@pytest.mark.parametrize(
    "text",
    [
        "Don't say it's the students' fault.",
        "It’s the author’s view, isn’t it?",
        "O'Brien's book",
    ],
)
def test_apostrophes_are_not_quotations(text: str) -> None:
    assert unquote(text, verify) == text


def test_a_quotation_inside_apostrophes_is_still_found() -> None:
    text = "Don't trust 'invented words' — it's a trap."
    assert unquote(text, verify) == "Don't trust invented words — it's a trap."


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("> 偽の\n> 引用\n本文", "偽の\n引用\n本文"),
        ("> real words here\n本文", "> real words here\n本文"),
        (">>> 残り全部が\n引用になる", "残り全部が\n引用になる"),
        ("   > 字下げ", "字下げ"),
        ("a > b stays", "a > b stays"),
    ],
)
def test_block_quotes_keep_their_marks_only_around_verified_text(text: str, shown: str) -> None:
    assert unquote(text, verify) == shown


CLICKABLE = re.compile(r"\]\(\s*<?[a-z]+:|<[a-z]+://|(?<!`)\b(?:https?://|www\.)", re.I)


@pytest.mark.parametrize(
    "text",
    [
        "[記事の公式全文](https://evil.example/login)",
        "[click](<https://evil.example/a>)",
        '[t](https://evil.example "title")',
        "<https://evil.example/b>",
        "see https://evil.example/c. Then",
        "see www.evil.example/d",
        "join discord.gg/abcdef",
        "[¶3](https://evil.example/e)",
        "`https://already.inert` and http://x.example",
    ],
)
def test_links_are_never_clickable(text: str) -> None:
    shown = defang_links(text)
    assert not CLICKABLE.search(shown.replace("`https", "`").replace("`www", "`")), shown
    # The address stays readable, as code.
    assert re.search(r"`[^`]*(evil\.example|x\.example|abcdef|already)[^`]*`", shown), shown


def test_text_without_links_is_left_alone() -> None:
    text = "The treaty [¶3] (signed in June) is U.S.-relevant: see ¶4."
    assert defang_links(text) == text


def test_sentence_punctuation_after_a_url_stays_outside_it() -> None:
    assert defang_links("Go to https://a.example/x.") == "Go to `https://a.example/x`."
