"""Follow-ups the offline engine understands: "the second one?", "tell me more", "and it?"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Sequence

from bot.core.answer import Turn
from bot.core.article import Article
from bot.engines.offline.factors import FactorList
from bot.engines.offline.list_questions import (
    EXPLAINING,
    asks_for_one_item,
    item_asked,
    names_listed_kind,
)

_ANAPHORA = re.compile(
    r"それ|その|これ|この|あれ|彼ら|彼|同じ|\b(?:it|its|that|this|they|them|those|their"
    r"|he|him|his|she|her|hers)\b",
    re.I,
)


# "Tell me more": words asking to go on with what was said, and what may come with them.
_MORE = re.compile(
    r"もっと|詳しく|くわしく|詳細|続き|続けて|他には|ほかには|さらに|それで|それから"
    r"|\b(?:tell me more|more|go on|continue|elaborate|details?|and then|and)\b",
    re.I,
)
_FILLER = re.compile(
    r"教えて|ください|下さい|お願い(?:します)?|\b(?:please|tell me)\b|[はをの?？!！。、.,\s]", re.I
)
# Thanks and acknowledgements, alone in the message.
_COURTESY = re.compile(
    r"(?:ありがとう(?:ございます|ございました)?|どうも|サンキュー|了解(?:です|しました)?"
    r"|わかりました|分かりました|なるほど|ok(?:ay)?|thanks?(?: you)?(?: so much| a lot)?|thx"
    r"|great|cool|got it|nice|i see)[\s!！.。~〜w笑]*",
    re.I,
)


def asks_for_more(question: str) -> bool:
    """Whether the question only asks to go on ("もっと詳しく", "tell me more", "続きは？")."""
    rest = _MORE.sub("", question)
    return rest != question and not _FILLER.sub("", rest)


def is_courtesy(question: str) -> bool:
    """Whether the message only thanks or acknowledges ("ありがとう！", "thanks", "OK", or an
    emoji such as 👍 with no word and no question mark). Punctuation alone ("。", "…", "!!!")
    acknowledges nothing: it is a question that asks nothing, as "?" is."""
    text = question.strip()
    if not any(ch.isalnum() for ch in text):
        symbols = any(unicodedata.category(ch) == "So" for ch in text)  # 👍 🙂 ❤
        return symbols and "?" not in text and "？" not in text
    return _COURTESY.fullmatch(text) is not None


def is_anaphoric(question: str) -> bool:
    """Whether the question points back ("it", "その") and so needs the previous one's words."""
    return _ANAPHORA.search(question) is not None


def factor_asked_for(
    question: str,
    history: Sequence[Turn],
    factors: FactorList,
    key_points: Callable[[], Sequence[int]] | None = None,
) -> int | None:
    """The factor a question like "the second one?" means, when the talk is about the list,
    or when it names the kind of item the piece lists ("一つ目の要因を説明して" / "what is the
    second factor?" where the piece announces 「3つの要因」). On a piece that lists nothing,
    `key_points` gives the paragraphs of its key points, which `factors` numbers instead: the
    question means one of them right after an answer that quoted them all."""
    if not factors.enumerated:
        if key_points is None or not asks_for_one_item(question):
            return None
        paragraphs = key_points()
        n = item_asked(question, len(paragraphs))
        listed = any(t.passages and set(t.passages) == set(paragraphs) for t in history[-2:])
        return n if listed else None
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


def read_on(
    article: Article, last: Turn, said: str = "", past: Collection[int] = ()
) -> list[int]:
    """'Tell me more' once the last answer's passages are used up: the sentences of the first
    paragraph after the last one it cited that are not in `said` (what the conversation has
    quoted; the last answer at least), read `past` the paragraphs given (an interviewer's
    questions: the next answer is what more the piece says); empty at the piece's end."""
    said = said or last.answer
    count = len(article.paragraphs)
    cited = [p for p in last.passages if 0 <= p <= count]  # ¶0, the header: from ¶1 on
    if not cited:
        return []
    for number in range(max(cited) + 1, count + 1):
        if number in past:
            continue
        new = [s.index for s in article.paragraph(number).sentences if s.text not in said]
        if new:
            return new
    return []


def not_yet_quoted(article: Article, last: Turn, said: str = "") -> list[int]:
    """'Tell me more': sentences of the last answer's first passages not in `said` (what the
    conversation has quoted; the last answer at least)."""
    said = said or last.answer
    return [
        s.index
        for p in last.passages[:2]
        if 1 <= p <= len(article.paragraphs)
        for s in article.paragraph(p).sentences
        if s.text not in said
    ]
