"""Every list a piece holds, and the one a question names by its topic.

A piece may hold several lists: a regulation's （1）（2）… under different articles, a review's
良い点 / 気になる点 bullets under each product, a how-to's 材料 and 手順. Each is named by its
lead: the section heading it stands under (第13条（禁止行為）, ## カゼノ FL-300), the label line
right above it (良い点), and the sentence above it that hands over to it (次に掲げる行為をしては
ならない。). A question names a list when all its topic words are in one list's lead (of several,
in the one whose heading or label holds most of them) (禁止行為の2番目は？, カゼノ FL-300の
良い点は？); one that names anything else
(喫煙の決まりは？, the item's own words) is searched as usual. `factors` keeps its choice of
THE piece's list; these are the others a reader may ask about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from bot.core.article import TERMINAL, Article, Paragraph, Sentence
from bot.core.schedule import dated
from bot.core.structure import HEADING_MAX_CHARS, sections, table_headers
from bot.core.tokenize import morph_tokens
from bot.engines.offline.announced import (
    MAX_ITEMS,
    hands_over,
    item_cue,
    opens_item,
    words_held,
)
from bot.engines.offline.list_questions import asks_for_one_item, item_asked, topic_words

# The two sides a review weighs (its pros and its cons), by the words that label either: a
# question naming one side (欠点は？) names a list labelled with any word of that side
# (気になる点), and never one of the other side.
_GOOD = re.compile(
    r"良い点|よい点|良かった点|よかった点|長所|利点|メリット|強み|魅力|おすすめポイント"
    r"|\b(?:pros|advantages?|strengths?|upsides?|good points?|likes?)\b",
    re.I,
)
_BAD = re.compile(
    r"気になる点|気になった点|悪い点|欠点|短所|デメリット|弱点|難点|不満点|残念な点"
    r"|\b(?:cons|disadvantages?|drawbacks?|weaknesses?|downsides?|dislikes?)\b",
    re.I,
)
_SIDES = {"good": _GOOD, "bad": _BAD}
# A negated verb or adjective (ならない, できません, 含まれず(に), not included); not the ず of
# 1つずつ or まずは.
_NEGATED = re.compile(
    # (not an adjective ending so: もったいない, あぶない, きたない, せつない, おさない)
    r"[ぁ-ゖ](?<!もったい)(?<!あぶ)(?<!きた)(?<!せつ)(?<!おさ)"
    r"(?:ない|ません|ず(?=[にも、。,\s]|$))(?![ぁ-ゖ]{0,1}[か])|\bnot\b|n't\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class PieceList:
    """One list of the piece: its items' first sentences, in order, and what names it."""

    items: tuple[Sentence, ...]
    lead: str  # its section heading, its label line, the sentence handing over to it
    terms: frozenset[str]  # the lead's words, as a question's are given (`morph_tokens`)
    heading_terms: frozenset[str]  # those of its heading and label lines (not announcement)
    side: str | None  # "good" / "bad": a review's pros or cons, by its lead's words
    announcement: Sentence | None  # the sentence right above it that hands over to it
    table: bool = False  # a table's rows, led by its header row, which names its columns


def find_lists(article: Article) -> tuple[PieceList, ...]:
    """Every run of two or more paragraphs opened by list items of one style (• …, （1）…,
    1. …), by a day (a schedule's entries: 11月3日（火）　文化の日) or a table's rows (after
    its header row, `structure.table_headers`), a run of numbered ones
    ending where the numbering starts again at 1 (lists back to back), with its lead. One
    pass over the paragraphs."""
    under = sections(article)
    rows = table_headers(article)
    heads = frozenset(under.values()) | frozenset(rows.values())  # what a list may stand under
    runs: list[list[Paragraph]] = []
    style: str | None = None
    for p in article.paragraphs:
        cue = item_cue(p.sentences[0]) if p.sentences else None
        if cue is None and p.number in rows:
            cue = (f"row of ¶{rows[p.number]}", None)  # a table's rows, under its header row
        elif cue is None and dated(p.text):
            cue = ("dated", None)
        if cue is None:
            style = None
            continue
        if cue[0] != style or cue[1] == 1:
            runs.append([])
        runs[-1].append(p)
        style = cue[0]
    words: dict[str, frozenset[str]] = {}  # a lead's words, once for leads written alike

    def words_of(text: str) -> frozenset[str]:
        if text not in words:
            words[text] = frozenset(morph_tokens(text))
        return words[text]

    found = (
        _as_table(article, lst, rows[run[0].number]) if run[0].number in rows else lst
        for run in runs
        if len(run) > 1 and (lst := _with_lead(article, run, heads, under, words_of))
    )
    return tuple(lst for lst in found if lst is not None)


def _as_table(article: Article, rows: PieceList, header: int) -> PieceList | None:
    """A table's rows as a list, its header row handing over to them: quoted first, it
    says what each column of the rows is (セグメント | 売上高 | 前年同期比). None for a header
    row read as more than one sentence (どんな質問？ | 答えは？), which no quote gives whole."""
    sentences = article.paragraph(header).sentences
    if len(sentences) != 1:
        return None
    return replace(rows, table=True, announcement=sentences[0])


def _with_lead(
    article: Article,
    run: Sequence[Paragraph],
    heads: frozenset[int],
    under: Mapping[int, int],
    words_of: Callable[[str], frozenset[str]],
) -> PieceList:
    """The list of a run of item paragraphs, with what names it: the paragraph right above
    (a heading or a label line, whole; of prose, its last sentence if it hands over to the
    list) and the section heading the list stands under."""
    first = run[0].number
    parts: list[str] = []
    announcement = None
    if first > 1:
        above = article.paragraph(first - 1)
        last = above.sentences[-1] if above.sentences else None
        if above.number in heads or _label(above):
            parts.append(above.text.strip())
        elif last is not None and hands_over(last.text):
            parts.append(last.text)
            announcement = last
    heading = under.get(first)
    if heading is not None and heading != first - 1:
        parts.insert(0, article.paragraph(heading).text.strip())
    lead = "\n".join(parts)
    side = next((name for name, words in _SIDES.items() if words.search(lead)), None)
    items = tuple(p.sentences[0] for p in run)
    named = parts[:-1] if announcement is not None else parts  # its heading and label
    return PieceList(items, lead, words_of(lead), words_of("\n".join(named)), side, announcement)


def _label(p: Paragraph) -> bool:
    """A short line of its own with no sentence end, naming what follows (良い点, 材料)."""
    text = p.text.strip()
    return (
        0 < len(text) <= HEADING_MAX_CHARS
        and "\n" not in text
        and not text.endswith(TERMINAL)
        and not opens_item(p.sentences[0])
    )


def list_named(
    question: str, lists: Sequence[PieceList], title: Collection[str] = frozenset()
) -> PieceList | None:
    """The one list whose lead holds every topic word of the question (besides its place in
    a list, the asking and the piece; or, if none does, besides the piece's `title` words
    too: 医療費控除の対象にならないもの of a guide to 医療費控除) and, if it names a side
    (欠点, pros), that side; None if no list, or more than one, does (欠点は？ of a review
    weighing three products). A question negated (対象にならないもの) names a list whose lead
    is negated, of two that hold its words (■対象になる主なもの, ■対象にならない主なもの)."""
    side = next((name for name, words in _SIDES.items() if words.search(question)), None)
    unsided = question
    for words in _SIDES.values():
        unsided = words.sub(" ", unsided)
    words = topic_words(unsided)
    if not words and side is None:
        return None
    named: list[PieceList] = []
    # (the title's words aside, some must be left: 医療費控除について全部教えて names no list)
    untitled = [w for w in words if w not in title]
    for asked in (words, untitled) if untitled or side is not None else (words,):
        named = [
            lst
            for lst in lists
            if (side is None or lst.side == side) and all(words_held(asked, lst.lead, lst.terms))
        ]
        if named or not asked:
            break
    if len(named) > 1:
        negated = _NEGATED.search(question) is not None
        named = [
            lst for lst in named if (_NEGATED.search(lst.lead) is not None) == negated
        ] or named
    if len(named) > 1:
        # Of those, the one whose heading or label holds most of the words (利用できる者は？:
        # 第3条（利用できる者）, not 第4条's 利用者は、…次に掲げる行為を…), if one does.
        most = max(sum(w in lst.heading_terms for w in words) for lst in named)
        named = [lst for lst in named if sum(w in lst.heading_terms for w in words) == most]
    return named[0] if len(named) == 1 else None


def item_named(question: str, lists: Sequence[PieceList]) -> tuple[PieceList, int] | None:
    """For a question asking for an item by its place in a list it names (禁止行為の2番目は？):
    that list and the item's number (from 1); None otherwise."""
    if not asks_for_one_item(question):
        return None
    named = list_named(question, lists)
    if named is None:
        return None
    n = item_asked(question, len(named.items))
    return None if n is None else (named, n)


def first_items(lst: PieceList) -> tuple[Sentence, ...]:
    """The items quoted at once for a question asking for the list (the rest: "tell me more")."""
    return lst.items[:MAX_ITEMS]
