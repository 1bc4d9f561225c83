import pytest

from bot.core.extract import has_figure
from bot.core.measures_asked import MONEY, asked_measure


@pytest.mark.parametrize(
    ("question", "text", "gives"),
    [
        ("入場料はいくら？", "大人1,200円、子ども600円", True),
        ("入場料はいくら？", "開館は9時です。", False),
        ("How old was Ruth?", "Ruth Calder, 64, keeps the light.", True),
        ("What percentage is sold abroad?", "About 30 per cent goes abroad.", True),
    ],
)
def test_how_a_text_gives_the_measure_asked(question: str, text: str, gives: bool) -> None:
    measure = asked_measure(question, None)
    assert measure is not None and bool(measure.search(text)) is gives


def test_a_question_asking_no_measure_has_none() -> None:
    assert asked_measure("駅はどこ？", None) is None


def test_nothing_to_pay_is_an_amount() -> None:
    assert MONEY.search("入場は無料です") and not MONEY.search("関東一円に広がる")


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("開業して15年になります。", True),
        ("勤続3年目の社員", True),
        ("数年前に始めました。", True),
        # A year is no count of years.
        ("2027年1月に作りました。", False),
        ("令和8年分の申告", False),
        ("1962年（昭和37年）の秋", False),
    ],
)
def test_a_span_of_years_is_a_count_of_them_not_a_year(text: str, gives: bool) -> None:
    assert has_figure(text, "芹沢さんは税理士になって何年ですか") is gives


@pytest.mark.parametrize(
    "question", ["創業は何年ですか", "何年に建てられた？", "任期は何年から何年？", "何年も前から"]
)
def test_a_year_asked_is_no_span(question: str) -> None:
    assert has_figure("2027年1月", question) is None
