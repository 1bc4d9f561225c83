"""Labelled entries: a line giving a label and its value (受付：03-0000-1234, 休診日：木曜日・祝日),
which a notice or a guide lists and a reader asks about, never a heading (`core.structure`)."""

from __future__ import annotations

import re

# A label with a figure for its value, opening it (an era's year too: 日時：令和9年1月23日) or
# closing it with its unit, or days of the week: 受付：03-0000-1234, 保証期間：本体1年間,
# 休診日：木曜日・祝日. Not a heading
# (課題：3つの壁, 連載：第12回, 第1回：2040年問題, 特集：月曜から始める朝活, Part 2: 5 lessons);
# a rate after its figure is the value's (土曜日・日曜日・祝日：基本運賃の20%増);
# a の in a bracketed remark after the figure is the remark's (開園時間：6:00〜21:00（…の…）).
_UNIT = (
    r"[万億千]?(?:年間?|[かヶカケ]?月|週間?|日間?|時間?|号室?"
    r"|[分秒円名人回歳才%％件個台冊点枚本階室泊席度級割]|[kcm]?[mg])"
)
ENTRY = re.compile(
    r"[^：:。]{0,29}[^：:。0-9０-９][：:](?!.*[A-Za-z]{3})[ \t　]*(?![ \t　])"  # spaces once
    r"(?:(?:[$¥￥€£]?[0-9０-９]|(?:令和|平成|昭和|大正|明治)[0-9０-９元])(?![^の（(]*の)"
    rf"|[^。]*?(?<![0-9０-９,.第])(?<!その)[0-9０-９][0-9０-９,.]*\s*{_UNIT}"
    r"(?:[（(][^）)]*[）)]|以上|以下|未満|まで|程度|から|増し?|減|引き?|割引|オフ)*$"
    r"|(?>[^。]*[月火水木金土日]曜)(?:日|[・、,／/〜～ 　]|祝日|休日|（[^）]*）)*$)"  # the last 曜
)

# A label and its value on one line (生活保護を受けている方：無料), whatever the value is.
LABELLED = re.compile(r"([^：:。]{1,30})[：:][ \t　]*[^\s：:]")
