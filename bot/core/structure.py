"""What a paragraph is when it is not the piece's prose: a section heading, or an epigraph.

A heading (「一　地震の概念」, "Early years") names a section and supports nothing, so it is
never quoted as support; an epigraph (a quotation with its source, opening the piece) is the
piece's to quote, but not its own words, so a summary never starts with it or picks it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import pairwise
from types import MappingProxyType

from bot.core.article import TERMINAL, Article, Paragraph
from bot.core.dates import dates_a_day
from bot.core.entries import ENTRY, LABELLED
from bot.core.enumeration import bulleted, ordinal
from bot.core.mail import salutations
from bot.core.normalize import loose_fold
from bot.core.numbering import CODE_PART_NUMBER
from bot.core.once import once_per
from bot.core.schedule import day_only, in_a_dated_run
from bot.core.text import SENTENCE_END

HEADING_MAX_CHARS = 40
MARKED_HEADING_MAX_CHARS = 100  # a heading the document marks may ask at length
EPIGRAPH_MAX_CHARS = 300
# The source of a quotation, closing it: in brackets, or after a dash (— Emerson, ――ゲーテ).
_ATTRIBUTION = re.compile(r"(?:[（(][^（）()。]{1,40}[）)]|[—―–]{1,2}\s*[^—―–。.!?！？]{1,40})\s*$")
# A numbered part of a code, a regulation or a book (`core.numbering`), alone on its line with
# its caption if it has one: 第5条（貸出期間）, 第2章　総則, 第十二条, 第3条の2; or a
# regulation's supplementary provisions, 附則（令和6年3月29日規則第2号）. It opens a section
# wherever it stands (after a list's items too), and its caption's closing bracket ends no
# sentence. Not a sentence that names one (第3条に定める日, 第1条　この規則は、…).
_NUMBERED_PART = re.compile(
    rf"(?:{CODE_PART_NUMBER}|附\s*則)"
    r"(?:\s*[（(][^（）()。、.]{1,20}[）)]|[ \t　]+[^\s。、.!?！？]{1,20})?"
)
# Marks that open a heading line in Japanese documents (■ 避難所, 【持ち物】, ◆ 概要, 〈公演概要〉).
_HEADING_MARK = re.compile(r"[■□◆◇▼▽▶【〈《≪]")
CELL = " | "  # between a stored table row's cells (`library.formats.markdown` writes it)
# Before a stored line of code (`library.formats.markdown` writes it): two medium mathematical
# spaces, which no other text indents a line with (four spaces may indent a chapter's title,
# no-break spaces a paragraph pasted from a web page).
CODE_INDENT = "\u205f" * 2
_FIGURE = re.compile(r"[0-9０-９]")
_CLOSING_BRACKET = ("）", ")", "】", "」", "』", "〉", "》", "≫")
# A line wholly in brackets: a stage direction or an aside of a record (〔市長 岡部浩一君 登壇〕,
# （拍手）, (laughter)), which heads nothing. 【…】 and ［…］ are headings' brackets.
_ASIDE = re.compile(r"〔[^〔〕]*〕|（[^（）]*）|\([^()]*\)")
# A bracket closing a line (a post's or an entry's time: 回答：ken_k さん（2026/07/09 06:40）).
_CLOSING_ASIDE = re.compile(r"[（(]([^（）()]{4,30})[）)]\s*$")



def _code_line(article: Article, p: Paragraph) -> bool:
    """Whether a paragraph is a line of code: indented by CODE_INDENT on its own line
    (`library.formats.markdown` stores a code block so; kumosync push is no heading)."""
    indent = p.start - len(CODE_INDENT)
    return (
        indent >= 0
        and article.text.startswith(CODE_INDENT, indent)
        and (indent == 0 or article.text[indent - 1] == "\n")
    )


def _short_line(
    p: Paragraph, set_off: bool = False, salutation: bool = False, *, apart: bool = False
) -> bool:
    """One short line, one sentence (`_one_line`), with no sentence end, or opening with a
    heading's mark and ending with a bracket (■ 持ち物（当日持ってくるもの）: the bracket ends no
    sentence; ■ 雨天の場合は延期します。 is a sentence), or closing with a day and time in
    brackets (`_stamp`; the time does not count towards its length); not a label with its
    figure (受付：03-0000-1234, 日時：4月1日), which is an entry of the piece, nor a letter's
    `salutation` (小野寺様, Dear Ms Hart,: `mail.salutations`), unless `set_off` by two blank
    lines as a Markdown heading is (## 結論：約8割が満足); never a line wholly in brackets
    (`_ASIDE`: 〔市長 登壇〕). A line `apart`, set off by two blank lines as a Markdown heading
    is among paragraphs one blank line apart (not any line of a text that spaces none so),
    may also close a bracket or ask (## 受付（引換証の受け取り）, ### How do I
    cancel?)."""
    text = p.text.strip()
    stamp = _stamp(text)  # an entry's own figure comes before it (開場：18:00（7月22日）)
    if (ENTRY.match(text[:stamp].rstrip()) or salutation) and not set_off:
        return False
    if _ASIDE.fullmatch(text):
        return False
    if stamp is not None:
        return 0 < stamp <= HEADING_MAX_CHARS and len(p.sentences) == 1 and "\n" not in text
    if not _one_line(p):
        return False
    # (Set apart as a Markdown heading is, its ## is such a mark: ## 受付（引換証の受け取り）.)
    marked = (apart or _HEADING_MARK.match(text) is not None) and text.endswith(_CLOSING_BRACKET)
    # A Markdown heading that asks (### How do I cancel?) heads its answer, as an FAQ's does.
    asks = apart and text.endswith(("?", "？"))
    return marked or not text.endswith(TERMINAL) or day_only(text) or asks


# What a post's or an entry's header names before its time: a label (回答：), a person
# (… さん, 氏, 様), or a few words of a handle or a title, with no comma of a sentence.
_POSTED_BY = re.compile(r"[^：:]{1,10}[：:][^、，,。]{1,25}|.*(?:さん|氏|様|san)|[^、，,。]{1,20}")


def _stamp(text: str) -> int | None:
    """Where a line's closing bracket opens, when it holds a day and time and what comes
    before it reads as a post's or an entry's header (回答：ken_k さん（2026/07/09 06:40））,
    not as a sentence dated at its end (市議会は…を可決した（2026年5月2日））; else None."""
    m = _CLOSING_ASIDE.search(text)
    if m is None or not _POSTED_BY.fullmatch(text[: m.start()].rstrip()):
        return None
    return m.start() if dates_a_day(m.group(1)) else None


def numbered_part(p: Paragraph) -> bool:
    """Whether a paragraph is a numbered part's heading line (see `_NUMBERED_PART`)."""
    return _NUMBERED_PART.fullmatch(p.text.strip()) is not None


def _gaps(article: Article) -> list[int]:
    """Per paragraph after the first: how many line breaks come before it."""
    ps, text = article.paragraphs, article.text
    return [text.count("\n", a.end, b.start) for a, b in pairwise(ps)]


def _wide_gaps(gaps: Sequence[int]) -> list[bool]:
    """Per paragraph: whether two blank lines or more come before it (`_gaps`), as before a
    stored Markdown document's headings and tables' header rows
    (`library.formats.markdown`)."""
    return [False] + [g > 2 for g in gaps]


def _set_off(gaps: Sequence[int]) -> list[bool]:
    """Per paragraph: whether more blank lines come before it than before the one above it
    (`_gaps`; how a Markdown document's stored text sets off its headings)."""
    return [False, False] + [b > a for a, b in pairwise(gaps)]


def _goes_on(ps: Sequence[Paragraph], i: int) -> bool:
    """Whether paragraph `i` is the next item of the numbered line above it (2. 燃料高 →
    3. 人手不足), not a numbered heading after other short lines (文・山田 → 1. 背景)."""
    before, here = ordinal(ps[i - 1].text), ordinal(ps[i].text)
    return before is not None and before > 0 and here == before + 1


def _one_line(p: Paragraph) -> bool:
    """One short line of one sentence, however it ends: a list's item may close a bracket
    (（2）毎月末日（その直前の金曜日）)."""
    text = p.text.strip()
    return 0 < len(text) <= HEADING_MAX_CHARS and len(p.sentences) == 1 and "\n" not in text


def _in_a_numbered_run(ps: Sequence[Paragraph], i: int) -> bool:
    """Whether paragraph `i` is numbered one more than the paragraph above it or one less than
    the one below it (（2）… （3）12月28日から… （4）…): a list's item, not a heading, whatever
    its neighbours end with and however long they are ((5) 本書のご提示がない場合 between two
    items of two lines)."""
    return (i > 0 and _goes_on(ps, i)) or (i + 1 < len(ps) and _goes_on(ps, i + 1))


def cells(text: str) -> int:
    """How many cells a paragraph has as a stored table row: one line of cells between ` | `
    (`library.formats.markdown`: こむぎ堂 | 12席 | 7時); 0 for any other paragraph."""
    text = text.strip()
    return text.count(CELL) + 1 if CELL in text and "\n" not in text else 0


def _prose(p: Paragraph) -> bool:
    """Whether a paragraph ends a sentence: in plain text, prose that shows a shell's pipes
    (ls -1 | wc -l counts them.), not a row (a Markdown table's are marked, whatever they
    end with)."""
    return p.text.strip().endswith((*SENTENCE_END, "？"))


def _names_columns(row: str) -> bool:
    """Whether a row may be a table's header: its first cell is no figure (店名 | 席数 |
    20時以降の席…; not 9:00 | 開会のあいさつ, a schedule's first row)."""
    return _FIGURE.search(row.split(CELL, 1)[0]) is None


@once_per
def table_headers(article: Article) -> Mapping[int, int]:
    """Each table row's header row (¶ numbers). A Markdown document sets each table's header
    row off by a wider gap (`library.formats.markdown`); in other text, a table's header is
    its first row, when its first cell is no figure (店名 | 席数 | 開店時刻, not 9:00 | 開会,
    `_names_columns`, and it ends no sentence, `_prose`). Rows of no more cells than the
    header follow it; a row of more cells, a row that writes the header again, or any other
    paragraph ends the table. Worked out once per article, and shared: read-only."""
    ps = article.paragraphs
    widths = [0 if _code_line(article, p) else cells(p.text) for p in ps]  # a pipe is no cell
    wide = _wide_gaps(_gaps(article))
    marked = any(w and widths[i] >= 2 for i, w in enumerate(wide))
    if not marked:
        widths = [0 if w and _prose(p) else w for w, p in zip(widths, ps, strict=True)]
    rows: dict[int, int] = {}
    header: int | None = None
    for i, p in enumerate(ps):
        follows = i + 1 < len(ps) and widths[i + 1] >= 2
        if widths[i] < 2:
            header = None
        elif (
            header is not None
            and widths[i] <= widths[header]
            and not (marked and wide[i])
            and p.text != ps[header].text
        ):
            rows[p.number] = ps[header].number
        elif (wide[i] if marked else _names_columns(p.text)) and follows:
            header = i if widths[i + 1] <= widths[i] else None
        else:
            header = None
    return MappingProxyType(rows)


@once_per
def headings(article: Article) -> frozenset[int]:
    """The ¶ numbers of section headings: the piece's title written again as a line of its
    own (a Markdown file's `# Title`), and a short line with no sentence end, followed by a
    paragraph, between paragraphs that are not such lines themselves (a run of them is a list,
    whose items are what the piece says), unless the line is set off from the run by a wider
    gap than the run's (a heading right after a list) and is not the next number of a
    numbered run (3. 人手不足 after 2. 燃料高); a numbered part's line followed by a
    paragraph (第5条（貸出期間）, see `_NUMBERED_PART`), wherever it stands; and a table's
    header row (`table_headers`). A short line is one of no sentence end, or one opening with
    a heading's mark and closing a bracket (■ 持ち物（…）), never a label with its figure
    (受付：03-0000-1234), see `_short_line`, nor a line of code, nor a line right above code
    unless set off as a Markdown heading is (To export your notes, run:), nor a day's line
    among other days' (a schedule). Worked out once per article."""
    ps = article.paragraphs
    code = [_code_line(article, p) for p in ps]
    gaps = _gaps(article)
    set_off, wide = _set_off(gaps), _wide_gaps(gaps)
    saluting = salutations(article)
    # A text with no paragraph one blank line after another sets none apart by two.
    spaced = 2 not in gaps
    lines = [
        _short_line(p, wide[i], p.number in saluting, apart=wide[i] and not spaced) and not code[i]
        for i, p in enumerate(ps)
    ]
    # A labelled line next to an entry is the run's next, whatever its value (生活保護を受けて
    # いる方：無料), unless numbered above it as a step's heading is (ステップ1：申し込み).
    entries = [not wide[i] and ENTRY.match(p.text.strip()) is not None for i, p in enumerate(ps)]
    for i, p in enumerate(ps):
        if lines[i] and not wide[i] and (label := LABELLED.match(p.text.strip())):
            below = i + 1 < len(ps) and entries[i + 1] and not _FIGURE.search(label[1])
            lines[i] = not ((i > 0 and entries[i - 1]) or below)
    # Set apart as the stored Markdown and HTML documents set their headings (`apart`): a
    # heading whatever stands next to it, a subheading or a list (## 初診の流れ, then 1. 受付),
    # and though it asks at length (### Can I leave my luggage before check-in?).
    marked = [w and not spaced and not code[i] and _marked_line(ps, i) for i, w in enumerate(wide)]
    title = _folded_title(article)
    titles = {i for i, p in enumerate(ps) if lines[i] and loose_fold(p.text) == title}
    # A table's row is no short line: a heading right above a table is one (## 東京店).
    short = [lines[i] and i not in titles and cells(ps[i].text) < 2 for i in range(len(ps))]
    tables = set(table_headers(article).values())
    return frozenset(
        p.number
        for i, p in enumerate(ps)
        if i in titles
        or p.number in tables  # a table's header row: its rows' cells are of its columns
        or (numbered_part(p) and i + 1 < len(ps))
        or (marked[i] and i + 1 < len(ps) and not _goes_on(ps, i))
        or (
            short[i]
            and not _in_a_bulleted_run(ps, i)  # • 生ぬか 1キログラム: an item, however short
            and not _in_a_numbered_run(ps, i)  # （3）12月28日から…, between (2) and (4)
            and not in_a_dated_run(ps, i)  # 10月26日（月）～…　読書週間, among other days
            and i + 1 < len(ps)
            and (not short[i + 1] or _heads_a_list(ps, i))
            and (set_off[i] or not code[i + 1])  # To export your notes, run: leads to code
            # after a list's lines, only a line set off wider that does not go on with it
            # (3. 人手不足 after 2. 燃料高 is the list's, however many blank lines come before)
            and not (
                i > 0
                and short[i - 1]
                and not (set_off[i] and not _goes_on(ps, i))
                and not _heads_a_list(ps, i)  # ■ 服装について after ・お薬手帳, over its own
                and not _HEADING_MARK.match(ps[i].text.strip())  # ◇ 記念酒 after the timeline
            )
        )
    )


def _marked_line(ps: Sequence[Paragraph], i: int) -> bool:
    """Whether paragraph `i`, set apart as a stored Markdown or HTML document's heading is, is
    one: a line of at most MARKED_HEADING_MAX_CHARS, no table's row, that ends no sentence or
    asks (I'm arriving after 23:00. Can I still check in?); not a list's item or a day among
    others, nor a clause (Best regards,), which a plain text may set apart so too."""
    text = ps[i].text.strip()
    short = 0 < len(text) <= MARKED_HEADING_MAX_CHARS and "\n" not in text and cells(text) < 2
    item = _in_a_bulleted_run(ps, i) or _in_a_numbered_run(ps, i) or in_a_dated_run(ps, i)
    ends = not text.endswith((*TERMINAL, ",", "、", "，")) or text.endswith(("?", "？"))
    return short and ends and not item


def _folded_title(article: Article) -> str | None:
    """The title as a line that writes it again reads, folded; None for a title made up from
    ¶1, which is ¶1, not written again."""
    return None if article.meta.title_derived else loose_fold(article.meta.title)


@once_per
def sections(article: Article) -> Mapping[int, int]:
    """The heading each paragraph stands under: the nearest of the piece's section headings
    (`headings`) above it, up to the next one (a table's header row
    opens none: its rows stand under the section, see `table_headers`). Not the title
    written again, which is about every paragraph as the title is; a heading stands under
    none. Worked out once per article, and shared: read-only."""
    heads = headings(article)
    title = _folded_title(article)
    tables = frozenset(table_headers(article).values())
    under: dict[int, int] = {}
    current: int | None = None
    for p in article.paragraphs:
        if p.number in tables:
            continue  # a table's header row heads its rows' columns, not a section
        if p.number in heads:
            current = None if loose_fold(p.text) == title else p.number
        elif current is not None:
            under[p.number] = current
    return MappingProxyType(under)


def _in_a_bulleted_run(ps: Sequence[Paragraph], i: int) -> bool:
    """Whether paragraph `i` opens with a bullet, as one next to it does with the same mark: a
    list's item (• 生ぬか 1キログラム), not a section heading that opens with a mark of its own
    (◆ 建て替えの経緯, then prose)."""
    mark = ps[i].text.strip()[:1]
    return bulleted(ps[i].text) and any(
        0 <= j < len(ps) and ps[j].text.strip()[:1] == mark for j in (i - 1, i + 1)
    )


def _heads_a_list(ps: Sequence[Paragraph], i: int) -> bool:
    """Whether paragraph `i` opens with a heading's mark, another than the items', right
    above a run of bulleted or numbered items or of labelled lines (■ 持ち物, then ・診察券 and
    ・お薬手帳; ■ 受診の流れ, then 1. 受付 and 2. 問診; ◆工程, then 4月：… and 5月：…): the
    list's heading, though the items are short. An unmarked label above a list (良い点) stays
    its lead, and the list stays in the section it names (## ソラリス S9)."""
    text = ps[i].text.strip()
    return (
        _HEADING_MARK.match(text) is not None
        and i + 1 < len(ps)
        and (
            _in_a_bulleted_run(ps, i + 1)
            or _in_a_numbered_run(ps, i + 1)
            or all(j < len(ps) and LABELLED.match(ps[j].text.strip()) for j in (i + 1, i + 2))
        )
        and text[:1] != ps[i + 1].text.strip()[:1]
    )


def epigraph(article: Article, aside: frozenset[int] = frozenset()) -> int | None:
    """The ¶ number of the epigraph, if the piece opens with one: a short quotation that
    ends with its source, in brackets or after a dash (…我らの神の美わしきを視ん。（イザヤ書三五章
    一—二節）), as its first paragraph not in `aside` (its headings: a title line may come
    first), with at least two more paragraphs after it; else None."""
    first = next((p for p in article.paragraphs if p.number not in aside), None)
    if first is None or len(article.paragraphs) - first.number < 2:
        return None
    text = first.text.strip()
    if len(text) > EPIGRAPH_MAX_CHARS:
        return None
    source = _ATTRIBUTION.search(text)
    if source is None:
        return None
    return first.number if text[: source.start()].rstrip().endswith(TERMINAL) else None


# A sentence that opens by pointing back at what the one before it said (それは人間の団体…,
# この点で…, 同社は… (the company just named), もう一つの課題は…, This means…), or names a
# time only by the one before it (市の人口は同期間に…): quoted alone, in a summary, it says
# nothing.
# What 同 + a word names only as the one just named (同社 the company, 同条 the article):
# not 同年代 (of the same age), 同窓会 (alumni).
_NAMED_BEFORE = (
    "社|氏|会|市|町|村|区|県|州|国|省|庁|局|署|党|校|大学?|病院|店|館|紙|誌|書|作|条|法|項"
    "|団体|協会|委員会|組合|グループ|センター|研究所|チーム|事業|制度|計画|施設|地区|地域|地"
)
_POINTS_BACK = re.compile(
    r"^[「『（(]?(?:それ|これ|あれ|その|この|あの|そこ|ここ|そう|こう|同じ|同様に|以上"
    rf"|同(?:{_NAMED_BEFORE})(?=[はがのにでもを、])|もう(?:一|ひと|1)つ)"
    r"|^(?:It|This|That|These|Those|They|He|She|Such|Another)\b"
)
# (not 前年同月比: the same month of the year before, which the sentence itself names)
_SAME_TIME = re.compile(
    r"(?<!前年)(?<!昨年)(?<!去年)(?<!前月)同(?:期間|時期|年(?!代)|月|日)(?:に|の|は|中|内|末|まで)"
)


def points_back(sentence: str) -> bool:
    """Whether a sentence points back at the one before it (see `_POINTS_BACK`)."""
    s = sentence.strip()
    return _POINTS_BACK.match(s) is not None or _SAME_TIME.search(s) is not None
