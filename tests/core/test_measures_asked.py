import pytest

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
