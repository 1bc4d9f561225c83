import pytest

from bot.core.article import parse_article
from bot.core.ranges import in_ranges, piece_ranges

INSERT = (
    "かぜ薬\n\n"
    "次の人は服用しないでください。7歳未満の小児。\n\n"
    "15歳以上 | 3錠 | 3回\n\n"
    "11歳以上15歳未満 | 2錠 | 3回\n\n"
    "7歳以上11歳未満 | 1錠 | 3回\n\n"
    "5日間を超えて服用しないでください。定員は3〜5人です。\n"
)


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        ("5歳の子どもに飲ませても大丈夫？", "7歳未満の子どもに飲ませても大丈夫?"),
        ("12歳の子は何錠飲めばいいですか", "11歳以上15歳未満の子は何錠飲めばいいですか"),
        ("40歳は何錠？", "15歳以上は何錠?"),
        ("4人で参加できる？", "3〜5人で参加できる?"),
    ],
)
def test_a_figure_is_asked_as_the_narrowest_range_that_holds_it(
    question: str, rewritten: str
) -> None:
    assert in_ranges(question, parse_article(INSERT)) == rewritten


def test_a_figure_the_piece_writes_or_no_range_holds_stays() -> None:
    article = parse_article(INSERT)
    for question in ("15歳は何錠？", "5日間飲んでいい？", "60kgの人は？", "何歳から飲める？"):
        assert in_ranges(question, article) == question
    # 5日 is no bound (5日間を超えて: the unit is 日間), and a bound's units agree.
    assert {r.text for r in piece_ranges(article)} == {
        "7歳未満",
        "15歳以上",
        "11歳以上15歳未満",
        "7歳以上11歳未満",
        "3〜5人",
    }


@pytest.mark.parametrize(
    "piece",
    [
        # A constant's thousand places: each start had rescanned the rest of the run.
        "円周率\n\n" + "1" * 6_000 + "桁まで求めた。\n\n7歳未満。\n",
        # The spaces around a span's " to " had been read by three quantifiers in a row: 2,000
        # spaces after a number (a plain text's aligned columns) took 8 s, 4,000 took 50 s.
        "表\n\n5" + " " * 3_000 + "x。\n\n7歳未満。\n",
    ],
    ids=["digits", "spaces"],
)
def test_a_long_run_is_read_in_linear_time(piece: str) -> None:
    import time

    article = parse_article(piece)
    started = time.perf_counter()
    assert in_ranges("5歳は？", article) == "7歳未満は?"
    assert time.perf_counter() - started < 2


def test_a_latin_unit_is_a_whole_word() -> None:
    # 7mg is no 7m (the piece's 3〜10m), nor 4mm, nor "5 minutes".
    article = parse_article("用法\n\n1日3〜10mを歩く。錠剤は5mg以下。\n")
    assert {r.text for r in piece_ranges(article)} == {"3〜10m", "5mg以下"}
    for question in ("7mgは飲める？", "4mmのすき間は？", "Walk for 5 minutes?"):
        assert in_ranges(question, article) == question
    assert in_ranges("4mgは？", article) == "5mg以下は?"
    assert in_ranges("4mは？", article) == "3〜10mは?"


def test_a_number_with_thousands_separators_is_one_number() -> None:
    # Not 500円 inside 2,500円, nor a range 000円以上 inside 1,000円以上.
    article = parse_article("寄付\n\n1,000円以上の寄付をお願いします。会費は1500円です。\n")
    assert {r.text for r in piece_ranges(article)} == {"1,000円以上"}
    assert in_ranges("2,500円で足りる？", article) == "1,000円以上で足りる?"
    assert in_ranges("1,500円でいい？", article) == "1,500円でいい？"  # written as 1500円
    assert in_ranges("500円でいい？", article) == "500円でいい？"


def test_a_figure_that_places_is_no_amount() -> None:
    # 4月8日 is no 8 days within 20日まで (a day of March), 第5回 no 5 times of 3回以上.
    article = parse_article(
        "図書館\n\n3月1日から3月20日まで休館します。3回以上欠席すると修了証は出ません。"
        "受付は10時30分までです。\n"
    )
    assert {r.text for r in piece_ranges(article)} == {"3回以上"}
    for question in ("4月8日は開いている？", "第5回はいつ？", "15分で着く？"):
        assert in_ranges(question, article) == question
    assert in_ranges("5回休んだら？", article) == "3回以上休んだら?"


BAGGAGE = (
    "Baggage\n\n"
    "Each checked bag may weigh up to 23 kg. Bags of 23.1 to 32 kg are charged USD 60.\n\n"
    "Over 32 kg, a bag must be sent as cargo. Batteries of 100 Wh–160 Wh need approval.\n\n"
    "We raised 5M dollars last year.\n"
)


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        (
            "My suitcase weighs 27 kg. What will that cost me?",
            "My suitcase weighs 23.1 to 32 kg. What will that cost me?",
        ),
        ("Can I check in a bag that weighs 35 kg?", "Can I check in a bag that weighs Over 32 kg?"),
        ("My bag is 20 kg. Is that fine?", "My bag is up to 23 kg. Is that fine?"),
        ("Is a 120 Wh battery ok?", "Is a 100 Wh–160 Wh battery ok?"),
    ],
)
def test_english_ranges_and_bounds_before_the_figure(question: str, rewritten: str) -> None:
    assert in_ranges(question, parse_article(BAGGAGE)) == rewritten


def test_an_english_bound_holds_its_figure_only_when_it_says_so() -> None:
    ranges = {r.text: r for r in piece_ranges(parse_article(BAGGAGE))}
    assert ranges["up to 23 kg"].holds(23) and not ranges["Over 32 kg"].holds(32)
    assert not any(r.unit == "m" for r in ranges.values())  # 5M dollars is no length


def test_an_english_bound_said_with_not_or_no_is_the_other_way() -> None:
    # "not more than 7 kg" is at most 7 kg, "not less than 100 Wh" at least 100 Wh: they
    # had been read as over 7 kg and under 100 Wh (7 kg asked as "more than 7 kg").
    article = parse_article(
        "Rules\n\nA cabin bag must weigh not more than 7 kg.\n\n"
        "Batteries of not less than 100 Wh need approval.\n"
    )
    ranges = {r.text: r for r in piece_ranges(article)}
    assert ranges["not more than 7 kg"].holds(7) and ranges["not more than 7 kg"].holds(5)
    assert not ranges["not more than 7 kg"].holds(9)
    battery = ranges["not less than 100 Wh"]
    assert battery.holds(100) and not battery.holds(50)
    assert in_ranges("Is a 5 kg bag fine?", article) == "Is a not more than 7 kg bag fine?"


def test_must_not_exceed_holds_its_figure() -> None:
    # "must not exceed 7 kg" is at most 7 kg; "exceeding 32 kg" is over it (review).
    article = parse_article(
        "Bags\n\nA cabin bag must not exceed 7 kg. Bags exceeding 32 kg go as cargo.\n"
    )
    ranges = {r.text: r for r in piece_ranges(article)}
    assert ranges["not exceed 7 kg"].holds(7) and ranges["not exceed 7 kg"].holds(5)
    assert not ranges["exceeding 32 kg"].holds(32) and ranges["exceeding 32 kg"].holds(40)


def test_an_english_bound_after_the_figure_holds_it() -> None:
    # "23 kg or less", "32 kg or more": policies put the bound after the figure too.
    article = parse_article(
        "Bags\n\nBags weighing 23 kg or less travel free. Bags of 32 kg or more go as cargo.\n"
    )
    assert in_ranges("My bag is 20 kg", article) == "My bag is 23 kg or less"
    assert in_ranges("My bag is 40 kg", article) == "My bag is 32 kg or more"
    ranges = {r.text: r for r in piece_ranges(article)}
    assert ranges["23 kg or less"].holds(23) and ranges["32 kg or more"].holds(32)


def test_an_age_no_range_holds_is_asked_as_the_school_stage_the_piece_names() -> None:
    """5歳 is 小学生未満 where the fare table speaks in school stages; 12, between two
    stages, stays, as does an age where the piece names no stage."""
    fares = parse_article(
        "リフト券\n\n"
        "小学生未満のお子さまは無料です。\n\n"
        "小学生 | 3,400円\n\n"
        "中学生以上 | 6,300円\n"
    )
    assert in_ranges("5歳の子どもはいくら", fares) == "小学生未満の子どもはいくら"
    assert in_ranges("9歳の子どもはいくら", fares) == "小学生の子どもはいくら"
    assert in_ranges("12歳の子どもはいくら", fares) == "12歳の子どもはいくら"
    plain = parse_article("入場料\n\n大人は500円です。\n\n団体は割引があります。\n")
    assert in_ranges("5歳の子どもはいくら", plain) == "5歳の子どもはいくら"
