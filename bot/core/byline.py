"""The short lines under a piece's title: who wrote it, where it appeared, when.

`header_lines` says how many of the lines after the title's blank line are such lines,
`is_header` whether they make a header at all (and are not a section heading), and `byline`
which of them is the author, the source and the date, as the file writes them: the author
without the label before the name (執筆・三浦 健一 → 三浦 健一, By Jane Doe → Jane Doe), a
newsletter with its issue (郷土会報 第42号) as the source, a regulation's enactment and
amendment lines (令和2年3月1日　町規則第4号, 改正　…) as neither, their first date as the date,
and a credit for the pictures (写真・鈴木 花子) as neither, though a header line still.
Plain text (`core.article`) and Markdown (`library.formats.markdown`) both read them here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.dates import dates_a_day, header_date, header_date_in
from bot.core.numbering import NUMERAL, PART_NUMBER
from bot.core.text import SENTENCE_END

_HEADER_LINE_MAX = 60
_LINES_MAX = 3  # author, source, date; a fourth only when it is a second date (更新日：…)
# A list item's marker opening a line (- item, * item, ・項目, 1. item, (2) item, ③ item): an
# item is never the continuation of the line before it, nor an author or source line.
BULLET = re.compile(
    r"[ \t]*(?:[-*+•◦▪‣][ \t]|[・●○■□◆◇▶►※]|\(?\d{1,3}[.)）][ \t]|[（(]\d{1,3}[)）]|[①-⑳])"
)
_ISSUE = (
    rf"(?:[\s　]*(?:第\s*[{NUMERAL}]+\s*号|創刊号|"
    r"[0-9０-９]{1,2}\s*月号|(?:vol|no|issue)\.?\s*[0-9]+(?:\s*[,、]?\s*no\.?\s*[0-9]+)?))*"
)
# A header line that names where the piece appeared, not who wrote it (北川町日報, 青空文庫,
# 郷土史研究会会報 第42号, Valdai Club, The Daily Post): alone, it is the source; before a name
# that is not one, the source too. The outlet's noun ends its name (Daily Life, Weekly
# Planning and 母の手紙 name none).
OUTLET = re.compile(
    r"(?:新聞|日報|新報|時報|通信|タイムズ|ジャーナル|ニュース|マガジン|出版|書房|書店|文庫|雑誌|"
    r"協会|研究所|放送|テレビ|会報|会誌|紀要|だより|便り|ニュースレター"
    r"|\b(?:Times|Journal|Review|News|Post|Magazine|Press|Gazette|Herald|Tribune|Club|"
    rf"Institute|Blog|Newsletter|Bulletin)){_ISSUE}\s*$"
    r"|^[\w.-]+\.[a-z]{2,}(?:/\S*)?$",  # a web address alone: example.io, bbc.co.uk/news
    re.I,
)
# A person's name in Latin letters, as a byline writes it: two or more capitalised words
# (Jane Doe, J. R. Ortiz, Ana de la Cruz), not a phrase opening with an article or a
# possessive (the Numbers, Our Town), up to the line's end or what follows a name (, | ( and).
_EN_WORD = r"(?-i:[A-Z])[\w.'’-]*"
_EN_NAME = (
    r"(?!(?:the|a|an|this|that|these|those|our|my|your|his|her|their|its)\b)"
    rf"{_EN_WORD}(?:\s+(?:(?-i:de|la|van|von|der|da|di|le)\s+)*{_EN_WORD})+"
    r"(?=\s*(?:$|[,&|/(（–—-]|and\b))"
)
# A label saying the name after it is the writer's (執筆・, 文：, 著者:, By Jane Doe, Written by).
_AUTHOR_LABEL = re.compile(
    r"^\s*(?:(?:執筆|文|著|著者|筆者|作|寄稿|投稿者?|作成者?|担当|記者)\s*[・:：／/｜|]\s*"
    # A record's keeper (議事録の 記録：…, 書記：…, 文責：…), after a colon only (記録・統計 is
    # a heading's pair of words).
    r"|(?:記録者?|書記|文責)\s*[:：]\s*(?=\S)"
    r"|(?:文|著|作)[\s　]+(?=\S)|(?:(?:written|words|text|story|posted|reported)\s+)?by\s+"
    rf"(?={_EN_NAME}))",
    re.I,
)
# A credit for the pictures (写真・鈴木 花子, 撮影：…, イラスト・…, Photo: …, Photos by …): it
# names who made them, neither the piece's author nor where it appeared.
_CREDIT = re.compile(
    r"^\s*(?:(?:写真|撮影|絵|イラスト|挿絵|画)\s*[・:：／/｜|]|"
    r"(?:photo(?:graph)?s?|pictures?|images?|illustrations?|artwork)\s*(?::|by\b|courtesy\b))",
    re.I,
)
# A record's field that is neither who wrote it nor where it appeared (minutes' 日時：…, 場所：…,
# 出席者：…, 議題：…): a header line still; a field of when gives its first day as the date.
_WHEN_FIELD = re.compile(r"^\s*(?:開催)?(?:日時|日程|期日)\s*[:：]")
_RECORD_FIELD = re.compile(
    r"^\s*(?:(?:開催)?(?:日時|日程|期日|場所)|会場|時間|出席者?|欠席者?|参加者|議題|議事|"
    r"司会(?:者)?|議長|進行)\s*[:：]"
)
# A line that tells whom a document is for (報道関係者各位, お客様各位) or what kind of document
# it is (プレスリリース, PRESS RELEASE): it opens a release or a notice, and is neither its title
# nor its author.
_ADDRESSEE_OR_KIND = re.compile(
    r"^\s*(?:[^\s　]{0,12}各位|(?:プレス|ニュース)リリース|報道発表(?:資料)?|"
    r"(?:press|news|media)\s+release|for\s+immediate\s+release)\s*$",
    re.I,
)
# A regulation's enactment or amendment record: 令和2年3月1日　町規則第4号, 改正　令和6年….
_ENACTED = re.compile(
    r"^\s*(?:(?:一部|全部|最終)?改正|制定|施行|公布)(?![\w])"
    r"|(?:規則|条例|規程|要綱|要領|告示|訓令|通達|法律|政令|省令|府令|細則|内規)\s*第\s*"
    rf"[{NUMERAL}]+\s*号"
)
# A line naming who issues a notice (株式会社みどり, さくら市 環境部 ごみ対策課, 西区町内会,
# 店主　山田 花子): alone under the title, it is the header's author, not a section heading.
# An organisation's name ends in what it is (…課, …委員会, …協会, Inc.) or opens with its
# legal form (株式会社…); a unit whose name is also a common word's end (内部, 教室, 薬局, 人間
# 関係) only after the one it belongs to (さくら市 環境部, 総務課 庶務係). A person is named
# after a role (店主, 代表).
_ISSUER = re.compile(
    r"[^\s　]{2}(?:課|事務局|事務所|委員会|協議会|協会|組合|連盟|研究会|自治会|町内会|編集部|"
    r"編集室|株式会社|有限会社|合同会社|一同)\s*$"
    r"|[^\s　][\s　]+[^\s　]{2,}(?:部|局|室|係)\s*$"
    r"|\b(?:Inc|Ltd|LLC|Co|Corp)\.?\s*$|\b(?:Company|Department|Office|Committee|Council|"
    r"Association|Society|Foundation)\s*$"
    r"|^\s*(?:株式会社|有限会社|合同会社|(?:一般|公益)(?:社団|財団)法人|社会福祉法人|医療法人|"
    r"学校法人|NPO法人|特定非営利活動法人)[\s　]*[^\s　]"
    r"|^\s*(?:店主|店長|代表(?:取締役)?|社長|会長|理事長|院長|園長|校長|館長|所長|支配人|"
    r"オーナー|委員長|実行委員長)[\s　・:：]+[^\s　]",
)
# A phrase rather than a name: words joined by の or by a word in small letters (職場の人間
# 関係, 町の協会の歩み, Art and Society, Life at the Office).
_PHRASE = re.compile(r"[^\s　]の[\s　]?[^\s　]|\s[a-z]+\s")
# A name's last word that is also a common noun (Book Review, Fight Club, The Office, Modern
# Society, 最新ニュース): alone under the title such a line is a heading as often as a name, so it
# names the outlet or the body only after two more words of a name (Riverside Tenants
# Association, Harbor City Weekly Review); a Japanese one never alone.
_COMMON_LAST = (
    r"(?:Times|Journal|Review|News|Post|Magazine|Press|Club|Blog|Company|Department|Office|"
    r"Committee|Council|Association|Society|Foundation)"
)
_COMMON_LAST_EN = re.compile(rf"\b{_COMMON_LAST}{_ISSUE}\s*$", re.I)
_NAMED_BEFORE_EN = re.compile(
    rf"^\s*(?:the\s+)?(?:(?!the\b)(?-i:[A-Z])[\w.'’&-]*\s+){{2,}}{_COMMON_LAST}{_ISSUE}\s*$", re.I
)
_COMMON_LAST_JA = re.compile(
    rf"(?:ニュース|マガジン|ジャーナル|タイムズ|通信|放送|テレビ|雑誌){_ISSUE}\s*$"
)
# A section heading's number (第3章, 第1款, 1., 一、, (2)): such a line is never the issuer.
_NUMBERED = re.compile(
    rf"^\s*(?:{PART_NUMBER}|[0-9０-９]+\s*[.．、)）]|"
    r"[一二三四五六七八九十]+\s*[、.．　]|[（(][0-9０-９一二三四五六七八九十]+[)）])"
)


def looks_like_header_line(line: str) -> bool:
    """A short line with no sentence end that is no list item."""
    if BULLET.match(line):
        return False
    line = line.strip()
    return 0 < len(line) <= _HEADER_LINE_MAX and not line.endswith(SENTENCE_END)


def header_lines(lines: Sequence[str]) -> int:
    """How many of `lines` (those after the title's blank line) are the header's: short lines
    with no sentence end, at most three, or four when the last two are dates (公開日：…,
    then 更新日：…)."""
    taken: list[str] = []
    for line in lines:
        if not looks_like_header_line(line):
            break
        full = len(taken) == _LINES_MAX and not (header_date(taken[-1]) and header_date(line))
        if full or len(taken) == _LINES_MAX + 1:
            break
        taken.append(line.strip())
    return len(taken)


def is_header(lines: Sequence[str]) -> bool:
    """Whether header lines set off by a blank line make a header: two of them, a date, or
    one line naming an issuer (株式会社みどり); one other line is a section heading."""
    return len(lines) >= 2 or any(map(dates_a_day, lines)) or (
        len(lines) == 1 and names_an_issuer(lines[0])
    )


def names_an_issuer(line: str) -> bool:
    """Whether a line names who wrote or issued the piece: a labelled author (文・山田 太郎,
    By Jane Doe), or, by a name rather than a phrase, an outlet (北川町日報), an organisation
    (…課, 株式会社…) or a person by role (店主　山田 花子). A section heading looks like none of
    them; a line that might be either stays one (a missed byline costs less than a lost
    heading)."""
    line = line.strip()
    line = dated[0] if (dated := _dated_byline(line)) else line
    if _NUMBERED.match(line):
        return False
    if _AUTHOR_LABEL.match(line):
        return True
    if _PHRASE.search(line) or _COMMON_LAST_JA.search(line):
        return False
    if _COMMON_LAST_EN.search(line):
        return _NAMED_BEFORE_EN.match(line) is not None
    return bool(OUTLET.search(line) or _ISSUER.search(line))


# What joins a byline to its date on one line (By Jane Doe on March 3, 2024; … · March 3, 2024).
_BEFORE_DATE = re.compile(r"\s+on\s+|\s*[·•|｜–—,]\s*")


def _dated_byline(line: str) -> tuple[str, str] | None:
    """A labelled author and a date on one line (By Jane Doe · March 3, 2024): (the byline,
    the date as written)."""
    for m in _BEFORE_DATE.finditer(line):
        head, date = line[: m.start()], header_date(line[m.end() :])
        if date and _AUTHOR_LABEL.match(head) and _unlabelled(head) != head:
            return head, date
    return None


def addresses_or_names_kind(line: str) -> bool:
    """Whether a line says whom the document is for or what kind it is (報道関係者各位,
    プレスリリース): a header line that names no field."""
    return _ADDRESSEE_OR_KIND.match(line) is not None


def byline(lines: Sequence[str]) -> dict[str, str]:
    """The author, source and date the header lines give, as written (¶0 cites them)."""
    lines = [line.strip() for line in lines]
    dated = {line: split for line in lines if (split := _dated_byline(line))}
    lines = [dated[line][0] if line in dated else line for line in lines]
    meta: dict[str, str] = {}
    dates = [d for d in map(header_date, lines) if d] + [date for _, date in dated.values()]
    enacted = [line for line in lines if not header_date(line) and _ENACTED.search(line)]
    # A regulation's header: the date it was made is the piece's date, if no line is one.
    dates += [d for d in map(header_date_in, enacted) if d]
    # A record's date and time (日時：2025年6月14日（土）10:00〜): its day, if no line is a date.
    dates += [d for line in lines if _WHEN_FIELD.match(line) and (d := header_date_in(line))]
    if dates:
        meta["date"] = dates[0]
    others = [
        line
        for line in lines
        if not header_date(line)
        and line not in enacted
        and not _CREDIT.match(line)
        and not _RECORD_FIELD.match(line)
        and not addresses_or_names_kind(line)
    ]
    labelled = next((line for line in others if _AUTHOR_LABEL.match(line)), None)
    if labelled is not None:
        # A labelled author's line is the author; only an outlet's line beside it the source.
        outlet = next((line for line in others if line != labelled and OUTLET.search(line)), "")
        others = [labelled, outlet]
    elif len(others) == 1 and OUTLET.search(others[0]):
        others = ["", others[0]]  # where it appeared, with no author named
    elif len(others) > 1 and OUTLET.search(others[0]) and not OUTLET.search(others[1]):
        others = [others[1], others[0], *others[2:]]
    for key, value in zip(("author", "source"), others, strict=False):
        if value:
            meta[key] = _unlabelled(value) if key == "author" else value
    return meta


def _unlabelled(name: str) -> str:
    """An author line without its label (文・山田 → 山田), unless the label is all there is."""
    m = _AUTHOR_LABEL.match(name)
    return name[m.end() :].strip() if m and name[m.end() :].strip() else name
