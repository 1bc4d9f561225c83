"""Answers that say the answer: pick the piece's sentences that hold what the question asks for.

The sentence that matches a question best is often the one the question was built from; the
answer is a name, a date or a term in it that the question does not repeat, or in the
sentence next to it. `choose` keeps the best-matching sentence and, when that sentence holds
nothing of the expected kind (see `question.analyse`) beyond what the question already says,
adds the nearest sentence of the same paragraph that does. Every sentence is quoted verbatim
from the piece; nothing is rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.article import Article
from bot.core.measures_asked import (
    EN_NUMBER,
    FEE_ALONE,
    FIGURE,
    KANJI_NUMERALS,
    MONEY,
    asked_measure,
)
from bot.core.normalize import loose_fold
from bot.core.question import CLUB, QuestionInfo, asked_counter
from bot.core.scripts import KANJI
from bot.core.structure import points_back
from bot.core.tokenize import EN_STOPWORDS, UNIT_WORDS, morph_tokens, morphemes

_DATE = re.compile(
    r"[0-9０-９]{1,4}\s*(?:年|月|日|世紀|年代)|(?:明治|大正|昭和|平成|令和|紀元前|西暦)"
    r"|[一二三四五六七八九〇十百千]+(?:年|月|日|世紀)"  # 一九〇七年: digit by digit, with 〇
    # A time of day (何時に…?): 10時, 午後7時, 正午, 9:30, 7 p.m.; not a length (3時間).
    # (一時 in kanji is mostly 一時的, "for a while": 午前十時 counts by its 午前.) A figure
    # with a colon is a time only where times are written: a range, from / until, at (a scale
    # of 1:50 is none).
    r"|[0-9０-９]{1,2}\s*時(?!間)|午前|午後|正午"
    r"|(?:(?<=[～〜~\-–])|(?<=at )|(?<=from ))[0-2]?[0-9]:[0-5][0-9](?![0-9])"
    r"|(?<![0-9:])[0-2]?[0-9]:[0-5][0-9](?=\s*(?:[～〜~\-–]|から|まで|に|頃|ごろ|開|閉|until|to\b))"
    r"|\b[0-9]{1,2}(?::[0-5][0-9])?\s*(?:a\.m\.|p\.m\.|[ap]m\b)"
    # A day of the week (休館日は？ 毎週月曜日).
    r"|[月火水木金土日]曜|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?\b"
    # English: a year of four digits standing alone (1871, the 1990s), or a month's name.
    r"|\b(?:1[0-9]{3}|20[0-9]{2})(?:s\b|\b)"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b"
)
# A capitalised English word, not opening a sentence: a name of some person or place.
_LATIN_NAME = re.compile(r"(?<![.!?]\s)(?<!^)(?<![.!?])\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")
_NUMBER = re.compile(rf"[0-9０-９]|[{KANJI_NUMERALS}]+[^\s、。]?|{EN_NUMBER}", re.I)
_TERM = re.compile(
    r"「[^」]{1,40}」|『[^』]{1,40}』|（[^）]{1,30}）|\([^)]{1,30}\)|"
    r"と(?:いう|言う|いい|言い|呼ぶ|呼ば|呼ん|称|され|も)"
)
_REASON = re.compile(r"ため|から|ので|により|によって|による|理由|原因|結果|おかげ|せい")
# A sentence telling the result of what the one before it says (…, so I came home; そのため
# …): asked why, the cause is the sentence before.
_RESULT = re.compile(
    r"^(?:そのため|このため|だから|それで(?!も|は)|したがって)|(?:^|[,;]\s*)"
    r"(?:so(?![- ](?:far|many|much|long|called|that)\b)|therefore|thus|hence|that is why"
    r"|this is why)\b",
    re.I,
)
# A sentence the question covers this much (share of its content words) adds nothing new.
RESTATED = 0.6
# An answer shorter than this many characters gets the sentences around its best one: on the
# development split, 160 puts the answer string in 94.7 % of answers (no context: 92.0 %) at a
# median of 175 characters (the bound is 200).
FILL = 160


def _names(text: str, kind: str) -> list[str]:
    """Proper nouns of `kind` (人名 or 地名) in `text`, per UniDic; and English names
    (capitalised words not opening a sentence), which can be either kind."""
    out = [
        m.group()
        for m in _LATIN_NAME.finditer(text)
        if m.group().split()[0].casefold() not in EN_STOPWORDS
    ]
    for m in morphemes(text):
        if m.pos2 == "固有名詞" and (m.pos3 == kind or (kind == "地名" and m.pos3 == "国")):
            out.append(m.surface)
    return out


def _new(found: Sequence[str], question: str) -> bool:
    q = loose_fold(question)
    return any(loose_fold(x).strip("「」『』()（）") not in q for x in found if x.strip())


def novelty(sentence: str, question: str) -> float:
    """Share of the sentence's content words that the question does not contain."""
    words = set(morph_tokens(sentence))
    if not words:
        return 0.0
    q = set(morph_tokens(question))
    return len(words - q) / len(words)


# A counter after 何 asks for a figure with that unit. Counters that also begin words are
# not taken when more kanji follow (何分解 is "what decomposition", 何社会 "what society"),
# nor is 何度も ("again and again").
_UNIT = re.compile(
    rf"何(?!{CLUB})(人|個|回|%|％|割|倍|歳|才|位|種類|件|台|枚|票|軒|棟|匹|冊|杯|世帯|パーセント|メートル|キロメートル|"
    r"キロ|トン|カ国|か国|ヶ国|箇所|ヶ所|か所|カ所|時間|日間|ヶ月|か月|カ月|年間|年生|円|ドル|"
    rf"(?:社|本|度|分|点|部)(?![{KANJI}]|も))"
)
# A unit in Latin letters after 何 (何mAh, 何GB, 何W): its figures are written with it.
_LATIN_UNIT = re.compile(r"何\s*([A-Za-z]{1,5})(?![A-Za-z])")
_PERCENT = ("%", "％", "パーセント")
_COUNTRIES = ("カ国", "か国", "ヶ国", "ヵ国")
_PLACES = ("箇所", "ヶ所", "か所", "カ所", "ヵ所")
_UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(_PERCENT, _PERCENT),
    **dict.fromkeys(_COUNTRIES, _COUNTRIES),
    **dict.fromkeys(_PLACES, _PLACES),
    "歳": ("歳", "才"),
    "才": ("歳", "才"),
    "人": ("人", "名"),  # people counted either way: 定員は何人？ → 20名
    "名": ("名", "人"),
    "度": ("度", "℃", "°"),
    "回": ("回", "度", "刊"),  # 月2刊: issued twice a month
    "割": ("割", *_PERCENT),  # 何割？ → 70％
    "冊": ("冊", "点"),  # 何冊まで借りられる？ → 10点
    "軒": ("軒", "戸", "世帯"),
    "世帯": ("世帯", "戸", "軒"),
}


def _unit_aliases(unit: str) -> tuple[str, ...]:
    """The ways a figure's unit is written: `_UNIT_ALIASES`, or a unit of measure in any of
    its spellings (`tokenize.UNIT_WORDS`: 何センチ → 7.2cm, 何km → 42.6キロメートル)."""
    if unit in _UNIT_ALIASES:
        return _UNIT_ALIASES[unit]
    word = UNIT_WORDS.get(unit.lower(), unit)
    return (unit, word, *(u for u, w in UNIT_WORDS.items() if w == word))


# 何人 also asks "which people" (ポルトガル人), 何社 "which company" (フィリップス社), 何位 a
# rank (第3), 何階 a floor (2F), 何駅目 a stop (三つ目): so written, they answer them too.
_NAMED = {
    "人": re.compile(rf"[\u30a1-\u30faー]{{2,}}人|[{KANJI}]国人"),
    "社": re.compile(r"[\u30a1-\u30faーA-Za-z]{2,}社"),
    "位": re.compile(r"第\s*[0-9０-９一二三四五六七八九十]+"),
    "階": re.compile(r"[0-9０-９]\s*[FＦ](?![A-Za-z])"),
    "駅": re.compile(r"[0-9０-９一二三四五六七八九十]\s*つ目"),
}


# One of a counter priced or rated (1台3,000円, 1頭あたり, 1人につき): a rate, not a count.
_ONE = re.compile(r"[1１一](?![0-9０-９.,，．〇一二三四五六七八九十百千万億])")
_RATED = re.compile(r"\s*(?:あたり|当たり|につき|[0-9０-９][0-9０-９,，]*\s*円)")


def has_figure(text: str, question: str) -> bool | None:
    """For a question asking for a figure with a unit (何歳, 何人, 何%…) or a measure (いくら,
    How much … cost, How old): whether `text` holds one the question does not already give;
    None when none is asked."""
    m = _UNIT.search(question) or _LATIN_UNIT.search(question)
    unit = m.group(1) if m else asked_counter(question)
    measure = asked_measure(question, unit)
    if measure is not None:
        return _new(measure.findall(text), question)
    if unit is None:
        return None
    units = _unit_aliases(unit)
    pattern = re.compile(FIGURE + "(?:" + "|".join(re.escape(u) for u in units) + ")", re.I)
    found = [
        m.group()
        for m in pattern.finditer(text)
        if not (_ONE.match(m.group()) and _RATED.match(text, m.end()))
    ]
    if unit in _NAMED:
        found += _NAMED[unit].findall(text)
    return _new(found, question)


# A figure: a digit, or kanji numerals as old texts and novels write them (二百五十万, 一九〇七).
_DIGIT = re.compile(rf"[0-9０-９]|[{KANJI_NUMERALS}]{{2,}}")


def kind_present(text: str, kind: str) -> bool | None:
    """Whether `text` holds anything of an answer kind that can be recognised on its own (a
    person's or a place's name, a date, a figure, an amount of money); None for the others."""
    if kind == "person":
        return bool(_names(text, "人名"))
    if kind == "place":
        return bool(_names(text, "地名"))
    if kind == "date":
        return _DATE.search(text) is not None
    if kind == "number":
        return _DIGIT.search(text) is not None
    if kind == "money":
        return MONEY.search(text) is not None
    return None


def holds_answer(sentence: str, info: QuestionInfo, question: str) -> bool:
    """Whether the sentence holds something of the expected kind that the question lacks."""
    kind = info.kind
    if kind == "date":
        return _new(_DATE.findall(sentence), question)
    if kind == "number":
        # A figure with the unit asked for (入場料は？: money, not the 15:00 opening a line).
        unit = has_figure(sentence, question)
        if unit is None and FEE_ALONE.search(question):
            unit = MONEY.search(sentence) is not None
        return unit if unit is not None else _new(_NUMBER.findall(sentence), question)
    if kind == "person":
        return _new(_names(sentence, "人名"), question) or novelty(sentence, question) >= 0.5
    if kind == "place":
        return _new(_names(sentence, "地名"), question) or novelty(sentence, question) >= 0.5
    if kind == "term":
        return bool(_TERM.search(sentence)) and novelty(sentence, question) > 1 - RESTATED
    if kind == "reason":
        return bool(_REASON.search(sentence)) and novelty(sentence, question) > 1 - RESTATED
    return novelty(sentence, question) > 1 - RESTATED


_FIGURE_KINDS = frozenset({"number", "date"})  # kinds whose answer a figure or a date gives


def choose(
    article: Article,
    question: str,
    info: QuestionInfo,
    picked: Sequence[int],
    *,
    reach: int = 2,
    fill: int = FILL,
) -> list[int]:
    """Sentence indices (piece-wide) to answer with, in reading order.

    `picked`: the sentences that match the question, best first; they are kept. When the
    best one restates the question or holds nothing of the expected kind, the nearest
    sentence within `reach` of it, in its paragraph, that does is added (after it first:
    prose explains after it names), or failing that the sentence right after a restated
    one, or, for a figure or a date asked, the next paragraph's first sentence if it gives
    one. Then, while the answer is shorter than `fill` characters, the sentences around the
    best one (after it, then before it, in its paragraph) give it its context.
    """
    if not picked:
        return []
    sentences = article.sentences
    chosen = list(dict.fromkeys(picked))
    best = chosen[0]
    para = sentences[best].paragraph
    restated = novelty(sentences[best].text, question) <= 1 - RESTATED
    if restated or not holds_answer(sentences[best].text, info, question):
        for d in [x for k in range(1, reach + 1) for x in (k, -k)]:
            j = best + d
            inside = 0 <= j < len(sentences) and sentences[j].paragraph == para
            if inside and j not in chosen and holds_answer(sentences[j].text, info, question):
                chosen.append(j)
                break
        else:
            nxt = best + 1
            own = article.paragraph(para).sentences
            after = own[-1].index + 1  # the next paragraph's first sentence
            if (
                restated
                and nxt < len(sentences)
                and sentences[nxt].paragraph == para
                and nxt not in chosen
            ):
                chosen.append(nxt)
            elif (
                info.kind in _FIGURE_KINDS
                and after < len(sentences)
                and sentences[after].paragraph == para + 1
                and after not in chosen
                and holds_answer(sentences[after].text, info, question)
                # (the rest of its paragraph, beyond reach, gives none: 料金は大人700円です。)
                and not any(holds_answer(t.text, info, question) for t in own if t.index != best)
            ):
                # A paragraph naming the thing, then its figure on the next line
                # (1日乗車券を販売しています。／大人700円、小児350円です。).
                chosen.append(after)
    # A question the piece asks its reader (…といった症状はありませんか。) is answered by the
    # sentence after it when that points back at it (このような症状があるときは、使用を中止し…),
    # in the next paragraph too.
    nxt = best + 1
    if (
        sentences[best].text.rstrip().endswith(_ASKS_READER)
        and nxt < len(sentences)
        and nxt not in chosen
        and points_back(sentences[nxt].text)
    ):
        chosen.append(nxt)
    cause_first = info.kind == "reason" and _RESULT.search(sentences[best].text) is not None
    return _filled(article, chosen, best, fill, cause_first=cause_first)


_ASKS_READER = ("か。", "？", "?")


def _filled(
    article: Article, chosen: list[int], best: int, fill: int, *, cause_first: bool = False
) -> list[int]:
    """`chosen`, and while it is shorter than `fill` characters the sentences after `best`,
    then before it, in its paragraph (none longer than the room left plus `fill`); before
    it first when `cause_first` (the best tells a result of what comes before it)."""
    sentences = article.sentences
    para = sentences[best].paragraph
    out = set(chosen)
    size = sum(len(sentences[i].text) for i in out)
    for step in (-1, 1) if cause_first else (1, -1):
        j = best + step
        while size < fill and 0 <= j < len(sentences) and sentences[j].paragraph == para:
            if j not in out:
                if size + len(sentences[j].text) > 2 * fill:
                    break
                out.add(j)
                size += len(sentences[j].text)
            j += step
    return sorted(out)
