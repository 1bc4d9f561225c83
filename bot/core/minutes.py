"""Minutes of a council or a committee (会議録): who asks what, and which paragraphs answer it.

Minutes mark each turn with its speaker's role and name in brackets after a mark, and no
colon (◆14番（佐伯陽子君） …, ◎市長（岡部浩一君） …, ○議長（田村誠君） 市長。). A turn runs
on over the unmarked paragraphs after it. A member asks several things in one turn, a
paragraph for each (…の額をお示しください。); the chair hands the floor over (市長。); one
official or several answer, each what is theirs, until the member speaks again or another
turn asks.

`minutes_answers` pairs each asking paragraph with the answering paragraphs that share the
most words with it, rarer words weighing more (the bus fares with the question on fares, the
waiting children with the one on waiting children), so that a question is answered by its
answer, not by the member's words that ask it: an asking paragraph is a question, never
quoted as an answer (its 「…についてお尋ねします。」 would otherwise outrank the official's
figure). The chair is the speaker with the most turns; the chair's turns answer nothing.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

from bot.core.article import Article
from bot.core.question import requests_an_answer
from bot.core.structure import headings
from bot.core.tokenize import bigram_tokens

# A minutes' speaker mark: ○ ◆ ◎ ◇ ●, a role (議長, 14番, 都市整備部長), the name in
# brackets (佐伯陽子君), then the words said.
_MARKED = re.compile(r"\s*[○◆◎◇●]\s*(?P<role>[^\s（()○◆◎◇●]{1,15})[（(][^（）()]{1,15}[）)]")
MIN_ASKED = 2  # asking paragraphs answered, for a piece to be read as minutes


def minutes_speaker(text: str) -> str | None:
    """The role whose turn a paragraph of minutes opens (議長, 14番, 市長), if it opens one."""
    m = _MARKED.match(unicodedata.normalize("NFKC", text[:40]))
    return m["role"] if m is not None else None


def minutes_answers(article: Article) -> dict[int, tuple[int, ...]]:
    """Each answered asking paragraph's number, with the numbers of the paragraphs that answer
    it, in reading order (see the module docstring); {} for a piece that is no minutes. A
    section heading ends a turn."""
    ps = article.paragraphs
    roles = [minutes_speaker(p.text) for p in ps]
    if sum(r is not None for r in roles) < 2 * MIN_ASKED:
        return {}
    aside = headings(article)
    turns: list[tuple[str, list[int]]] = []
    for i, role in enumerate(roles):
        if role is not None:
            turns.append((role, [i]))
        elif turns and ps[i].number not in aside:
            turns[-1][1].append(i)
    chair = Counter(role for role, _ in turns).most_common(1)[0][0]
    asking = [
        [i for i in members if any(requests_an_answer(s.text) for s in ps[i].sentences)]
        if role != chair
        else []
        for role, members in turns
    ]
    # Character pairs, not the tagger's words: minutes run to megabytes, and pairs say as well
    # which paragraphs share a subject.
    words = [set(bigram_tokens(p.text)) for p in ps]
    df = Counter(w for bag in words for w in bag)
    weight = {w: math.log(len(ps) / n) for w, n in df.items()}  # a rarer word says more
    answers: dict[int, list[int]] = {}
    for t, (asker, _) in enumerate(turns):
        if not asking[t]:
            continue
        last = asking[t][0]
        for u in range(t + 1, len(turns)):
            role, members = turns[u]
            if role == asker or asking[u]:
                break
            if role == chair:
                continue
            for i in members:
                shared = {q: sum(weight[w] for w in words[q] & words[i]) for q in asking[t]}
                best = max(shared, key=lambda q: (shared[q], -q))
                last = best if shared[best] else last
                answers.setdefault(last, []).append(i)
    if len(answers) < MIN_ASKED:
        return {}
    return {ps[q].number: tuple(ps[i].number for i in a) for q, a in sorted(answers.items())}
