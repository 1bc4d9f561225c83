"""Named days as the dates a piece writes (`bot.core.calendar_words`)."""

from __future__ import annotations

from bot.core.article import parse_article
from bot.core.calendar_words import on_dates

SCHOOL = parse_article(
    "教習所のご案内\n\n"
    "休校日は、毎週水曜日、8月13日〜16日、12月29日〜1月3日です。\n"
    "合宿免許は、2月〜3月と7月〜9月に受け付けています。\n"
    "受付 | 月曜日・火曜日・木曜日・金曜日 | 9:00〜20:50\n"
)


def test_named_days_become_the_pieces_dates_that_fall_in_them() -> None:
    assert on_dates("お盆休みはありますか", SCHOOL) == "8月13日〜16日 7月〜9月 休みはありますか"
    # 12月31日 falls in a span past the year's end.
    assert on_dates("大みそかは休み？", SCHOOL) == "12月29日〜1月3日 は休み?"
    winter = "12月29日〜1月3日 2月〜3月 も教習はありますか"
    assert on_dates("冬も教習はありますか", SCHOOL) == winter
    # The days of the week the piece lists together, not 水曜日 of 毎週水曜日.
    assert on_dates("平日は何時まで？", SCHOOL) == "月曜日 火曜日 木曜日 金曜日 は何時まで?"


def test_days_the_piece_lists_join_its_own_name_for_them() -> None:
    # 平日 in the opening hours, the days listed in a table: both are searched with.
    school = parse_article(
        "案内\n\n受付時間：平日9:00〜19:00。\n月曜日・火曜日・木曜日・金曜日 | 9:00〜20:50\n"
    )
    listed = "平日 月曜日 火曜日 木曜日 金曜日 は夜何時まで?"
    assert on_dates("平日は夜何時まで？", school) == listed
    # Days named apart (定休日は水曜日) are no list: 平日 stays the reader's word.
    shop = parse_article("案内\n\n定休日は水曜日です。営業は10時からです。\n")
    assert on_dates("平日は何時から？", shop) == "平日は何時から？"


def test_a_span_without_its_second_month_ends_in_the_next_one() -> None:
    # 8月30日〜2日 is 30 August to 2 September, not the year round from August.
    late = parse_article("案内\n\n8月30日〜2日は休業します。年末は12月29日〜1月3日に休みます。\n")
    assert on_dates("大みそかは休み？", late) == "12月29日〜1月3日 は休み?"
    assert on_dates("お盆は休み？", late) == "お盆は休み？"


def test_names_the_piece_writes_or_that_name_no_days_are_left_alone() -> None:
    # The piece writes 平日 and お盆: the reader's words are its own.
    own = parse_article("案内\n\n平日は9時からです。お盆（8月10日〜18日）は休みます。\n")
    assert on_dates("平日は何時から？", own) == "平日は何時から？"
    assert on_dates("お盆は休み？", own) == "お盆は休み？"
    # A season named inside a word (冬季) is the piece's own name for it; 2024年夏 is a word.
    camp = parse_article("案内\n\n12月〜3月は冬季休業です。2024年夏は8月1日から開きました。\n")
    assert on_dates("冬もやっていますか", camp) == "12月〜3月 もやっていますか"
    assert on_dates("夏はいつから？", camp) == "夏はいつから？"
    # A season's kanji inside a name is no season; a piece without dates changes nothing.
    assert on_dates("春日部駅から行けますか", SCHOOL) == "春日部駅から行けますか"
    spring = "2月〜3月 に春日部駅から行けますか"  # the season alone: not 春 of 春日部
    assert on_dates("春に春日部駅から行けますか", SCHOOL) == spring
    # GW of a power (5GW) or of an energy (GWh) names no holidays.
    plant = parse_article("発電所\n\n出力は500万kWです。2024年5月1日に運転を始めました。\n")
    assert on_dates("出力は5GWですか", plant) == "出力は5GWですか"
    assert on_dates("年間発電量は何GWhですか", plant) == "年間発電量は何GWhですか"
    assert on_dates("GWは運転しますか", plant) == "5月1日 は運転しますか"
    undated = parse_article("案内\n\n毎週水曜日は休みです。\n")
    assert on_dates("お盆は休み？", undated) == "お盆は休み？"
