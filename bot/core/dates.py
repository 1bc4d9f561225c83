"""A header line that is a date, in the forms pieces write one: 2025-03-08, 30.10.2024,
March 8, 2025, 8 March 2025, 2024年11月5日付, 令和6年11月5日（火）, 公開日：2024/11/05.

`header_date(line)` gives the date as the line writes it (the citation of ¶0 is that exact
text), without a label before it (公開日：, Published:) or after it (公開, 更新). The whole
line must be a date: a sentence that mentions one (On March 8, 2025, the council voted) is
no header date.
"""

from __future__ import annotations

import re

# Digits as Japanese writes them too (二〇二四年, 令和六年十一月五日); `\d` takes ２０２４.
_JA_DIGITS = r"[\d〇一二三四五六七八九十]"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|"
    r"Sat(?:urday)?|Sun(?:day)?)\.?,?\s+"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
# The eras a Japanese date is counted in (令和6年): a time, not a thing a heading names.
ERA = r"(?:令和|平成|昭和|大正|明治)"
_DAY = (
    # 2025-03-08, 2025/3/8, 2025.3.8, 2024-11 (and a time: 2024-10-18T09:00:00+09:00)
    r"\d{4}(?:[-/.]\d{1,2}){1,2}"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}"  # 30.10.2024, 3/8/2025
    # 2024年11月5日, 二〇二四年十一月, 令和6年11月5日, 平成元年
    rf"|(?:\d{{4}}|{_JA_DIGITS}{{4}}|{ERA}\s*(?:{_JA_DIGITS}{{1,2}}|元))\s*年"
    rf"(?:\s*{_JA_DIGITS}{{1,2}}\s*月(?:\s*{_JA_DIGITS}{{1,3}}\s*日?)?)?"
    # March 8, 2025; Mar. 8th 2025; Saturday, March 8, 2025; 8 March 2025; March 2025
    rf"|(?:{_WEEKDAY})?(?:{_MONTH}\s*\d{{1,2}}{_ORDINAL},?\s*\d{{4}}"
    rf"|\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?{_MONTH},?\s*\d{{4}}|{_MONTH},?\s*\d{{4}})"
    r"|\d{4}"  # a year alone
)
# After the day: its weekday in brackets, a time, 付 (dated).
_AFTER = (
    r"(?:\s*[（(][月火水木金土日](?:曜日?)?[)）])?"
    r"(?:,?\s*(?:at\s+)?\d{1,2}(?:[:：]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Z]{2,5}|[（(][A-Z]{2,5}[)）]))?"
    r"|\s*(?:午前|午後)?\s*\d{1,2}時(?:\s*\d{1,2}分)?)?"
    r"(?:\s*付け?)?"
)
# What is done to a piece on a date: a label's word (公開日：, 更新), and a question's (公開日は？).
PUBLISHING = "公開|更新|掲載|配信|発行|投稿|作成|執筆|発表"
# What a date line calls its date, before it (公開日：, Published on) or after it (公開).
_LABEL_BEFORE = (
    rf"(?:(?:最終)?(?:{PUBLISHING}|初出)(?:日時|日付|年月日|日)?"
    r"|日付|年月日|(?:(?:last\s+)?(?:published|updated|posted|modified|revised)|"
    r"first\s+published|dated?|publication\s+date|published\s+date)(?:\s+on)?)\s*[:：]?\s*"
)
_LABEL_AFTER = rf"(?:\s*(?:{PUBLISHING}))?"
_ONE = rf"(?:{_LABEL_BEFORE})?(?P<date>(?:{_DAY}){_AFTER}){_LABEL_AFTER}"
# A second date may follow, labelled (公開日：2024/11/05　更新日：2024/11/06): the first one
# is the piece's.
_LINE = re.compile(
    rf"\s*{_ONE}(?:\s*[|｜/／・·,、]?\s*{_LABEL_BEFORE}(?:{_DAY}){_AFTER}{_LABEL_AFTER})?\s*",
    re.I,
)


def header_date(line: str) -> str | None:
    """The date a header line gives, as written, if the whole line is a date."""
    m = _LINE.fullmatch(line)
    return m.group("date") if m else None


_YEAR_ALONE = re.compile(
    rf"(?:\d{{4}}|{_JA_DIGITS}{{4}}|{ERA}\s*(?:{_JA_DIGITS}{{1,2}}|元))\s*年?"
)


def dates_a_day(line: str) -> bool:
    """Whether a header line is a date that names more than a year: a line alone under the
    title makes a header only so (1945年 is a timeline's section heading as often)."""
    date = header_date(line)
    return date is not None and _YEAR_ALONE.fullmatch(date.strip()) is None


_DAY_IN = re.compile(rf"(?<![\d〇一二三四五六七八九十])(?:{_DAY}){_AFTER}", re.I)


def header_date_in(line: str) -> str | None:
    """The first date naming a day, as written, in a header line that says more than its
    date (平成28年3月25日　教育委員会規則第4号 → 平成28年3月25日)."""
    for m in _DAY_IN.finditer(line):
        if _YEAR_ALONE.fullmatch(m.group().strip()) is None:
            return m.group().strip()
    return None
