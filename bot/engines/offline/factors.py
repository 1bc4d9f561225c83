"""Find the factors (reasons, causes) a piece enumerates, from generic cues of enumeration."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core import piece_nouns
from bot.core.article import Article, Sentence
from bot.core.enumeration import (
    DIGITS,
    EN_NUM,
    ITEM_NOUNS,
    KANA_COUNT,
    LAST,
    NEXT,
    NUM,
    bulleted,
    cue_end,
    cue_kind,
    item_parts,
    ordinal,
    part,
    to_int,
    with_additions,
)
from bot.core.grounding import long_enough
from bot.core.structure import headings
from bot.core.tokenize import morph_tokens, stem
from bot.engines.offline.item_regions import Relatedness, regions
from bot.engines.offline.item_titles import title_of

_CUE_NOUNS = ITEM_NOUNS
_ANNOUNCE = re.compile(
    rf"(?P<n>{NUM}|\d+)つの(?:[^\s、。]{{0,8}}?)(?P<noun>{_CUE_NOUNS})"
    # 理由は二つある, 要因は主に3つだ: the count after the noun
    rf"|(?P<jnoun>{_CUE_NOUNS})は(?:主に|大きく)?(?P<jn>{NUM}|\d+)つ(?:ある|あり|です|だ)"
    rf"|\b(?P<en>two|three|four|five|six|several|\d+)\s+(?:\w+\s+)?(?P<ennoun>{_CUE_NOUNS})\b",
    re.I,
)
_CUE = re.compile(_CUE_NOUNS, re.I)
# What any list's items may be called, whatever it lists (not 点 alone: 地点, 観点).
_ANY_ITEM = re.compile(r"手順|ステップ|ポイント|項目|\b(?:steps?|points?|items?)\b", re.I)
_NAMED_WITHIN = 12  # characters from an item's start where its cue may name its kind
# What a sentence that introduces a list with no count says of it: the following, several, a colon.
_INTRODUCES = re.compile(
    r"次の|以下の|下記の|いくつかの|\b(?:following|several|a few)\b|[:：]$", re.I
)
# A Japanese sentence told in the past, or as the writer's wish or plan (寄った, 見てみよう,
# 述べたい): a story or an essay going on, not a step to take.
_NARRATES = re.compile(r"(?:た|よう|たい|ましょう)[。．!！?？]*[」』）)]*\s*$")
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


def _announced_count(s: Sentence) -> int | None:
    m = _ANNOUNCE.search(s.text)
    if not m:
        return None
    raw = m.group("n") or m.group("jn") or m.group("en") or ""
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
        for t, m in markers[i + 1 :]:
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
    markers = [
        (s, n)
        for s in parts
        if (n := ordinal(s.text)) is not None
        and s.paragraph not in heads
        and _WORDS.search(s.text, cue_end(s.text))
    ]
    announcements = [s for s in sentences if _announced_count(s)]
    runs = [r for r in _runs(markers) if _stands_as_a_list(r, sentences, announcements)]
    runs += _bullet_runs(article, announcements)
    if not runs:
        return FactorList((), None, False)

    title = (article.meta.title or "").casefold()

    def quality(run: list[tuple[Sentence, int]]) -> tuple[int, int, int, int]:
        first = run[0][0]
        announced = _announcing(announcements, first)
        fits = any(_announced_count(a) == len(run) for a in announced)
        # A list of what the title names (…が消えていく理由: 理由は二つある, not 三つの特徴).
        named = {m.group().casefold() for a in announced for m in _CUE.finditer(a.text)}
        titled = any(noun in title for noun in named)
        cues = sum(1 for s, _ in run if _CUE.search(s.text))
        return (int(fits) + int(bool(announced)), int(titled), cues, len(run))

    run = max(runs, key=quality)
    first = run[0][0]
    preceding = _announcing(announcements, first)
    counts = [c for a in preceding if (c := _announced_count(a))]
    items = with_additions([s for s, _ in run], sentences, counts[-1] if counts else None)
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
    return FactorList(tuple(factors), announcement, True)


def _bullet_runs(
    article: Article, announcements: list[Sentence]
) -> list[list[tuple[Sentence, int]]]:
    """Two or more paragraphs in a row opened by a bullet (・, -, •), right after what
    announces or introduces them (ポイントは次の3つだ。): their order is their place."""
    runs: list[list[tuple[Sentence, int]]] = [[]]
    for p in article.paragraphs:
        first = p.sentences[0] if p.sentences else None
        if first is not None and bulleted(first.text) and _WORDS.search(first.text, 1):
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
    return [
        a for a in announcements if a.index <= first.index and a.paragraph >= first.paragraph - 1
    ]


def _announces(lead: Sentence) -> bool:
    """Whether the words before a sentence's first list marker announce the list by
    themselves, quotable alone (They grow for three reasons:, not その要因は、)."""
    said = _ANNOUNCE.search(lead.text) or _INTRODUCES.search(lead.text)
    return said is not None and long_enough(lead.text)


def _introduction(sentences: Sequence[Sentence], first: Sentence) -> Sentence | None:
    """The sentence right before a list's first item, if it introduces the list by the kind
    of its items, with no count (理由は主に次の通りだ。/ Cities grow for several reasons.); for
    an item inside a sentence, the words before it if they name the kind (その要因は、①…)."""
    whole = sentences[first.index]
    if first.start > whole.start:
        lead = part(whole, 0, first.start - whole.start)
        if not _CUE.search(lead.text):
            return None
        return lead if _announces(lead) else whole  # その要因は、①…: the sentence says it
    if first.index == 0:
        return None
    before = sentences[first.index - 1]
    return before if _CUE.search(before.text) and _INTRODUCES.search(before.text) else None


# Items that explain something: a question for one of these nouns asks for an enumeration of
# any of them (理由は？ where the piece announces 「3つの要因」).
EXPLAINING = re.compile(r"要因|理由|原因|要素|背景|factors?|reasons?|causes?|drivers?", re.I)
# Words a question for the list may hold besides its subject: the piece, the count, the asking
# (English ones as `tokenize.stem` gives them: piece → piec).
_LIST_WORDS = frozenset(
    """
    筆者 著者 作者 挙げる 見る 考える 主 主要 重要 大きな 数 全て
    全部 それぞれ 一つ 二つ 三つ 四つ 五つ
    name list give main key author behind mention identifi explain two three four five sever
    """.split()
    + list(piece_nouns.JA)
    + [stem(w) for w in piece_nouns.EN]
)


def _announced_noun(factors: FactorList) -> str | None:
    """The kind of item the piece announces it lists (要因 in 「3つの要因がある」), if it does."""
    if not factors.enumerated or factors.announcement is None:
        return None
    announced = _ANNOUNCE.search(factors.announcement.text)
    if announced is None:  # an introduction: 理由は次の通りだ
        named = _CUE.search(factors.announcement.text)
        return named.group().casefold() if named else None
    noun = announced.group("noun") or announced.group("jnoun") or announced.group("ennoun")
    return (noun or "").casefold()


def _markers_noun(factors: FactorList) -> str | None:
    """What an unannounced list's items call themselves at their cue (手順2, The second
    reason is…, 最初の理由は…), if the first one does."""
    if not factors.enumerated or factors.announcement is not None or not factors.factors:
        return None
    named = _CUE.search(factors.factors[0].marker.text[:_NAMED_WITHIN])
    return named.group().casefold() if named else None


def names_listed_kind(question: str, factors: FactorList) -> bool:
    """Whether the question names the kind of item the piece announces it lists: the same
    noun (要因), or any explaining noun (理由, factor) for a list of explaining ones."""
    noun = _announced_noun(factors) or _markers_noun(factors)
    if not noun:
        # A list the piece numbers without saying what of (1. … 2. …): any name for items.
        return factors.enumerated and _ANY_ITEM.search(question) is not None
    explaining = EXPLAINING.fullmatch(noun) is not None
    return any(
        a.removesuffix("s") == noun.removesuffix("s") or (explaining and EXPLAINING.fullmatch(a))
        for a in (m.group().casefold() for m in _CUE.finditer(question))
    )  # the step? where it announces "four steps"


def asks_for_factors(question: str, words: list[str], why: bool, factors: FactorList) -> bool:
    """Whether a question asks for the list the piece enumerates (ロシアと北朝鮮が近づいた要因は？,
    要因はいくつ？, what factors does the piece name?): it names the kind of item the piece
    announces (要因 for 「3つの要因がある」; any explaining noun for an explaining one), and of
    its other content `words` (in the piece's language: a translated question's translation)
    at least half are in the announcing sentence. A reason question (`why`: なぜ…？) that
    names no such noun asks for an explaining list when two thirds of its words are in the
    announcement. A question about one item, or about anything else the announcement does not
    cover, is searched as usual."""
    noun = _announced_noun(factors)
    if noun is None or factors.announcement is None:
        return _asks_for_any_list(question, factors)
    named = names_listed_kind(question, factors)
    if not (named or (why and EXPLAINING.fullmatch(noun))):
        return False
    if asks_for_one_item(question):
        return False  # 2つ目の要因は？
    content = _beyond_the_list(words)
    if not content:
        return named
    text = factors.announcement.text
    terms = set(morph_tokens(text))  # the words as the question's are given (売上 → 売り上げ)
    share = sum(1 for w in content if w in terms or w in text.casefold()) / len(content)
    return share >= (0.5 if named else 2 / 3)


def _asks_for_any_list(question: str, factors: FactorList) -> bool:
    """On a piece that announces no list: whether the question asks for its factors and for
    nothing else, in its own words (要因は？, この記事が挙げる理由は？, what factors does the
    piece name?), as `factors` gives them: what it enumerates, or its key points; or, where
    it does number a list, for its items by any name (手順は？, what are the steps?)."""
    named = EXPLAINING.search(question) or (
        factors.enumerated and _ANY_ITEM.search(question) is not None
    )
    if not named or asks_for_one_item(question):
        return False
    return not _beyond_the_list(morph_tokens(question))


def _beyond_the_list(words: list[str]) -> list[str]:
    """The content words besides those a question for the list may hold (the piece, the
    count, the asking, the kind of item)."""
    return [
        w for w in words if w not in _LIST_WORDS and not _CUE.fullmatch(w) and not w.isnumeric()
    ]


# Words that only say which place in a list (最初の, the second one), besides the count.
_PLACE_WORDS = frozenset(
    "最初 最後 初め はじめ 第 目 番目 first second third fourth fifth sixth last one ones".split()
)


def asks_only_for_an_item(question: str) -> bool:
    """Whether the question asks for an item by its place and names nothing else (二つ目は？,
    the second one?, 最初の要因は？), so that it means nothing without a list to count in
    (not 二つ目の核実験は？, which names what it counts)."""
    if not asks_for_one_item(question):
        return False
    return all(w in _PLACE_WORDS for w in _beyond_the_list(morph_tokens(question)))


def asks_for_one_item(question: str) -> bool:
    """Whether a question names a place in a list (2つ目の要因は？, the second one?, まず…):
    it asks for one item, not for the list (次に… names no place: it goes on)."""
    return ordinal(question) not in (None, NEXT) or _ITEM_ASKED.search(question) is not None


# What a list's items are called, after an ordinal that points at one (最初の要因, the second
# point); an ordinal before another noun is the content's own (最初の核実験, the first keeper).
_ITEM_NOUN_JA = (
    r"(?:要因|理由|原因|点|要点|ポイント|項目|手順|ステップ|もの|やつ|の|[はをにがも]|って|[？?。]|$)"
)
_ITEM_NOUN_EN = r"(?:one|ones|factor|reason|cause|point|item|step|thing|of them)s?\b"
_ORDINAL_EN_WORD = r"first|second|third|fourth|fifth|sixth|last"
_ITEM_ASKED = re.compile(
    # 2つ目, 第3の要因, 2番目の (not 3番目に大きい: an order of the content's own)
    rf"(?:第)?(?P<n>{DIGITS})(?:つ目|番目(?!に)|の要因|の理由|の原因)"
    rf"|(?P<kana>{KANA_COUNT})つ目"
    rf"|(?P<ja>最初|初め|はじめ|最後)(?:の(?={_ITEM_NOUN_JA})"
    r"|(?=(?:は|って)(?:何|なに|どれ)?(?:ですか)?[？?。]?\s*$))"  # 最初は？, 最後って何？
    # "the second?", "the last one", "the first factor", "second one"; not "burn first?"
    rf"|\bthe (?P<en>{_ORDINAL_EN_WORD})\b(?=\s*(?:[?.!]|$)|\s+{_ITEM_NOUN_EN})"
    rf"|\b(?P<bare>{_ORDINAL_EN_WORD})\s+{_ITEM_NOUN_EN}",
    re.I,
)


def item_asked(question: str, count: int) -> int | None:
    """The item of a list of `count` a question asks for by its place: 一つ目の… / ひとつ目 /
    第2の要因 / 最初の / 最後の / the second / the last → 1…count; None if it names no place,
    or one the list does not have."""
    m = _ITEM_ASKED.search(question)
    if m is None:
        return None
    word = (m.group("en") or m.group("bare") or m.group("ja") or "").lower()
    if word:
        n = count if word in {"last", "最後"} else EN_NUM.get(word, 1)
    else:
        n = to_int(m.group("n") or m.group("kana"))
    return n if 1 <= n <= count else None
