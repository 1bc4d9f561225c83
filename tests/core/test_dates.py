"""Header dates: the forms a header line writes a date in, kept as written."""

from __future__ import annotations

import pytest

from bot.core.article import parse_article
from bot.core.dates import dates_a_day, header_date, header_date_in


@pytest.mark.parametrize(
    ("line", "date"),
    [
        # Numeric, as before: ISO, a day first, a year and month, a year alone.
        ("2025-03-08", "2025-03-08"),
        ("30.10.2024", "30.10.2024"),
        ("1934-11", "1934-11"),
        ("1911", "1911"),
        ("2025/03/08", "2025/03/08"),
        ("2025.3.8", "2025.3.8"),
        ("2024-10-18T09:00:00+09:00", "2024-10-18T09:00:00+09:00"),
        # English.
        ("March 8, 2025", "March 8, 2025"),
        ("Mar. 8, 2025", "Mar. 8, 2025"),
        ("Sept 30 2024", "Sept 30 2024"),
        ("8 March 2025", "8 March 2025"),
        ("8th of March, 2025", "8th of March, 2025"),
        ("Saturday, March 8, 2025", "Saturday, March 8, 2025"),
        ("March 2025", "March 2025"),
        ("Published: March 8, 2025", "March 8, 2025"),
        ("Updated March 9, 2025, 10:30 a.m. GMT", "March 9, 2025, 10:30 a.m. GMT"),
        ("Published March 8, 2025 · Updated March 9, 2025", "March 8, 2025"),
        # Japanese: the western year, an era's, in kanji, full width; 付, a weekday, a time.
        ("2024年11月5日", "2024年11月5日"),
        ("2024年11月5日付", "2024年11月5日付"),
        ("2024年11月", "2024年11月"),
        ("令和6年11月5日", "令和6年11月5日"),
        ("令和元年5月1日", "令和元年5月1日"),
        ("平成31年4月30日", "平成31年4月30日"),
        ("令和六年十一月五日", "令和六年十一月五日"),
        ("二〇二四年十一月五日", "二〇二四年十一月五日"),
        ("２０２４年１１月５日", "２０２４年１１月５日"),
        ("2024年11月5日（火）", "2024年11月5日（火）"),
        ("2024年10月18日 9:00", "2024年10月18日 9:00"),
        # A label before or after the date is not the date.
        ("公開日：2024年11月5日", "2024年11月5日"),
        ("更新日: 2024/11/06", "2024/11/06"),
        ("掲載日 2024年11月5日", "2024年11月5日"),
        ("2024年11月5日 公開", "2024年11月5日"),
        ("公開日：2024/11/05　更新日：2024/11/06", "2024/11/05"),
    ],
)
def test_a_date_line_gives_its_date_as_written(line: str, date: str) -> None:
    found = header_date(line)
    assert found == date
    assert found in line  # verbatim: a ¶0 citation quotes it


@pytest.mark.parametrize(
    "line",
    [
        "On March 8, 2025, the council voted",  # a sentence that mentions a date
        "2024年11月5日に開業",
        "市は13日に発表",
        "8 March",  # no year
        "March",
        "May the best team win",
        "昭和の日",
        "平成の大合併",
        "2024年の記録",
        "1,200人",
        "第2回",
        "佐藤 由美",
        "The Coastal Review",
    ],
)
def test_a_line_that_is_not_only_a_date_is_none(line: str) -> None:
    assert header_date(line) is None


def test_a_year_alone_under_the_title_is_a_section_heading_not_a_header() -> None:
    """A timeline's 1945年 under its title heads a section: a lone line makes a header only
    when its date names a month or a day."""
    article = parse_article(
        "戦後日本の歩み\n\n1945年\n\n日本は連合国に降伏し、戦争が終わった。\n\n"
        "1964年\n\n東京でオリンピックが開かれた。\n"
    )
    assert article.meta.date is None and article.meta.title == "戦後日本の歩み"
    assert article.paragraph(1).text == "1945年"
    assert dates_a_day("2024年11月5日") and dates_a_day("March 8, 2025")
    assert not dates_a_day("1945年") and not dates_a_day("2024")


def test_a_date_inside_a_longer_header_line() -> None:
    assert header_date_in("令和2年3月1日　町規則第4号") == "令和2年3月1日"
    assert header_date_in("改正　2023年6月1日　町規則第9号") == "2023年6月1日"
    # A year alone, or no date, names no day.
    assert header_date_in("2023年度　町規則第9号") is None
    assert header_date_in("町規則第9号") is None
