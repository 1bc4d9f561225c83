"""The list a quoted sentence announces: 「材料は次のとおりです。」 says nothing by itself; the
bulleted or numbered paragraphs right after it are what it announces, and the answer."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.core.article import Article, Sentence
from bot.core.enumeration import bulleted, cue_kind, ordinal, spaced_marker

# A sentence that hands over to what follows it: 次のとおりです。, 以下の3点だ。, 次のものを
# 用意する。, as follows, the following (ingredients):, a colon at its end; not one that only
# names the next day or year (次の日, the following year). Items must follow it, too.
_HANDS_OVER = re.compile(
    # 次のとおり / 以下のように anywhere; 次の / 以下の / 下記の after no noun (小学生以下の,
    # 3kg以下の, それ以下の), through to the sentence's end, and opening no topic (次の目標は…)
    r"(?:次|以下|下記)の(?:とおり|通り|ように|ような)"
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
# More items than this are not quoted at once: "tell me more" reads on from the last.
MAX_ITEMS = 12
_NUMBERED = frozenset({"1.", "(1)", "①", "step"})


def with_announced_items(
    article: Article, picked: Sequence[int], quotable: Collection[int]
) -> list[int]:
    """`picked` (sentence indices), and for each that closes its paragraph announcing a list,
    the first sentence of each list item after it (two or more, up to MAX_ITEMS)."""
    out = set(picked)
    for i in picked:
        out.update(_items_after(article, article.sentences[i], quotable))
    return sorted(out)


def _items_after(article: Article, s: Sentence, quotable: Collection[int]) -> list[int]:
    paragraph = article.paragraph(s.paragraph)
    if paragraph.sentences[-1].index != s.index or not _HANDS_OVER.search(s.text):
        return []
    items: list[int] = []
    for n in range(s.paragraph + 1, len(article.paragraphs) + 1):
        first = article.paragraph(n).sentences[0]
        if not _is_item(first) or len(items) == MAX_ITEMS:
            break
        if first.index in quotable:
            items.append(first.index)
    return items if len(items) >= 2 else []


def _is_item(s: Sentence) -> bool:
    """Whether a paragraph's first sentence opens a list item: a bullet or an item number."""
    numbered = ordinal(s.text) is not None or spaced_marker(s.text) is not None
    return bulleted(s.text) or (numbered and cue_kind(s.text) in _NUMBERED)
