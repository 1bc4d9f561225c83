"""A superlative question picks a table's row by a column: the most, the least, the last."""

from __future__ import annotations

import pytest

from bot.core.article import parse_article
from bot.engines.offline.engine import OfflineEngine
from bot.engines.offline.superlatives import _value, superlative
from tests.engines.offline.test_engine import assert_grounded

GAME = (
    "ルールブック\n\n"
    "島と品物は次のとおりです。\n\n"
    "島 | とれる品物 | 港からの距離\n\n"
    "蛤ヶ島 | 塩 | 1マス\n\n灯籠島 | 香辛料 | 4マス\n\n鯨島 | 絹 | 2マス\n\n"
    "嵐のときは、船を1マス戻します。\n"
)
SESSIONS = (
    "注射のご案内\n\n"
    "今年も集合注射を行います。\n\n"
    "日付 | 会場 | 時間\n\n"
    "4月10日（土） | 市役所 東駐車場 | 9:30〜11:30\n\n"
    "4月11日（日） | 運動公園 第2駐車場 | 13:00〜15:00\n\n"
    "4月25日（日） | 公民館 | 13:00〜15:00\n\n"
    "雨の日も行います。\n"
)
MACHINES = (
    "機種の比べ方\n\n"
    "3機種の違いをまとめました。\n\n"
    "項目 | mini | S3 | S5 Pro\n\n"
    "本体価格 | 29,800円 | 49,800円 | 79,800円\n\n"
    "運転音（標準モード） | 約60dB | 約58dB | 約55dB\n\n"
    "店頭でお試しいただけます。\n"
)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("港からいちばん遠い島はどこ？", (1, "遠")),
        ("いちばん音が静かな機種は？", (-1, "静か")),
        ("いちばん最後の日はどこ？", ("last", "最後")),
        ("平日、朝いちばんにやっている番組は？", ("first", "朝")),
        ("Which tomato gives the earliest harvest?", (-1, "earliest")),
        # The measure named is no superlative (高さ of いちばん薄いのは高さ何センチ), nor is
        # last month or the first harvest.
        ("一番薄いのは高さ何センチ？", None),
        ("I did a course last month. Do I get anything off?", None),
        ("Are the days to first harvest counted from sowing?", None),
        ("島はいくつある？", None),
        # What the word says of, named before it: a measure (人, 値段) or no column's (人気).
        ("いちばん人の多い日は？", (1, "多")),
        ("いちばん値段が安いのは？", (-1, "安")),
        ("いちばん人気の高いメニューは？", None),
    ],
)
def test_the_superlative_a_question_asks_by(question: str, asked: tuple | None) -> None:
    found = superlative(question)
    assert (found[:2] if found else None) == asked


async def test_the_most_of_the_column_a_question_names() -> None:
    article = parse_article(GAME)
    answer = await OfflineEngine(article).ask("港からいちばん遠い島はどこ？")
    assert "灯籠島 | 香辛料 | 4マス" in answer.text and "港からの距離" in answer.text
    assert_grounded(answer, article)
    answer = await OfflineEngine(article).ask("港からいちばん近い島はどこ？")
    assert "蛤ヶ島 | 塩 | 1マス" in answer.text and "灯籠島" not in answer.text


async def test_the_last_of_a_column_of_dates_though_it_names_a_parking_number() -> None:
    """4月11日 | …第2駐車場 | 13:00〜15:00 is no row written across (its first cell is a day)."""
    article = parse_article(SESSIONS)
    answer = await OfflineEngine(article).ask("いちばん最後の日はどこで何時から？")
    assert "4月25日（日） | 公民館" in answer.text and "4月11日" not in answer.text
    assert_grounded(answer, article)


async def test_a_table_written_across_answers_with_the_measure_s_row() -> None:
    article = parse_article(MACHINES)
    answer = await OfflineEngine(article).ask("いちばん音が静かな機種は？")
    assert "約55dB" in answer.text and "S5 Pro" in answer.text
    assert_grounded(answer, article)


async def test_a_superlative_about_what_the_piece_never_names_picks_no_row() -> None:
    answer = await OfflineEngine(parse_article(GAME)).ask("日本でいちばん長い川は？")
    assert "マス" not in answer.text


ROOMS = (
    "料金表\n\n"
    "公民館の部屋の料金は次のとおりです。\n\n"
    "部屋 | 定員 | 料金\n\n"
    "和室 | 10人 | 500円\n\n会議室 | 30人 | 0円\n\n大ホール | 200人 | 3,000円\n\n"
    "予約は窓口で受け付けます。\n"
)


async def test_a_figure_of_nought_is_the_least() -> None:
    """0円 is a figure (the cheapest), not a cell without one."""
    article = parse_article(ROOMS)
    answer = await OfflineEngine(article).ask("いちばん安い部屋は？")
    assert "会議室 | 30人 | 0円" in answer.text and "和室" not in answer.text
    assert_grounded(answer, article)


@pytest.mark.parametrize(
    ("later", "earlier"),
    [
        ("5月20日 10:00", "5月10日 14:00"),  # the day before the time of day
        ("2024年2月1日", "2023年11月1日"),  # the year before the month
        ("4月25日", "4月11日"),
        ("13:00〜15:00", "9:30〜11:30"),
    ],
)
def test_a_date_compares_by_its_year_then_its_day_then_its_time(later: str, earlier: str) -> None:
    assert _value(later) > _value(earlier)


COURSES = (
    "ハイキングのご案内\n\n"
    "三つのコースがあります。\n\n"
    "コース | 距離 | 時間\n\n"
    "初心者コース | 3km | 60分\n\n中級コース | 8km | 150分\n\n上級コース | 12km | 240分\n\n"
    "雨天中止です。\n"
)


async def test_a_table_headed_by_its_measures_is_written_down() -> None:
    """Each row's first cell names the question's コース, but the header names the measures:
    no row is the measure's own."""
    article = parse_article(COURSES)
    answer = await OfflineEngine(article).ask("いちばん長いコースは？")
    assert "上級コース | 12km | 240分" in answer.text and "初心者コース" not in answer.text
    answer = await OfflineEngine(article).ask("いちばん短いコースは？")
    assert "初心者コース | 3km | 60分" in answer.text and "上級コース" not in answer.text


def test_most_as_a_quantifier_is_no_superlative() -> None:
    assert superlative("What do most people bring?") is None
    assert superlative("Which variety gives the most seeds per packet?") is not None


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("午前10時", "午後2時"),
        ("10:30 am", "2 p.m."),
        ("9.30am", "9.30pm"),
        ("午後2時", "午後2時半"),
        ("2024/3/31", "2024/4/1"),
        ("5月10日 14:00", "5月20日 10:00"),
        ("-5℃", "3℃"),
        ("マイナス3度", "0度"),
        ("£2.95", "£10.50"),
    ],
)
def test_cells_compare_as_the_figures_they_write(earlier: str, later: str) -> None:
    low, high = _value(earlier), _value(later)
    assert low is not None and high is not None and low < high


async def test_the_last_of_times_written_in_the_afternoon() -> None:
    article = parse_article(
        "見学会のご案内\n\n見学会は一日に三回です。\n\n"
        "回 | 開始 | 定員\n\n第1回 | 午前10時 | 20名\n\n第2回 | 午後2時 | 20名\n\n"
        "第3回 | 午前11時半 | 10名\n\nお申し込みは電話で。\n"
    )
    answer = await OfflineEngine(article).ask("いちばん遅い回は何時から？")
    assert "第2回 | 午後2時" in answer.text and "第3回" not in answer.text
    assert_grounded(answer, article)


async def test_the_last_day_is_no_latest_opening_hour() -> None:
    """いちばん最後の日 asks a column of days, not of hours (受付時間 holds 時 too)."""
    article = parse_article(
        "店舗のご案内\n\n三つの店舗でお預かりします。\n\n"
        "店舗 | 受付時間 | 定休日\n\n本店 | 8:00〜20:00 | 火曜日\n\n"
        "駅前店 | 7:00〜21:00 | なし\n\n取次店 | 10:00〜19:00 | 水曜日\n\n"
        "仕上がりは翌日です。\n"
    )
    answer = await OfflineEngine(article).ask("いちばん最後の日は？")
    assert "取次店 | 10:00〜19:00" not in answer.text
