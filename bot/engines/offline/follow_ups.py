"""Follow-ups the offline engine understands: "the second one?", "tell me more", "and it?"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.answer import Turn
from bot.core.article import Article
from bot.engines.offline.factors import EXPLAINING, FactorList, names_listed_kind, to_int

_ORDINAL_REF = re.compile(
    r"(?:第)?(?P<n>[0-9０-９一二三四五六七八九十]+)(?:つ目|番目|の要因|の理由|の原因)"
    r"|(?P<ja>最初|初め|はじめ|最後)の"
    r"|\b(?P<en>first|second|third|fourth|fifth|sixth|last)\b",
    re.I,
)
_EN_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
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
    m = _ORDINAL_REF.search(question)
    if not m or not factors.enumerated:
        return None
    marker_paras = {f.marker.paragraph for f in factors.factors}
    recent = history[-2:]
    about_list = (
        any(set(t.passages) & marker_paras for t in recent)
        or bool(EXPLAINING.search(" ".join(t.question for t in recent)))
        or names_listed_kind(question, factors)  # 一つ目の要因は？ where it lists 3つの要因
    )
    if not about_list:
        return None
    if m.group("en") or m.group("ja"):
        word = (m.group("en") or m.group("ja")).lower()
        n = len(factors.factors) if word in {"last", "最後"} else _EN_ORD.get(word, 1)
    else:
        n = to_int(m.group("n") or "")
    return n if 1 <= n <= len(factors.factors) else None


def not_yet_quoted(article: Article, last: Turn) -> list[int]:
    """'Tell me more': sentences of the last answer's first passages it did not quote."""
    return [
        s.index
        for p in last.passages[:2]
        if 1 <= p <= len(article.paragraphs)
        for s in article.paragraph(p).sentences
        if s.text not in last.answer
    ]
