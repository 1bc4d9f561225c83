"""Where a sentence stands in a list the text enumerates, from the cue that opens it.

第一に… / 2つ目の要因は… / 一つは… / まず… 次に… 最後に… / First, … Next, … Finally, … /
(1) … / ① … / 1. … / 手順2 … / Step 3 …: the cue says the item's place, and the words after it
are the item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.article import Sentence
from bot.core.scripts import KANJI
from bot.core.text import LIST_NUMBER

_KANJI_NUM = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_KANA_NUM = {"ひと": 1, "ふた": 2, "みっ": 3, "よっ": 4, "いつ": 5}
EN_NUM = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "several": 0,
}  # fmt: skip
DIGITS = r"[0-9０-９一二三四五六七八九十]+"  # a count in digits (any width) or kanji
KANA_COUNT = "|".join(_KANA_NUM)  # ひと|ふた|…, as in ひとつ目
NUM = f"{DIGITS}|{KANA_COUNT}"
# A list number written in digits (any width), as a list item's marker carries it.
_MARK_DIGITS = LIST_NUMBER
# The circled and bracketed numbers of Unicode: ① is 1, ⑳ is 20; ⑴ is 1, ⒇ is 20.
_CIRCLED = (0x2460, 0x2473)
_BRACKETED = (0x2474, 0x2487)

NEXT = 0  # the place `ordinal` gives 次に / Next: one after the item before it
LAST = -1  # the place it gives 最後に / Finally: the item that closes the list

# What a list's items are called (要因, reasons, steps): an ordinal before one of these opens an
# item (最初の理由は…, The second reason is…), and a count before one announces a list.
ITEM_NOUNS = (
    r"要因|理由|原因|要素|背景|側面|条件|特徴|点|問題|教訓|課題|ポイント"
    r"|手順|ステップ|factors?|reasons?|causes?|drivers?|steps?"
)
# A cue must open the sentence (after a connective at most) to mark an item of a list.
_LEAD = r"^(?:[「『(（]?(?:また|そして|さらに|では|次に|一方|まず|先ず)?[、,]?\s*)"
# After an ordinal, what makes it a list's: a particle, or の before what items are called
# (第二の要因, 2つ目の重要な理由; not 第一の人生, 二つ目の箱: the content's own).
_AS_ITEM = rf"(?:には|に|は|が|、|の(?=[^、。]{{0,8}}?(?:{ITEM_NOUNS})))"
ORDINAL_JA = re.compile(
    _LEAD + rf"(?:第(?P<a>{NUM}){_AS_ITEM}|(?P<b>{NUM})(?:つ目|番目)(?={_AS_ITEM}))"
)
# 一つは…。もう一つは…。: the first of two (its は stays, as the topic of what follows).
_ONE_OF_JA = re.compile(_LEAD + r"(?:一|ひと|1|１)つ(?=は)")
FIRST_JA = re.compile(_LEAD + rf"(?:まず|先ず|最初に|はじめに|初めに|最初の(?=(?:{ITEM_NOUNS})))")
_NEXT_JA = re.compile(r"^(?:その)?(?:次に|続いて)")
LAST_JA = re.compile(
    _LEAD + rf"(?:最後に|もう一つ|もうひとつ|もう1つ|最後の(?=(?:{ITEM_NOUNS})))"
    # そして何より心配なのは…: the weightiest, said last (何より alone asks no place in a list)
    r"|^そして[、,]?\s*何より(?:も)?(?=[^、。]{0,10}のは)"
)
ORDINAL_WORD = r"first|second|third|fourth|fifth|sixth"
# First, … / Firstly … / First of all … / The second reason is … / A third cause …: not an
# adjective of the content's own (First Nations, Second Lieutenant, Third-party, the first
# keeper).
_ORDINAL_EN = re.compile(
    rf"^(?:and\s+)?(?:(?:the|a)\s+(?P<n>{ORDINAL_WORD})\s+(?:{ITEM_NOUNS})\b"
    rf"|(?P<w>{ORDINAL_WORD})(?:ly\b|\s*,|\s+of\s+all\b))",
    re.I,
)
_NEXT_EN = re.compile(rf"^(?:next\s*,|another\s+(?:{ITEM_NOUNS})\b)", re.I)  # not Next year
_LAST_EN = re.compile(r"^(?:finally|lastly|last but not least)\b", re.I)
# Cues that say an item comes next, not its number (まず, 次に, 最後に, Next, Finally): a story
# or an argument goes on with them as often as a list does.
_SEQUENCE_WORDS = (FIRST_JA, _NEXT_JA, LAST_JA, _NEXT_EN, _LAST_EN)
# A list item's own number: (1) / （２） / 3) / 1. / ① / ⑴, or a step's: 手順2 / ステップ2 /
# Step 2 (not 1.5 million, nor 2020年, nor 1.の意味 or 1.は: a reference to an item, not the
# item; 1．まず湯を沸かす is one).
_MARKER = re.compile(
    rf"^(?:[(（](?P<p>{_MARK_DIGITS})[)）]|(?P<d>{_MARK_DIGITS})(?:[.．](?![0-9のはがをにでとも]|\s*[0-9０-９])|[)）])"
    rf"|(?:手順|ステップ|step)\s*(?P<s>{_MARK_DIGITS})(?![0-9])[.:：、)）]?"
    r"|(?P<c>[①-⑳⑴-⒇]))\s*",
    re.I,
)
# A number and a point before a figure (5. 1日2回…): a figure typed with a space (1. 5倍)
# unless it goes on a numbered list (see `spaced_marker`).
_SPACED_MARKER = re.compile(rf"^(?P<d>{_MARK_DIGITS})[.．]\s+(?=[0-9０-９])")
# The marks that open a list item (・長期で保有すること。, • 1 tablespoon): a bullet gives the
# item no place but its order.
BULLETS = "・•●◆■▪*＊\\-–"
_BULLET = re.compile(rf"^[{BULLETS}]\s*")
# The marks and spaces a line may open with before its first word: a bullet's, a heading's
# (■ 合宿コース, ◆主な工事の内容), an indent.
LINE_MARKS = " 　・•●◆◇■□▼▽▶*-"
# Words that add one more of what was said (また、さらに、In addition,): an item of a list when
# they open a paragraph inside it, never the start of one (see `with_additions`).
_ADDING = r"また|さらに|更に|加えて|そのうえ|その上|Also|In addition|Moreover|Furthermore"
_ADDS_CUE = re.compile(rf"^(?:{_ADDING})(?=\s*[、,])", re.I)
# A paragraph's opening topic that says "also" (費用の問題も, 人手不足も): a noun phrase and も.
# (the matter's noun names a concern: not 私も…, 政府も…, told of people between the items)
_CONCERNS = (
    "問題|課題|負担|費用|コスト|不足|懸念|リスク|影響|不安|弊害|難点|欠点|壁|障害|制約"
    "|物価高|円高|円安|高齢化|少子化|過疎化|老朽化|空洞化|温暖化|人手難|資金難|経営難|就職難"
    "|減少|低下|悪化|格差|赤字"
)
_ALSO = re.compile(
    rf"^[{KANJI}ァ-ヴー]{{0,10}}(?:の[{KANJI}ァ-ヴー]{{0,10}})?(?:{_CONCERNS})も(?!の|っと)"
)
# Cues after which the item itself begins, in the order `cue_end` tries them.
_CUES = (ORDINAL_JA, _ONE_OF_JA, FIRST_JA, _NEXT_JA, LAST_JA, _MARKER, _ADDS_CUE, _BULLET)


def to_int(token: str) -> int:
    """A count written in digits (any width), kanji or kana: '3', '３', '三', 'みっ' → 3."""
    token = token.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if token.isdigit():
        return int(token)
    if token in _KANA_NUM:
        return _KANA_NUM[token]
    tens, ten, ones = token.partition("十")
    if ten:  # 十, 十二, 二十, 二十一
        return (_KANJI_NUM.get(tens, 0) if tens else 1) * 10 + _KANJI_NUM.get(ones, 0)
    return _KANJI_NUM.get(token, 0)


def _marker_number(m: re.Match[str]) -> int:
    if m.group("c"):
        code = ord(m.group("c"))
        start = _CIRCLED[0] if code <= _CIRCLED[1] else _BRACKETED[0]
        return code - start + 1
    return to_int(m.group("p") or m.group("d") or m.group("s"))


def ordinal(sentence: str) -> int | None:
    """The list position a sentence announces at its start: 1, 2, …, `LAST` for 'last',
    `NEXT` for 'next' (次に, Next), or None."""
    s = sentence.strip()
    m = ORDINAL_JA.match(s)
    if m:
        return to_int(m.group("a") or m.group("b")) or None
    if _ONE_OF_JA.match(s) or FIRST_JA.match(s):
        return 1
    if LAST_JA.match(s) or _LAST_EN.match(s):
        return LAST
    if _NEXT_JA.match(s) or _NEXT_EN.match(s):
        return NEXT
    m = _ORDINAL_EN.match(s)
    if m:
        return EN_NUM[(m.group("w") or m.group("n")).lower()]
    m = _MARKER.match(s)
    if m:
        return _marker_number(m) or None
    return None


def spaced_marker(sentence: str) -> int | None:
    """The number of `5. 1日2回、…`, which `ordinal` leaves alone (1. 5倍 is a figure): an item
    only where the list's item before it is numbered one less (see `factors`)."""
    m = _SPACED_MARKER.match(sentence.strip())
    return to_int(m.group("d")) or None if m else None


def cue_kind(sentence: str) -> str:
    """What kind of cue opens a sentence that `ordinal` places in a list: its marker's style
    ("(1)", "1.", "①", "step"), "sequence" for a word that says only what comes next (まず,
    次に, Finally), else "word" (第二に, 2つ目の, Second,). One list keeps one style: a (1) …
    (2) … list and the ① ② list nested in its first item are two lists."""
    s = sentence.strip()
    if (m := _MARKER.match(s)) is not None and not ORDINAL_JA.match(s):
        if m.group("c"):
            return "①"
        if m.group("p"):
            return "(1)"
        return "step" if m.group("s") else "1."
    if _SPACED_MARKER.match(s):
        return "1."
    english = _ORDINAL_EN.match(s)
    if english is not None and english.group("w") and english.group("w").lower() == "first":
        return "sequence"  # First, … Next, … Finally, …: what comes next, as a story says it
    numbered = ORDINAL_JA.match(s) or english or _ONE_OF_JA.match(s)
    if not numbered and any(rx.match(s) for rx in _SEQUENCE_WORDS):
        return "sequence"
    return "word"


def bulleted(sentence: str) -> bool:
    """Whether a sentence opens with a list item's bullet (・長期で保有すること。)."""
    return _BULLET.match(sentence.strip()) is not None


def cue_end(sentence: str, *, item: bool = False) -> int:
    """Where the item begins after the Japanese cue or the list marker opening `sentence`
    (stripped of its leading space): 0 if none opens it. An English ordinal (First, …) is
    left for the caller, which reads it as the sentence's opening word. `item`: the sentence
    is a list's item, so `5. 1日2回…` opens with its number (`spaced_marker`)."""
    s = sentence.strip()
    for rx in (*_CUES, _SPACED_MARKER) if item else _CUES:
        if m := rx.match(s):
            return m.end()
    return 0


# A list marker inside a sentence, after a pause or a particle (要因は、①円安、②燃料高 /
# 理由は（1）価格および（2）品質 / reasons: (1) jobs, (2) schools): bracketed or circled only,
# not after a word (図①, 式(1)), nor a year in brackets.
_INLINE_MARKER = re.compile(
    rf"(?<=[\s、，,:：;；はがをにでともやび])(?:[(（]{_MARK_DIGITS}[)）]|[①-⑳⑴-⒇])"
    r"(?!\s*[とのがはをにもや、,])"  # （1）と（2）のいずれも: items referred to, not listed
)
# What joins an item to the next one's marker: a pause, and / or / および (not と or や,
# which end words too: こと).
_JOINER = re.compile(r"(?:[\s、，,;；]|\b(?:and|or)\b|および|及び|並びに|ならびに|または)+$")


def inline_items(sentence: str) -> list[tuple[int, int]]:
    """(start, end) in `sentence` of each item a list marker opens inside it, from its marker
    up to the next one, without what joins them (…要因は、①円安、②燃料高である。→ ①円安 /
    ②燃料高である。); empty if no marker follows a pause in it."""
    starts = [m.start() for m in _INLINE_MARKER.finditer(sentence)]
    if not starts:
        return []
    ends = [*starts[1:], len(sentence)]
    spans = []
    for a, b in zip(starts, ends, strict=True):
        joined = _JOINER.search(sentence, a, b)
        spans.append((a, joined.start() if joined else b))
    return spans


def item_parts(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences, each in its parts where list markers open items inside it (要因は、
    ①円安、②燃料高である。→ 要因は、/ ①円安 / ②燃料高である。): an item is its own span."""
    out: list[Sentence] = []
    for s in sentences:
        items = inline_items(s.text)
        if not items:
            out.append(s)
            continue
        out.append(part(s, 0, items[0][0]))
        out += [part(s, a, b) for a, b in items]
    return out


def part(s: Sentence, start: int, end: int) -> Sentence:
    """The span `start:end` of a sentence's text (without its edges' spaces), as a sentence
    at the same index."""
    text = s.text[start:end]
    start += len(text) - len(text.lstrip())
    text = text.strip()
    return Sentence(s.paragraph, s.index, s.start + start, s.start + start + len(text), text)


def with_additions(
    items: list[Sentence], sentences: Sequence[Sentence], count: int | None
) -> list[Sentence]:
    """A list's item sentences (in reading order) with the paragraphs that add one more item
    (opened by `_ADDING`): those between its first item and a closing one (まず… また…
    さらに… 最後に…), and, while fewer items than the piece announced (`count`), those right
    after its last (第一に… 第二に… さらに…, where it announced three)."""
    if len(items) < 2:
        return items
    closing = ordinal(items[-1].text) == LAST
    out = list(items)
    if closing:
        between = [
            s
            for s in sentences[items[0].index + 1 : items[-1].index]
            if _opens_an_addition(s, sentences, between=True)
        ]
        out = sorted({s.index: s for s in [*items, *between]}.values(), key=lambda s: s.index)
    elif count is not None and count > len(items):
        last = items[-1]
        for s in sentences[last.index + 1 :]:
            if s.paragraph > last.paragraph + 1 or len(out) >= count:
                break
            if _opens_an_addition(s, sentences):
                out.append(s)
                last = s
    return out


def _opens_an_addition(
    s: Sentence, sentences: Sequence[Sentence], *, between: bool = False
) -> bool:
    """Whether `s` opens a paragraph that adds an item: with また, さらに…; `between` a first
    item and a closing one, also with a topic that says "also" (費用の問題も見過ごせない)."""
    opens = s.index == 0 or sentences[s.index - 1].paragraph != s.paragraph
    if not opens:
        return False
    return _ADDS_CUE.match(s.text) is not None or (between and _ALSO.match(s.text) is not None)
