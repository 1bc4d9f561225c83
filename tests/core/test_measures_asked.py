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


@pytest.mark.parametrize(
    ("question", "text", "gives"),
    [
        ("How heavy are Black Tansy fruits?", "Fruits of up to 400 g.", True),
        ("How heavy can my carry-on be?", "One bag of 7 kg in Economy.", True),
        (
            "How heavy are Marrowbone Red fruits?",
            "Marrowbone Red: a red beefsteak, 75 days.",
            False,
        ),
        ("How tall is the stone lantern?", "The lantern stands 3.2 metres high.", True),
        ("How deep do I sow the seed?", "Sow 6 mm deep in a 9 cm pot.", True),
        ("How deep is the dive site?", "A dive of 45 minutes; six divers a boat.", False),
        ("How wide is the sideboard?", "Teak, 200 cm wide.", True),
        # One of a unit, spelled out.
        ("How wide is the river near the mill?", "The river is more than a mile wide.", True),
        ("How heavy is the largest stone?", "The largest stone weighs about a ton.", True),
        ("How deep should the trench be?", "Dig it half a metre deep.", True),
        # Not a length: a time, a count, a price.
        ("How tall is the tower?", "Built in 1898 for £2,000.", False),
    ],
)
def test_a_size_asked_in_english_is_given_by_a_figure_with_its_unit(
    question: str, text: str, gives: bool
) -> None:
    measure = asked_measure(question, None)
    assert measure is not None and bool(measure.search(text)) is gives


def test_how_far_how_long_and_how_high_ask_no_size() -> None:
    """How far is answered in minutes on foot as often as in metres; How long in days; How
    high in pounds or degrees as often as in metres."""
    assert asked_measure("How far is the shrine from the station?", None) is None
    assert asked_measure("How long do tomato seeds keep?", None) is None
    assert asked_measure("How high can summer temperatures on the hill get?", None) is None
    fee = asked_measure("How high is the parking charge?", None)
    assert fee is None or fee.search("Parking costs £4 a day.")


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("We have 12 boreholes at Harlstead.", True),
        ("Twelve inspectors check gardens.", True),
        # No figure: the boreholes are named, not counted; "one of" counts nothing asked.
        ("Water from the Harlstead boreholes is pumped to Sallowby.", False),
        ("One of our inspectors may call.", False),
    ],
)
def test_a_count_asked_in_english_is_given_by_a_figure(text: str, gives: bool) -> None:
    measure = asked_measure("How many boreholes are there at Harlstead?", None)
    assert measure is not None and bool(measure.search(text)) is gives


@pytest.mark.parametrize(
    ("question", "text", "gives"),
    [
        ("西浜地区の65歳以上の割合は？", "高嶺地区では52.3%です。", True),
        ("西浜地区の65歳以上の割合は？", "西浜地区 | 4,210人 | 1,980世帯", False),
        ("労働者の農業に占める割合は?", "労働者の約8割が農業に従事する。", True),
        ("ラオスの1950年以降の3つの人口比率は？", "ラオ族、山地民、その他は60対25対15。", True),
        ("遅延損害金の利率は？", "年3パーセントの割合による金員", True),
        ("家屋と学校の全壊の割合は？", "家屋の全壊百三十五に対し学校の全壊一の割合", True),
    ],
)
def test_a_share_asked_in_japanese_is_given_by_a_share(
    question: str, text: str, gives: bool
) -> None:
    measure = asked_measure(question, None)
    assert measure is not None and bool(measure.search(text)) is gives
