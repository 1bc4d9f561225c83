"""Find the factors (reasons, causes) a piece enumerates, from generic cues of enumeration."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.article import Article, Sentence
from bot.core.enumeration import (
    EN_NUM,
    ITEM_NOUNS,
    LAST,
    NEXT,
    NUM,
    bulleted,
    cue_end,
    cue_kind,
    item_parts,
    ordinal,
    part,
    spaced_marker,
    to_int,
    with_additions,
)
from bot.core.grounding import long_enough
from bot.core.structure import headings
from bot.engines.offline.item_regions import Relatedness, regions
from bot.engines.offline.item_titles import title_of

ANNOUNCE = re.compile(
    rf"(?P<n>{NUM}|\d+)つの(?:[^\s、。]{{0,8}}?)(?P<noun>{ITEM_NOUNS})"
    # 理由は二つある, 要因は主に3つだ, 原因は大きく三つに分けられる, 課題は二つ挙げられる:
    # the count after the noun
    rf"|(?P<jnoun>{ITEM_NOUNS})は(?:主に|大きく)?(?P<jn>{NUM}|\d+)つ"
    r"(?:ある|あり|です|だ|に分|挙げられ|考えられ)"
    # 原因はひとつではありませんが、大きく三つのことが分かってきた: the topic names the items
    rf"|(?P<tnoun>{ITEM_NOUNS})は[^。]{{0,40}}?(?P<tn>{NUM}|\d+)つのこと"
    rf"|\b(?P<en>two|three|four|five|six|several|\d+)\s+(?:\w+\s+)?(?P<ennoun>{ITEM_NOUNS})\b",
    re.I,
)
CUE = re.compile(ITEM_NOUNS, re.I)
# What a sentence that introduces a list with no count says of it: the following, several, a colon.
_INTRODUCES = re.compile(
    r"次の|以下の|下記の|いくつかの|\b(?:following|several|a few)\b|[:：]$", re.I
)
# A Japanese sentence told in the past, or as the writer's wish or plan (寄った, 見てみよう,
# 述べたい): a story or an essay going on, not a step to take.
# In English, a person who did it: First, we drove to the harbour (not First, boil the water,
# nor First, we heat the pan).
_NARRATES = re.compile(
    r"(?:た|よう|たい|ましょう)[。．!！?？]*[」』）)]*\s*$"
    r"|^\W*\w+(?:\s+of\s+all)?\s*,\s*(?:I|we|he|she|they)\s+(?:\w+ed|was|were|had|did|went"
    r"|came|took|made|got|saw|bought|drove|left|found|gave|told|said|ran|sat|stood|met)\b",
    re.I,
)
_WORDS = re.compile(r"\w")  # a letter or a digit: an item says something after its cue


@dataclass(frozen=True, slots=True)
class Factor:
    """One enumerated item: its title (verbatim from the text) and the sentences about it."""

    number: int
    title: str
    marker: Sentence
    region: tuple[Sentence, ...]  # marker sentence first, then what explains it


@dataclass(frozen=True, slots=True)
class FactorList:
    factors: tuple[Factor, ...]
    announcement: Sentence | None  # e.g. "…には3つの要因がある。"
    enumerated: bool  # False: the piece lists nothing; factors are its key points instead
    lead: str = ""  # the sentences before the announcement in its paragraph


def _announced_count(s: Sentence) -> int | None:
    m = ANNOUNCE.search(s.text)
    if not m:
        return None
    raw = m.group("n") or m.group("jn") or m.group("tn") or m.group("en") or ""
    return EN_NUM.get(raw.lower(), 0) if raw.lower() in EN_NUM else to_int(raw)


def _runs(markers: list[tuple[Sentence, int]]) -> list[list[tuple[Sentence, int]]]:
    """Sequences 1, 2, 3… in reading order: a 'next' cue (次に) takes the place after the
    item before it, a 'last' cue (最後に) may close one."""
    runs: list[list[tuple[Sentence, int]]] = []
    for i, (s, n) in enumerate(markers):
        if n != 1:
            continue
        run = [(s, n)]
        expect = 2
        style = _style(s)
        for j in range(i + 1, len(markers)):
            t, m = markers[j]
            if _style(t) != style:
                continue  # a list nested in an item, or another list around it
            if m == expect:
                run.append((t, m))
                expect += 1
            elif m == NEXT:
                run.append((t, expect))
                expect += 1
            elif m == LAST:
                run.append((t, expect))
                break
            elif m == 1:
                break
        if len(run) >= 2:
            runs.append(run)
    return runs


def _style(s: Sentence) -> str:
    """A marker's style for `_runs`: the list's numbering (1., (1), ①, 手順1), or words."""
    kind = cue_kind(s.text)
    return "word" if kind == "sequence" else kind


def find_factors(article: Article, shared_terms: Relatedness | None = None) -> FactorList:
    """Enumerated items of the piece, by cues alone; empty if it enumerates nothing.

    `shared_terms(a, b) -> float` scores how related two sentences are; it decides how far
    the last item's explanation reaches (it has no next item to stop it).
    """
    sentences = article.sentences
    parts = item_parts(sentences)
    # Not a section heading (1. はじめに), nor a marker with no words after it (①、②).
    heads = headings(article)
    markers: list[tuple[Sentence, int]] = []
    for s in parts:
        if s.paragraph in heads or not _says_something(s.text):
            continue
        n = ordinal(s.text)
        if n is None:
            n = _goes_on_numbered(s, markers)
        if n is not None:
            markers.append((s, n))
    counted = {s.index: c for s in sentences if (c := _announced_count(s))}
    announcements = [sentences[i] for i in counted]
    runs = [
        _within_count(r, announcements, counted)
        for r in _runs(markers)
        if _stands_as_a_list(r, sentences, announcements)
    ]
    runs += _bullet_runs(article, announcements)
    if not runs:
        return FactorList((), None, False)

    title = (article.meta.title or "").casefold()

    def quality(run: list[tuple[Sentence, int]]) -> tuple[int, int, int, int]:
        first = run[0][0]
        announced = _announcing(announcements, first)
        fits = any(counted[a.index] == len(run) for a in announced)
        # A list of what the title names (…が消えていく理由: 理由は二つある, not 三つの特徴).
        named = {m.group().casefold() for a in announced for m in CUE.finditer(a.text)}
        titled = any(noun in title for noun in named)
        cues = sum(1 for s, _ in run if CUE.search(s.text))
        return (int(fits) + int(bool(announced)), int(titled), cues, len(run))

    run = max(runs, key=quality)
    first = run[0][0]
    preceding = _announcing(announcements, first)
    count = counted[preceding[-1].index] if preceding else None
    items = with_additions([s for s, _ in run], sentences, count)
    run = [(s, n) for n, s in enumerate(items, start=1)]
    announcement = preceding[-1] if preceding else _introduction(sentences, first)
    if announcement is not None and announcement.index == first.index:
        # …three reasons: (1) jobs, (2) …: the words before the first marker announce it.
        lead = part(announcement, 0, first.start - announcement.start)
        announcement = lead if _announces(lead) else announcement

    factors = []
    explained = regions(article, [s for s, _ in run], shared_terms)
    for (s, n), region in zip(run, explained, strict=True):
        # An item too short to quote alone (②燃料高) is quoted in its sentence.
        marker = s if long_enough(s.text) else sentences[s.index]
        factors.append(Factor(n, title_of(s.text), marker, region))
    lead = ""
    if announcement is not None:
        lead = article.text[article.paragraph(announcement.paragraph).start : announcement.start]
    return FactorList(tuple(factors), announcement, True, lead)


def _within_count(
    run: list[tuple[Sentence, int]], announcements: list[Sentence], counted: dict[int, int]
) -> list[tuple[Sentence, int]]:
    """`run` without a 'last' cue that would make it one item longer than announced: 三つ
    announced, 一つ目… 二つ目… 三つ目… told, then 最後に、皆さんにお願いがあります closes the
    talk, not the list."""
    announced = _announcing(announcements, run[0][0])
    last = run[-1][0]
    if announced and len(run) == counted[announced[-1].index] + 1 and ordinal(last.text) == LAST:
        return run[:-1]
    return run


def _goes_on_numbered(s: Sentence, markers: list[tuple[Sentence, int]]) -> int | None:
    """The number of an item numbered `5. 1日2回…` (`spaced_marker`, which `ordinal` leaves
    alone) where it goes on a `1.` list: the item before it is that list's, one less."""
    n = spaced_marker(s.text)
    if n is None or not markers:
        return None
    before, m = markers[-1]
    return n if m == n - 1 and cue_kind(before.text) == "1." else None


def _bullet_runs(
    article: Article, announcements: list[Sentence]
) -> list[list[tuple[Sentence, int]]]:
    """Two or more paragraphs in a row opened by a bullet (・, -, •), right after what
    announces or introduces them (ポイントは次の3つだ。): their order is their place."""
    runs: list[list[tuple[Sentence, int]]] = [[]]
    for p in article.paragraphs:
        first = p.sentences[0] if p.sentences else None
        if first is not None and bulleted(first.text) and _says_something(first.text):
            runs[-1].append((first, len(runs[-1]) + 1))
        elif runs[-1]:
            runs.append([])
    sentences = article.sentences
    return [
        r
        for r in runs
        if len(r) >= 2
        and (_announcing(announcements, r[0][0]) or _introduction(sentences, r[0][0]))
    ]


def _says_something(text: str) -> bool:
    """Whether words follow the cue that opens a list item (not ①、 or ・ alone)."""
    return _WORDS.search(text, cue_end(text, item=True)) is not None


def _stands_as_a_list(
    run: list[tuple[Sentence, int]], sentences: Sequence[Sentence], announcements: list[Sentence]
) -> bool:
    """Whether a run is a list of the piece's own, not a few terms one sentence counts off:
    items in sentences of their own, or in one sentence that, or the one before, says what
    they are (その要因は、①…); and items told by まず, 次に, 最後に alone only if announced
    or told as steps. 住民票の対象に（1）中長期在留者、（2）特別永住者…を加えた lists
    nothing a reader would call the piece's points."""
    first = run[0][0]
    said = bool(_announcing(announcements, first)) or _introduction(sentences, first) is not None
    if all(cue_kind(s.text) == "sequence" for s, _ in run):
        # まず彼は花屋に寄った。次に…。最後に…: a story (or the writer's plan: 見てみよう)
        # goes on with these words too; steps are told as steps (まず、湯を沸かす。次に…).
        return said or not any(_NARRATES.search(s.text) for s, _ in run)
    return said or len({s.index for s, _ in run}) > 1


def _announcing(announcements: list[Sentence], first: Sentence) -> list[Sentence]:
    """The announcements that may announce a list whose first item is `first`: those before
    it in its paragraph or the one above (「3つの要素」 a hundred paragraphs up announces
    another list)."""
    found = []
    # In reading order: from the last one at or before `first`, back while near enough.
    for k in range(bisect_right(announcements, first.index, key=_index) - 1, -1, -1):
        if announcements[k].paragraph < first.paragraph - 1:
            break
        found.append(announcements[k])
    return found[::-1]


def _index(s: Sentence) -> int:
    return s.index


def _announces(lead: Sentence) -> bool:
    """Whether the words before a sentence's first list marker announce the list by
    themselves, quotable alone (They grow for three reasons:, not その要因は、)."""
    said = ANNOUNCE.search(lead.text) or _INTRODUCES.search(lead.text)
    return said is not None and long_enough(lead.text)


def _introduction(sentences: Sequence[Sentence], first: Sentence) -> Sentence | None:
    """The sentence right before a list's first item, if it introduces the list by the kind
    of its items, with no count (理由は主に次の通りだ。/ Cities grow for several reasons.); for
    an item inside a sentence, the words before it if they name the kind (その要因は、①…)."""
    whole = sentences[first.index]
    if first.start > whole.start:
        lead = part(whole, 0, first.start - whole.start)
        if not CUE.search(lead.text):
            return None
        return lead if _announces(lead) else whole  # その要因は、①…: the sentence says it
    if first.index == 0:
        return None
    before = sentences[first.index - 1]
    return before if CUE.search(before.text) and _INTRODUCES.search(before.text) else None
