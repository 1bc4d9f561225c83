"""The list a quoted sentence announces: 「材料は次のとおりです。」 says nothing by itself; the
bulleted or numbered paragraphs right after it are what it announces, and the answer."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.core.article import Article, Sentence
from bot.core.enumeration import bulleted, cue_kind, ordinal, spaced_marker

# A sentence that ends handing over to what follows it: 次のとおりです。, 以下の3点だ。,
# as follows., the following:, a colon (not "the following year", nor 次の日に…).
_HANDS_OVER = re.compile(
    r"(?:次|以下|下記)(?:のとおり|の通り|のよう|に示す|に挙げる)[^。．]{0,12}[。．.:：]?\s*$"
    r"|(?:次|以下|下記)の(?:[0-9０-９]+|[一二三四五六七八九十]+)?(?:つ|点|項目|もの)?"
    r"(?:です|だ|である|がある|があります|が必要です?)?[。．.:：]\s*$"
    r"|\b(?:as follows|the following)\s*[.:]?\s*$|[:：]\s*$",
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
