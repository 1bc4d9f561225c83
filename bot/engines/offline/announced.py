"""The list a quoted sentence announces: 「材料は次のとおりです。」 says nothing by itself; the
bulleted or numbered paragraphs right after it are what it announces, and the answer."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.core.article import Article, Sentence
from bot.core.enumeration import BULLETS, bulleted, cue_kind, ordinal, spaced_marker
from bot.core.text import SENTENCE_END
from bot.core.tokenize import morph_tokens

# A sentence that hands over to what follows it: 次のとおりです。, 以下の3点だ。, 次のものを
# 用意する。, as follows, the following (ingredients):, a colon at its end; not one that only
# names the next day or year (次の日, the following year). Items must follow it, too.
_HANDS_OVER = re.compile(
    # 次のとおり / 以下のように / 次に掲げる anywhere; 次の / 以下の / 下記の after no noun
    # (小学生以下の, 3kg以下の, それ以下の), through to the sentence's end, and opening no
    # topic (次の目標は…)
    r"(?:次|以下|下記)の(?:とおり|通り|ように|ような)|次に(?:掲げる|定める|挙げる)"
    r"|(?<![\u3400-\u9fffァ-ヴー0-9０-９%％A-Za-zれ])(?:次|以下|下記)の"
    r"(?!(?:日|年|週|月|朝|晩|夜)(?![程時付間])|回|駅|世代|瞬間|機会|ページ|試合|段階)"
    r"(?![^。、]{0,10}(?:では|は))[^。]{0,30}[。．:：」』]*\s*$"
    r"|\bas follows\b"
    r"|\bthe following\b(?!\s+(?:year|day|week|month|quarter|morning|afternoon|evening|night"
    r"|weekend|season|spring|summer|autumn|fall|winter|time|decade|century|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday)s?\b)(?:\s+[\w-]+){0,8}\s*[.:]?\s*$"
    r"|[:：]\s*$",
    re.I,
)
# A sentence that only names examples, as its predicate (夕方の打ち水、…見直しなどだ。): they are
# examples of what the sentence before it says (できることもある。), which says little alone.
_EXAMPLES_OF_THE_LAST = re.compile(r"^[^。]+、[^。]+など(?:だ|です|である)?[。．]?\s*$")
# More items than this are not quoted at once: "tell me more" reads on from the last.
MAX_ITEMS = 12
_NUMBERED = frozenset({"1.", "(1)", "①", "step"})


def with_announced_items(
    article: Article, picked: Sequence[int], quotable: Collection[int], asked: str = ""
) -> list[int]:
    """`picked` (sentence indices), and for each that closes its paragraph announcing a list,
    the first sentence of each list item after it (two or more, up to MAX_ITEMS); for each
    followed in its paragraph by a sentence that only names examples, that sentence. For an
    item of a list, where every word of the question `asked` is in the list's lead (its
    announcement and the heading line above it: 館内で禁止されていることは？ for 第9条（禁止行為）
    館内では次に掲げる行為をしてはならない。), the announcement and all the items."""
    out = set(picked)
    sentences = article.sentences
    words = morph_tokens(asked)
    for i in picked:
        out.update(_items_after(article, sentences[i], quotable))
        lead = _lead_of_item(article, sentences[i]) if words else None
        if lead is not None and all(words_held(words, lead[1])):
            out.update([lead[0].index, *_items_after(article, lead[0], quotable)])
        after = sentences[i + 1] if i + 1 < len(sentences) else None
        if (
            after is not None
            and after.paragraph == sentences[i].paragraph
            and after.index in quotable
            and _EXAMPLES_OF_THE_LAST.match(after.text)
        ):
            out.add(after.index)
    return sorted(out)


def _lead_of_item(article: Article, s: Sentence) -> tuple[Sentence, str] | None:
    """For the first sentence of a list's item: the sentence announcing the list, and the
    words of its lead (its paragraph, after the line above it if that is one sentence: a
    heading such as 第9条（禁止行為）)."""
    n = s.paragraph
    if article.paragraph(n).sentences[0].index != s.index or not opens_item(s):
        return None
    while n > 1 and opens_item(article.paragraph(n - 1).sentences[0]):
        n -= 1
    if n < 2:
        return None
    announcing = article.paragraph(n - 1)
    above = article.paragraph(n - 2) if n > 2 else None
    heading = above.text if above and len(above.sentences) == 1 and "\n" not in above.text else ""
    return announcing.sentences[-1], f"{heading}\n{announcing.text}"


def words_held(words: Sequence[str], text: str, terms: Collection[str] | None = None) -> list[bool]:
    """For each of a question's words (`morph_tokens`), whether `text` (a list's lead, its
    announcement) writes it: as one of its words, given as the question's are (売上 →
    売り上げ), or within it, case-folded. `terms`: the text's words, if already worked out."""
    terms = set(morph_tokens(text)) if terms is None else terms
    folded = text.casefold()
    return [
        w in terms or w in folded or (w in _WAY and _WAY_OF.search(text) is not None) for w in words
    ]


# A way of doing, asked as 方法 or やり方 and written as a verb's stem and 方 (聴き方, 送り方,
# 育て方), whose kana ends in an i or e sound: not a person (お申し込みの方へ, 希望する方).
_WAY = frozenset({"方法", "やり方", "仕方"})
_WAY_OF = re.compile("[いきぎしじちぢにひびぴみりえけげせぜてでねへべぺめれ]方(?!法|面|向)")


def _items_after(article: Article, s: Sentence, quotable: Collection[int]) -> list[int]:
    paragraph = article.paragraph(s.paragraph)
    if paragraph.sentences[-1].index != s.index or not hands_over(s.text):
        return []
    items: list[int] = []
    for n in range(s.paragraph + 1, len(article.paragraphs) + 1):
        first = article.paragraph(n).sentences[0]
        if not opens_item(first) or len(items) == MAX_ITEMS:
            break
        if first.index in quotable:
            items.append(first.index)
    if len(items) >= 2:
        return items
    # Or lines of their own that end no sentence (18日　南部 6メートル　北部 4メートル, then 19日…).
    lines: list[int] = []
    for n in range(s.paragraph + 1, len(article.paragraphs) + 1):
        line = article.paragraph(n)
        text = line.text.strip()
        if len(line.sentences) != 1 or "\n" in text or text.endswith(SENTENCE_END):
            break
        # (up to a line never quoted: the next section's heading, ＜高潮＞)
        if len(lines) == MAX_ITEMS or line.sentences[0].index not in quotable:
            break
        lines.append(line.sentences[0].index)
    if len(lines) >= 2:
        return lines
    # Or one paragraph of entries, a line each (受付・見回り：1年と2年の保護者から各6名 …).
    if s.paragraph < len(article.paragraphs):
        after = article.paragraph(s.paragraph + 1)
        lines = after.text.strip().split("\n")
        if 2 <= len(lines) <= MAX_ITEMS and all(_ENTRY_LINE.match(line) for line in lines):
            return [x.index for x in after.sentences if x.index in quotable]
    return []


# A line naming an entry before a colon, or a bulleted line: an item of a list in one paragraph.
# (○ too, here only: after 次の…, a line it opens is an entry; elsewhere in a piece's body
# it also marks who speaks, ○議長（…）, see `minutes`.)
_ENTRY_LINE = re.compile(rf"\s*(?:[{BULLETS}○]\s*\S|[^：:。]{{1,20}}[：:]\s*\S)")


def hands_over(sentence: str) -> bool:
    """Whether a sentence hands over to the items after it (see `_HANDS_OVER`)."""
    return _HANDS_OVER.search(sentence) is not None


def opens_item(s: Sentence) -> bool:
    """Whether a paragraph's first sentence opens a list item: a bullet or an item number."""
    return item_cue(s) is not None


def item_cue(s: Sentence) -> tuple[str, int | None] | None:
    """The list item a paragraph's first sentence opens: its style (its bullet's mark, or its
    numbering: 1., (1), ①, step) and its number (None for a bullet); None if it opens none."""
    if bulleted(s.text):
        return f"bullet {s.text.strip()[:1]}", None
    n = ordinal(s.text)
    if n is None:
        n = spaced_marker(s.text)  # 5. 1日2回…
    if n is None:
        return None
    kind = cue_kind(s.text)
    return (kind, n) if kind in _NUMBERED else None
