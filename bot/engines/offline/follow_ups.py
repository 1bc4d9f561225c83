"""Follow-ups the offline engine understands: "the second one?", "tell me more", "and it?"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.answer import Turn
from bot.core.article import Article
from bot.engines.offline.factors import EXPLAINING, FactorList, item_asked, names_listed_kind

_ANAPHORA = re.compile(
    r"それ|その|これ|この|あれ|彼ら|彼|同じ|\b(?:it|its|that|this|they|them|those)\b", re.I
)


def is_anaphoric(question: str) -> bool:
    """Whether the question points back ("it", "その") and so needs the previous one's words."""
    return _ANAPHORA.search(question) is not None


def factor_asked_for(question: str, history: Sequence[Turn], factors: FactorList) -> int | None:
    """The factor a question like "the second one?" means, when the talk is about the list,
    or when it names the kind of item the piece lists ("一つ目の要因を説明して" / "what is the
    second factor?" where the piece announces 「3つの要因」)."""
    if not factors.enumerated:
        return None
    n = item_asked(question, len(factors.factors))
    if n is None:
        return None
    marker_paras = {f.marker.paragraph for f in factors.factors}
    recent = history[-2:]
    about_list = (
        any(set(t.passages) & marker_paras for t in recent)
        or bool(EXPLAINING.search(" ".join(t.question for t in recent)))
        or names_listed_kind(question, factors)  # 一つ目の要因は？ where it lists 3つの要因
    )
    return n if about_list else None


def not_yet_quoted(article: Article, last: Turn) -> list[int]:
    """'Tell me more': sentences of the last answer's first passages it did not quote."""
    return [
        s.index
        for p in last.passages[:2]
        if 1 <= p <= len(article.paragraphs)
        for s in article.paragraph(p).sentences
        if s.text not in last.answer
    ]
