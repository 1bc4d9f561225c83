"""What a section heading names, or that it names nothing."""

import pytest

from bot.core.heading_names import heading_names


@pytest.mark.parametrize(
    ("heading", "names"),
    [
        ("ハルカゼ T7", ("ハルカゼ", "T7")),  # a product: its katakana name and model code
        ("## ユキミ AB-20", ("ユキミ", "AB-20")),  # a Markdown heading's marks are no name
        ("第4条（会費の納入）", ("第4条",)),  # a numbered article, not its caption
        ("第2条の3（特例）", ("第2条の3",)),
        ("第1章　総則", ("第1章",)),
        ("北海道の冬", ("北海道",)),  # a proper noun the tagger knows
        ("ソラマメ XR", ("ソラマメ", "XR")),  # capitals after a katakana name
        ("iPhoneの使い方", ("iPhone",)),  # a capital inside a coined name
        ("## 東京の人気店", ("東京",)),
        ("Early years in Lisbon", ("Lisbon",)),  # sentence case: a capital is a name
    ],
)
def test_a_heading_names_the_particular_thing_its_section_is_about(
    heading: str, names: tuple[str, ...]
) -> None:
    assert heading_names(heading) == names


@pytest.mark.parametrize(
    "heading",
    [
        "はじめに",
        "まとめ",
        "概要",
        "試し方",
        "良い点と気になる点",
        "メリットとデメリット",  # katakana common nouns
        "第二の理由",
        "2024年の振り返り",  # a year is no name
        "附則",
        "附則（令和6年3月1日規則第4号）",  # an era dates, it names nothing
        "Introduction",
        "Early Life and Career",  # Title Case: every word has a capital
        "The 1990s",
        # labels in capitals or cut short, numbered or not, and capitals alone
        "## POINT",
        "STEP1",
        "STEP2 にぎる",
        "FAQ",
        "NG例",
        "Vol.2",
        "おすすめPOINT",
        "Q&A",
        "JAXAの計画",
        "大正時代",  # an era, however written
        "昭和の暮らし",
        "Why I left",  # the pronoun I is no name
    ],
)
def test_a_heading_that_names_a_kind_of_content_names_nothing(heading: str) -> None:
    assert heading_names(heading) == ()
