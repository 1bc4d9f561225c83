import time

import pytest

from bot.core.entries import ENTRY, LABELLED


@pytest.mark.parametrize(
    "line",
    [
        "受付：03-0000-1234",
        "料金：約500円",
        "保証期間：お買い上げ日から本体1年間",
        "一次申込：令和7年11月4日（火）から11月28日（金）まで",
        "名　　称：メゾン朝霧 203号室",
        "休診日：木曜日・日曜日・祝日",
        "定休日：毎週水曜日",
        # A date in an era's years opens with the era's name.
        "日時：令和9年1月23日（土）と2月6日（土）、いずれも10:00〜16:00",
        "対象となる期間：令和8年1月1日から12月31日までに実際に支払った医療費",
        "創業：平成元年",
        # A の in the bracketed remark after the figure is the remark's, not the value's.
        "開園時間：6:00〜21:00（陸上競技場・野球場の貸切は8:00から）",
        # A rate after its figure (20%増) is the value's.
        "土曜日・日曜日・祝日：基本運賃の20%増",
        "早朝（8時より前の作業開始）：基本運賃の20%増し",
        "学生：入館料の1割引",
    ],
)
def test_a_label_with_its_figure_or_its_days_is_an_entry(line: str) -> None:
    assert ENTRY.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "課題：3つの壁",
        "課題：3つの壁（第2回）",
        "連載：第12回",
        "第1回：人口減少と2040年問題",
        "特集：月曜から始める朝活",
        "特集：令和の働き方",
        # An era's first year is a figure like its others: a の after it is the heading's.
        "テーマ：令和元年の振り返り",
        "テーマ：令和2年の振り返り",
    ],
)
def test_a_heading_with_a_colon_is_no_entry(line: str) -> None:
    assert not ENTRY.match(line)
    assert LABELLED.match(line)  # a label and a value all the same


@pytest.mark.parametrize(
    "line",
    [
        "氏名：" + " " * 20_000 + "x",
        "休業日：" + "月曜" * 10_000 + "x",
        "料金：" + "1円（）" * 5_000 + "x",
        "番号：あ" + "1" * 20_000 + "x",
    ],
)
def test_a_long_line_is_read_in_linear_time(line: str) -> None:
    started = time.perf_counter()
    ENTRY.match(line)
    assert time.perf_counter() - started < 0.5
