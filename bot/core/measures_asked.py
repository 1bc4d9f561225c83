"""Measures a question asks for without a counter, and how a text gives them: an amount of
money for いくら or How much … cost, an age for How old, a share for What percentage, a span
of years for 税理士になって何年 (15年, not the year 2027年 or 令和8年).
"""

from __future__ import annotations

import re

from bot.core.language import is_japanese
from bot.core.question import FEE
from bot.core.scripts import KANJI

# Figures in kanji, as counted (二百五十万) or written digit by digit (一九〇七).
KANJI_NUMERALS = "〇一二三四五六七八九十百千万億"
FIGURE = rf"(?:[0-9０-９][0-9０-９.,，．]*|[{KANJI_NUMERALS}数]+)\s*"
# A figure written in English words (seventy-nine, three hundred, thirty per cent); not
# "one", which is as often a pronoun (no one, the one).
_EN_UNITS = "two|three|four|five|six|seven|eight|nine"
_EN_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# Thirteen to nineteen, and twenty to ninety-nine: the figures an age is written in.
_EN_AGE = (
    rf"(?:(?:{_EN_TENS})(?:-(?:one|{_EN_UNITS}))?|(?:thir|four|fif|six|seven|eigh|nine)teen)\b"
)
EN_NUMBER = (
    rf"\b(?:{_EN_AGE}|(?:{_EN_UNITS}|ten|eleven|twelve|hundreds?|thousands?|millions?|billions?"
    r"|dozens?)\b)"
)
# Measures asked without a counter (いくら, How much … cost, How old), and how a text gives
# them: an amount of money, an age (高木恵子さん（67）, Ruth Calder, 64,), a share.
# …の入場料は？: a fee and nothing after it. The answer is an amount (when one is there: it
# may be 自由 or 300クレジット, so this picks sentences and declines nothing).
FEE_ALONE = re.compile(rf"{FEE}(?:は|って)?[？?。]?$")
_MONEY_ASKED = re.compile(
    # …の値段はいくら, 費用はどれくらい (not どれくらい上がった: a rise, a ratio)
    rf"{FEE}(?![{KANJI}])[^。？?]*"  # (not 残高証明書の発行にはどのくらい: a fee's name in another)
    r"(?:いくら(?!でも)|どれ(?:くらい|ぐらい|ほど)|どの(?:くらい|ぐらい)(?!の(?:頻度|期間|時間"
    r"|間隔|回数|ペース|人数|割合))|何円)"
    # (not how much it rose, nor how important it is)
    r"(?![^。？?]*(?:上が|下が|増|減|倍|高[くい]|安[くい]|大切|重要|大事|難し|深刻|影響|役立|効果))"
    r"|いくら(?:の(?:費用|お金|金額)|(?:くらい|ぐらい|ほど)?で(?:売|買|販売|購入|引き取)|(?:が|の)?(?:かか|払|支払))"
    # …の入党費はいくら: a word of paying (〜料, 〜費, 〜金) asked いくら, listed in FEE or not
    rf"|[{KANJI}](?:料|費|金)(?:は|って|も)?いくら(?!でも)"
    # …は1回いくら, 1泊あたりいくら: a price per use, per night, per head
    r"|(?:[0-9０-９]+|一)\s*(?:回|時間|日|泊|人|名|枚|個|本|台|[かヶケカ箇ヵ]月|年|kg|キロ)"
    r"(?:あたり|当たり)?(?:は|で|につき)?いくら(?!でも)"
    r"|\bhow much\b(?!\s+time\b)[^?]*"
    r"\b(?:costs?|paid|pay|price|fees?|fares?|charged?|spen[dt]|worth|rent)\b"
    r"|\b(?:price|cost|fee|fare)\s+(?:of|for)\b",
    re.I,
)
MONEY = re.compile(
    r"[$£€¥￥]\s*[0-9０-９]|\b(?:USD|US\$|EUR|GBP|JPY|AUD|CAD|NZD|CHF|CNY|KRW)\s?[0-9]"
    # (not 関東一円: 一 alone before 円 makes a word of its own, 十円 is money; nor 元 and 両
    # before another kanji: 二元代表制, 三元豚, 8両編成, 一両日)
    rf"|(?:[0-9０-９][0-9０-９,，.．]*|(?!一円)[{KANJI_NUMERALS}]+)\s*(?:[万億兆]\s*)?"
    r"(?:円|銭|ドル|ユーロ|ポンド|ウォン|フラン|マルク|ルピー|[元両](?![\u3400-\u9fff]))"
    r"|\b(?:[0-9][0-9,.]*|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s*"
    r"(?:hundred\s+|thousand\s+|million\s+|billion\s+)?"
    r"(?:dollars?|pounds?|euros?|yen|pence|penny|cents?|shillings?|guineas?|francs?)\b"
    # Nothing to pay is an amount too (入場は無料, 礼金：なし, free of charge; not "free time").
    rf"|無料|{FEE}[ \t　]*(?:[：:]|\s\|)[ \t　]*(?:なし|無し|不要)(?![ぁ-ん])"
    r"|\bfree of charge\b|\b(?:for|is|are|was|were) free\b(?! (?:to|time|of)\b)",
    re.I,
)
_AGE_ASKED = re.compile(r"\bhow old\b|\bat what age\b|\bwhat age (?:is|was|were)\b", re.I)
# A Japanese name's age in brackets (高木恵子さん（67）, 中村氏(54)), an English one between
# commas after a capitalised name (Ruth Calder, 64, …): not (1) of a list, nor 1,200,000.
_AGE = re.compile(
    rf"{FIGURE}(?:歳|才)|(?:さん|氏|君|ちゃん|様|[{KANJI}])[（(]\s*[0-9０-９]{{1,3}}\s*[）)]"
    r"|\b[0-9]{1,3}[- ]years?[- ]old\b|\baged\s+[0-9]{1,3}\b"
    r"|[A-Z][a-z]+,\s*[0-9]{2,3},(?![0-9])"
    # A person's age in words: Mr. Ikegami is seventy-nine and…, Ken was fifty when…, his
    # father, who is ninety,, died aged ninety (not the pier is thirty metres long; a
    # capitalised word opening a sentence is taken for a name: Attendance was sixty. too).
    rf"|\baged\s+{_EN_AGE}"
    r"|(?:\b(?:[Hh]e|[Ss]he|I|father|mother|wife|husband|son|daughter|brother|sister"
    r"|grandfather|grandmother)|\b[A-Z][a-z]+),?\s+(?:who\s+)?(?:is|was|turned|turns)\s+"
    rf"{_EN_AGE}(?=\s*(?:[,.;]|and\b|when\b|years?\s+old\b|$))",
)
_SHARE_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:percentage|per\s?cent|share|proportion)\b"
    r"|\bhow many per\s?cent\b|\binterest rate\b",
    re.I,
)
# A figure in digits or in English words (1,240, twenty): what a share or a size is given in.
_DIGITS_OR_WORDS = rf"(?:[0-9０-９][0-9０-９.,，．]*|{EN_NUMBER})"
_SHARE = re.compile(
    rf"{_DIGITS_OR_WORDS}\s*(?:%|％|パーセント|per\s?cent\b|percent\b)",
    re.I,
)
_HOW_MUCH_JA = re.compile(r"どれ(?:くらい|ぐらい|ほど)|どの(?:くらい|ぐらい)")
# Money counted in months of a rent or a pay: 敷金：賃料の1か月分, 賞与は合計4.2か月分.
_MONTHS_WORTH = r"[0-9０-９一二三四五六七八九十][0-9０-９.．]*\s*[かヶケカ箇ヵ]月分"
_MONEY_OR_MONTHS = re.compile(rf"{MONEY.pattern}|{_MONTHS_WORTH}", re.I)
_MONEY_OR_SHARE = re.compile(
    rf"{MONEY.pattern}|{_SHARE.pattern}|(?:[0-9０-９]+|[一二三四五六七八九])\s*割|{_MONTHS_WORTH}",
    re.I,
)


# A span of years asked (税理士になって何年, 何年間, 何年目; not 何年に, a year, nor 何年から
# 何年, two, nor 何年も), and how a text gives one: a count of years, not a year (15年, 3年目;
# not 2027年, 令和8年).
_SPAN_ASKED = re.compile(
    r"(?:て|(?<![年代])から)何年(?![にもの代])|何年(?:間|目|ぶり|経|たつ|たち|続)"
)
_SPAN = re.compile(
    r"(?<![0-9０-９])(?<!令和)(?<!平成)(?<!昭和)(?<!大正)(?<!明治)(?<!西暦)"
    r"(?:[0-9０-９]{1,3}|[一二三四五六七八九十百数]+)\s*[かヶカケ]?年(?![度代月生分])"
)


# A size asked in English without a unit (How heavy, How tall, How deep, What width), and how
# a text gives one: a figure with a unit of weight, or of length. Not How far (徒歩5分, two
# weeks ahead) nor How long (a time as often as a length), nor How big, nor How high (a fee,
# a temperature, a rate as often as a height).
_WEIGHT_ASKED = re.compile(
    r"\bhow heavy\b|\bwhat (?:is the )?weight\b|\bhow much does\b.*\bweigh\b", re.I
)
_LENGTH_ASKED = re.compile(
    r"\bhow (?:tall|deep|wide)\b|\bwhat (?:is the )?(?:height|depth|width)\b", re.I
)
_NUMBER = rf"{_DIGITS_OR_WORDS}\s*-?\s*"
# One of a unit spelled out: a mile wide, about a ton, half a metre.
_ONE = r"\b(?:half (?:an? )?|an? |one )"
_WEIGHT_WORDS = r"(?:kilo)?grams?|kilos?|pounds?|ounces?|tonnes?|tons?|stones?"
_LENGTH_WORDS = r"inch(?:es)?|feet|foot|yards?|miles?|(?:milli|centi|kilo)?(?:metres?|meters?)"
_WEIGHT = re.compile(
    rf"(?:{_NUMBER}(?:k?g|mg|lbs?|oz|{_WEIGHT_WORDS}|グラム|キロ|トン)|{_ONE}(?:{_WEIGHT_WORDS}))"
    r"(?![A-Za-z])",
    re.I,
)
_LENGTH = re.compile(
    rf"(?:{_NUMBER}(?:[mck]?m|ft|{_LENGTH_WORDS}|メートル|センチ|ミリ|キロ)"
    rf"|{_ONE}(?:{_LENGTH_WORDS}))(?![A-Za-z])",
    re.I,
)


# A share asked in Japanese with no unit (割合は？, 識字率は, 自己資本比率は？), and how a text
# gives one: a percentage, a tenth (約8割), a fraction, a half, or a ratio (60対25対15,
# 全壊百三十五に対し学校の全壊一).
_SHARE_ASKED_JA = re.compile(
    r"(?:割合|比率|率)(?:は|って)?(?:どれくらい|どのくらい|ぐらい|くらい|ですか|でしたか|[？?]|$)"
)
_SHARE_JA = re.compile(
    rf"{_SHARE.pattern}|(?:[0-9０-９]+|[一二三四五六七八九十])\s*割|分の|半数|半分"
    rf"|[0-9０-９{KANJI_NUMERALS}]+\s*(?:対|に対し(?:て)?)[^。]{{0,12}}?[0-9０-９{KANJI_NUMERALS}]+",
    re.I,
)
# A count asked in English (How many boreholes…?), and how a text gives one: a figure, in
# digits or words (not "one", as often a pronoun: one of our inspectors).
_COUNT_ASKED = re.compile(r"\bhow many\b", re.I)
_COUNT = re.compile(rf"[0-9０-９][0-9０-９.,]*|{EN_NUMBER}", re.I)


def asked_measure(question: str, unit: str | None) -> re.Pattern[str] | None:
    """How a text gives the measure the question asks for when no counter's figure says it
    (an age in brackets for 何歳, money for いくら, a count of years for 何年間), or None."""
    if unit is None and _SPAN_ASKED.search(question):
        return _SPAN
    if unit in ("歳", "才") or (unit is None and _AGE_ASKED.search(question)):
        return _AGE
    if unit is None and is_japanese(question) and _SHARE_ASKED_JA.search(question):
        return _SHARE_JA
    if unit is None and _MONEY_ASKED.search(question):
        # どれくらい may be answered by a share (年収の30%); いくら asks for an amount.
        return _MONEY_OR_SHARE if _HOW_MUCH_JA.search(question) else _MONEY_OR_MONTHS
    if unit is None and not is_japanese(question):
        if _SHARE_ASKED.search(question):
            return _SHARE
        if _WEIGHT_ASKED.search(question):
            return _WEIGHT
        if _LENGTH_ASKED.search(question):
            return _LENGTH
        if _COUNT_ASKED.search(question):
            return _COUNT
    return None
