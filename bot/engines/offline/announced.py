"""The list a quoted sentence announces: 「材料は次のとおりです。」 says nothing by itself; the
bulleted or numbered paragraphs right after it are what it announces, and the answer."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.core.article import Article, Sentence
from bot.core.enumeration import bulleted, cue_kind, ordinal

# A sentence that hands over to what follows it: 次のとおり, 以下の3点, the following, a colon.
_HANDS_OVER = re.compile(
    r"(?:次|以下|下記)(?:の|に)|次のとおり|次の通り|\bas follows\b|\bthe following\b|[:：]\s*$",
    re.I,
)
# More items than this are not one answer: the reader asks for the list (`factors`) instead.
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
    return bulleted(s.text) or (ordinal(s.text) is not None and cue_kind(s.text) in _NUMBERED)
