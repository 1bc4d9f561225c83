"""Questions about the list a piece enumerates: whether one asks for the list (要因は？, what
factors does the piece name?), for one item by its place (2つ目の理由は？, the second step?),
and whether it names the kind of item the piece lists."""

from __future__ import annotations

import re

from bot.core import piece_nouns
from bot.core.enumeration import DIGITS, EN_NUM, KANA_COUNT, NEXT, ORDINAL_WORD, ordinal, to_int
from bot.core.scripts import KANJI
from bot.core.tokenize import morph_tokens, stem
from bot.engines.offline.announced import words_held
from bot.engines.offline.factors import ANNOUNCE, CUE, FactorList

# What any list's items may be called, whatever it lists (not 点 alone: 地点, 観点).
_ANY_ITEM = re.compile(r"手順|ステップ|ポイント|項目|\b(?:steps?|points?|items?)\b", re.I)
_NAMED_WITHIN = 12  # characters from an item's start where its cue may name its kind

# Items that explain something: a question for one of these nouns asks for an enumeration of
# any of them (理由は？ where the piece announces 「3つの要因」).
EXPLAINING = re.compile(r"要因|理由|原因|要素|背景|factors?|reasons?|causes?|drivers?", re.I)
# Words a question for the list may hold besides its subject: the piece, the count, the asking
# (English ones as `tokenize.stem` gives them: piece → piec).
_LIST_WORDS = frozenset(
    """
    筆者 著者 作者 挙げる 見る 考える 主 主要 重要 大きな 数 全て
    全部 それぞれ 一つ 二つ 三つ 四つ 五つ 順番
    name list give main key author behind mention identifi explain two three four five sever
    """.split()
    + list(piece_nouns.JA)
    + [stem(w) for w in piece_nouns.EN]
)


# A question for every item of a list, whatever it lists (雨の日の手順は？, 持ち物を全部
# 教えて, 流れを順番に教えて, what are the steps…?, list everything).
_ALL_ITEMS = re.compile(
    r"手順|ステップ|全部|全て|すべて|挙げて|一覧|列挙|順番に|順に|\b(?:steps|list|all|every(?:thing)?)\b",
    re.I,
)


# A total asked for (全部でいくら？, 全部で何人？, how much in all?): one figure, not the items.
_TOTAL = re.compile(
    # (not 全部で何がある？, 全部で何に気をつける？, 全部で何と何？: they ask what they are)
    r"(?:全部|全て|すべて)で[^。？?何]{0,8}?"
    r"(?:いくら|何(?![がをはものにと])|どの?(?:くらい|ぐらい)|どれ(?:くらい|ぐらい))"
    r"|\bhow (?:much|many)\b[^?]*\b(?:in all|in total|altogether|all together|all told)\b",
    re.I,
)


def asks_for_every_item(question: str) -> bool:
    """Whether a question asks for all the items of a list (`_ALL_ITEMS`), not one of them nor
    their total (`_TOTAL`)."""
    return (
        _ALL_ITEMS.search(question) is not None
        and _TOTAL.search(question) is None
        and not asks_for_one_item(question)
    )


def _announced_noun(factors: FactorList) -> str | None:
    """The kind of item the piece announces it lists (要因 in 「3つの要因がある」), if it does."""
    if not factors.enumerated or factors.announcement is None:
        return None
    announced = ANNOUNCE.search(factors.announcement.text)
    if announced is None:  # an introduction: 理由は次の通りだ
        named = CUE.search(factors.announcement.text)
        return named.group().casefold() if named else None
    groups = ("noun", "jnoun", "tnoun", "ennoun")
    noun = next((g for g in map(announced.group, groups) if g), None)
    return (noun or "").casefold()


def _markers_noun(factors: FactorList) -> str | None:
    """What an unannounced list's items call themselves at their cue (手順2, The second
    reason is…, 最初の理由は…), if the first one does."""
    if not factors.enumerated or factors.announcement is not None or not factors.factors:
        return None
    named = CUE.search(factors.factors[0].marker.text[:_NAMED_WITHIN])
    return named.group().casefold() if named else None


def names_listed_kind(question: str, factors: FactorList) -> bool:
    """Whether the question names the kind of item the piece announces it lists: the same
    noun (要因), or any explaining noun (理由, factor) for a list of explaining ones."""
    noun = _announced_noun(factors) or _markers_noun(factors)
    if not noun:
        # A list the piece numbers without saying what of (1. … 2. …, まず… そして何より…):
        # any name for items, as for a piece that lists nothing.
        return factors.enumerated and _names_any_kind(question, factors)
    explaining = EXPLAINING.fullmatch(noun) is not None
    return any(
        a.removesuffix("s") == noun.removesuffix("s") or (explaining and EXPLAINING.fullmatch(a))
        for a in (m.group().casefold() for m in CUE.finditer(question))
    )  # the step? where it announces "four steps"


def asks_for_factors(
    question: str, words: list[str], why: bool, factors: FactorList, title: str = ""
) -> bool:
    """Whether a question asks for the list the piece enumerates (ロシアと北朝鮮が近づいた要因は？,
    要因はいくつ？, what factors does the piece name?): it names the kind of item the piece
    announces (要因 for 「3つの要因がある」; any explaining noun for an explaining one), and of
    its other content `words` (in the piece's language: a translated question's translation)
    at least half are in the announcing sentence, or two thirds in it and the piece's `title`
    (…の原因は何ですか？ where the title names the phenomenon and the announcement only says
    原因は三つある), or in it and the sentences before it in its paragraph (`factors.lead`:
    客は四割減った。原因は…三つのことが分かった。 for 客が減った原因を全部教えて). A reason question
    (`why`: なぜ…？) that names no such noun asks for an explaining list when two thirds of its
    words are in the announcement. A question about one item, or about anything else the
    announcement does not cover, is searched as usual."""
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
    announced = factors.announcement.text
    if _share_in(content, announced) >= (0.5 if named else 2 / 3):
        return True
    return named and _share_in(content, f"{announced}\n{title}\n{factors.lead}") >= 2 / 3


def _share_in(content: list[str], text: str) -> float:
    """The share of the words `content` that `text` holds (`announced.words_held`)."""
    return sum(words_held(content, text)) / len(content)


def _asks_for_any_list(question: str, factors: FactorList) -> bool:
    """On a piece that announces no list: whether the question asks for its factors and for
    nothing else, in its own words (要因は？, この記事が挙げる理由は？, what factors does the
    piece name?), as `factors` gives them: what it enumerates, or its key points; or, where
    it does number a list, for its items by any name (手順は？, what are the steps?)."""
    if not _names_any_kind(question, factors) or asks_for_one_item(question):
        return False
    return not _beyond_the_list(morph_tokens(question))


def _names_any_kind(question: str, factors: FactorList) -> bool:
    """Whether the question names items a list of unsaid kind may hold: explaining ones
    (理由, factors), or, where the piece numbers a list, items by any name (手順, steps)."""
    return EXPLAINING.search(question) is not None or (
        factors.enumerated and _ANY_ITEM.search(question) is not None
    )


def _beyond_the_list(words: list[str]) -> list[str]:
    """The content words besides those a question for the list may hold (the piece, the
    count, the asking, the kind of item)."""
    return [
        w for w in words if w not in _LIST_WORDS and not CUE.fullmatch(w) and not w.isnumeric()
    ]


def topic_words(question: str) -> list[str]:
    """The words of a question naming what it asks about, besides the place in a list it
    names (2番目, the second), the piece, the count and the asking; the kind of item stays
    (禁止行為の2番目は？ → 禁止, 行為; 手順は？ → 手順)."""
    unplaced = _THIS.sub(" ", _ITEM_ASKED.sub(" ", question))
    return [
        w
        for w in morph_tokens(unplaced)
        if w not in _LIST_WORDS and w not in _PLACE_WORDS and not w.isnumeric()
    ]


# What the reader is reading, pointed at (この放送を聴く方法, この店の…; not ぬかどこの作り方):
# the piece's own subject, a word of kanji, katakana or letters before its particle (not the
# お of このおもちゃの, whose も is no particle).
_THIS = re.compile(
    rf"(?<![ぁ-ゖァ-ヶー\w])この[{KANJI}ァ-ヶーA-Za-z0-9]{{1,8}}(?=[をはがのにでともへや])"
)
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
_ORDINAL_EN_WORD = rf"{ORDINAL_WORD}|last"
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
