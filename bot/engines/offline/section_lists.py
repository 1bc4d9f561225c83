"""Lists a piece writes as its sections, not as items: its numbered section headings, which
are its topics in order (minutes' 1. 前回議事録の確認 … 5. その他: the agenda), and the
paragraphs under one heading, which a question asking for all of what the heading names
wants every one of (【1日目】's timed lines: 1日目に回る場所を全部教えて).

A question about one topic's or one item's detail (夏祭りの予算は？, 1日目の昼食はどこ？) names
no such list and is searched as usual; nor does a story's numbered chapters become a list for
a question that does not ask for the piece's topics by name (議題, 項目, agenda).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from bot.core.article import Article, Paragraph, Sentence
from bot.core.tokenize import morph_tokens
from bot.engines.offline.announced import MAX_ITEMS, item_cue
from bot.engines.offline.list_questions import asks_for_one_item, topic_words

# What a piece's topics are called, as a whole: a question for these asks for its headings.
_TOPICS = re.compile(
    r"議題|項目|内容|トピック|話題|\b(?:topics?|agenda|sections?|items? (?:discussed|covered))\b",
    re.I,
)
# Words a question for the topics may hold besides their name: the gathering that took them
# up and its taking them up (この会議で話し合われた議題は？, what was on the meeting's agenda?).
_TAKING_UP = frozenset(
    """
    会議 会合 役員会 総会 委員会 協議会 ミーティング 話し合う 話し合い 議論 討議 協議 審議 検討
    扱う 取り上げる 取り扱う 上がる 出る 載る する ある なる 含む 含まれる 並ぶ
    meet meeting discuss cover taken up
    """.split()
)
# A question asking for every one of something (全部教えて, 挙げて, list all the…); not one
# asking for a sum (全部でいくら？, in all).
_ALL = re.compile(
    r"(?:全部|ぜんぶ|すべて|全て)(?!で)|挙げ(?:て|よ|なさい|てください)|列挙|一覧|残らず"
    r"|\b(?:list|enumerate)\b|\ball (?:of )?the\b|\bevery\b",
    re.I,
)
# A section short enough to quote whole; a longer one is quoted by each paragraph's opening.
_WHOLE_SECTION_SENTENCES = 6
# Marks around or before a heading's words (【1日目】, ■商品の特長, ## Day 1).
_MARKS = re.compile(r"^[\s#■□◆◇●○▼▽【\[〈《]+|[\s】\]〉》]+$")


def numbered_headings(article: Article, heads: Sequence[int]) -> tuple[Sentence, ...]:
    """The piece's section headings (`heads`, ¶ numbers in order) numbered 1, 2, 3 … in one
    style (1. 前回議事録の確認, 2. 夏祭りについて), two or more; () if they are not numbered so."""
    cues = [(n, item_cue(article.paragraph(n).sentences[0])) for n in heads]
    numbered = [(n, cue) for n, cue in cues if cue is not None]
    if len(numbered) < 2 or len({cue[0] for _, cue in numbered}) != 1:
        return ()
    if [cue[1] for _, cue in numbered] != list(range(1, len(numbered) + 1)):
        return ()
    return tuple(article.paragraph(n).sentences[0] for n, _ in numbered)


def asks_for_the_topics(question: str) -> bool:
    """Whether a question asks for the piece's topics as a whole (この会議で話し合われた議題は？,
    what was on the agenda?): it names them (議題, 項目, agenda) and nothing else but the
    gathering that took them up and its doing so; not one topic (夏祭りの議題で決まったことは？)."""
    if _TOPICS.search(question) is None or asks_for_one_item(question):
        return False
    named = _TOPICS.sub(" ", question)
    return all(w in _TAKING_UP for w in topic_words(named))


def asks_for_all(question: str) -> bool:
    """Whether a question asks for every one of something (see `_ALL`), not for one item."""
    return _ALL.search(question) is not None and not asks_for_one_item(question)


def section_named(article: Article, under: Mapping[int, int], question: str) -> int | None:
    """The one section heading (¶) a question names: its words, as a whole, written in the
    question (1日目 of 【1日目】), or some of the question's topic words in the heading and all
    of them in its section (政府がとった対策 for 政府の対応, whose paragraphs say 対策); None
    if no section, or more than one, is named so."""
    words = topic_words(question)
    folded = _folded(question)
    named: list[int] = []
    for head in sorted(set(under.values())):
        heading = article.paragraph(head).text
        core = _folded(_MARKS.sub("", heading))
        if len(core) >= 2 and core in folded:
            named.append(head)
            continue
        heading_terms = set(morph_tokens(heading))
        if not any(w in heading_terms for w in words):
            continue
        text = "\n".join([heading, *(p.text for p in _section(article, under, head))])
        terms = set(morph_tokens(text))
        if all(w in terms or w in text.casefold() for w in words):
            named.append(head)
    return named[0] if len(named) == 1 else None


def section_sentences(article: Article, under: Mapping[int, int], head: int) -> list[Sentence]:
    """What answers for all a section holds: its every sentence if it has few, else each of
    its paragraphs' first (a day plan's timed lines: 10:30　金沢駅に到着。), up to MAX_ITEMS."""
    paragraphs = _section(article, under, head)
    every = [s for p in paragraphs for s in p.sentences]
    if len(every) <= _WHOLE_SECTION_SENTENCES:
        return every
    return [p.sentences[0] for p in paragraphs[:MAX_ITEMS]]


def _section(article: Article, under: Mapping[int, int], head: int) -> list[Paragraph]:
    return [p for p in article.paragraphs if under.get(p.number) == head and p.sentences]


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()
