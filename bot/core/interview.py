"""An interview's turns: the interviewer's questions, and the paragraphs that answer them.

A piece written as an interview sets the interviewer's words apart as paragraphs of their own
that open with a mark: a dash (――富山を選んだ理由は。, ── , ——), a Q (Q. / Q: / Q1. / Ｑ：/ 【Q】),
or a label (Interviewer: / 聞き手： / 問：). What the interviewee says is the paragraph or
paragraphs after each, up to the next question or section heading. The questions are quoted
verbatim like any paragraph, but they state nothing: a reader asking 「なぜ富山を選んだの？」
wants the answer, and a summary or a key point is never the interviewer's line.

A mark alone makes no interview: a dash also opens a line of thought in a novel, a line of
dialogue, a list item. The piece is read as an interview only when at least MIN_TURNS
paragraphs opening with marks of one kind are each followed by a paragraph without one (an
answer), when at least half of them are, and when more than half of them ask (a question
mark, an interrogative, 〜とは。, 教えてください, What / How …): dialogue alternates dashes
paragraph after paragraph, and a novel's dashes seldom ask.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from bot.core.article import Article, Paragraph
from bot.core.structure import headings

log = logging.getLogger(__name__)

MIN_TURNS = 2
_HEAD_CHARS = 24  # how much of a paragraph's opening is read for its mark
# The interviewer's marks, each a kind of its own, read on the NFKC form of a paragraph's
# opening (Ｑ：→ Q:). A dash needs words after it (a line of dashes alone is a rule); a hyphen
# or an en dash needs two, one being a list item's bullet.
_MARKS: dict[str, re.Pattern[str]] = {
    "dash": re.compile(r"(?:[―─━—]+|[–-]{2,})\s*(?=[^\s―─━—–-])"),
    "q": re.compile(
        r"(?:[【\[(]\s*Q\s*\d{0,3}\s*[】\])]\s*[:.]?"
        r"|Q\s*\d{0,3}\s*[:.)、。]"
        r"|Q\d{0,3}\s+(?=\S)"
        r"|Q\d{0,3}(?=[\u3040-\u30ff\u3400-\u9fff]))",
        re.I,
    ),
    "label": re.compile(
        r"(?:Question|Interviewer|聞き手|インタビュアー|問い?)\s*\d{0,3}\s*[:]", re.I
    ),
}
# The interviewee's mark: a paragraph whose later sentence opens with it holds its answer too.
_ANSWER_MARK = re.compile(r"\s*(?:[【\[(]\s*A\s*[】\])]|A\s*\d{0,3}\s*[:.]|Answer\s*:|答え?\s*:)")
# What asks: a question mark, an interrogative, a request, or a topic left open (〜とは。,
# 〜の理由は。); in English, an interrogative or an auxiliary opening the question.
# (何も, いつも, どこか, 誰も: words of a statement, as a novel's dash line has them; an
# English interrogative only opening the line: "what he had done" asks nothing)
_ASKS = re.compile(
    r"[?？]|か[。．.」]?\s*$|(?:は|とは|って|では|には)[。．.」]?\s*$"
    r"|ください|下さい|教えて|聞かせて|いかが|なぜ|なんで|どんな|どの"
    r"|どう(?!も|せ|し?ても)|何(?!も|か|と(?:なく|も)|より|度も|とか)|誰(?!も|か)"
    r"|いつ(?!も|か|の間|まで)|どこ(?!か|も|まで)|どれ(?!も|か|ほど)"
    r"|^\W*(?:what|why|how|when|where|who|whom|whose|which|tell|describe|explain)\b",
    re.I,
)


@dataclass(frozen=True)
class Interview:
    """The interviewer's question paragraphs (¶ numbers) and, for each that is answered, the
    paragraphs that answer it, in reading order. Empty for a piece that is no interview."""

    questions: frozenset[int] = frozenset()
    answers: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.questions)

    @cached_property
    def question_of(self) -> dict[int, int]:
        """The question each answer paragraph answers."""
        return {a: q for q, answer in self.answers.items() for a in answer}


NO_INTERVIEW = Interview()


def mark_of(text: str) -> str | None:
    """The kind of interviewer's mark a paragraph opens with ("dash", "q", "label"), if any."""
    head = unicodedata.normalize("NFKC", text[:_HEAD_CHARS]).lstrip()
    return next((kind for kind, mark in _MARKS.items() if mark.match(head)), None)


def asks(text: str) -> bool:
    """Whether an interviewer's line asks something (see `_ASKS`), not only states: read
    after its mark (Q: Tell us about…)."""
    line = unicodedata.normalize("NFKC", text).strip()
    for mark in _MARKS.values():
        if m := mark.match(line):
            line = line[m.end() :].lstrip()
            break
    return _ASKS.search(line) is not None


def _answered_within(p: Paragraph) -> bool:
    """Whether a paragraph holds its own answer (Q. なぜ？ A. …): a later sentence opens with
    the interviewee's mark."""
    return any(
        _ANSWER_MARK.match(unicodedata.normalize("NFKC", s.text[:_HEAD_CHARS]))
        for s in p.sentences[1:]
    )


def find_interview(article: Article, aside: frozenset[int] | None = None) -> Interview:
    """The piece's interview turns (see the module docstring); `aside`: its section headings,
    which end an answer (worked out here if not given, and only for a piece with marks).
    NO_INTERVIEW for a piece that is none."""
    ps = article.paragraphs
    kinds = [mark_of(p.text) for p in ps]
    if sum(k is not None for k in kinds) < MIN_TURNS:
        return NO_INTERVIEW  # most pieces: nothing more to read
    if aside is None:
        aside = headings(article)
    both = {i for i, k in enumerate(kinds) if k is not None and _answered_within(ps[i])}
    best = NO_INTERVIEW
    for kind in dict.fromkeys(k for k in kinds if k is not None):
        marked = [i for i, k in enumerate(kinds) if k == kind and i not in both]
        answers: dict[int, tuple[int, ...]] = {}
        for i in marked:
            run: list[int] = []
            j = i + 1
            while j < len(ps) and kinds[j] is None and ps[j].number not in aside:
                run.append(ps[j].number)
                j += 1
            if run:
                answers[ps[i].number] = tuple(run)
        asking = sum(asks(ps[i].text) for i in marked)
        if (
            len(answers) >= MIN_TURNS
            and 2 * len(answers) >= len(marked)
            and 2 * asking > len(marked)
            and len(answers) > len(best.answers)
        ):
            best = Interview(frozenset(ps[i].number for i in marked), answers)
    if best:
        log.debug("an interview: %d questions, %d answered", len(best.questions), len(best.answers))
    return best


def stands_for(interview: Interview, under: Mapping[int, int]) -> dict[int, tuple[int, ...]]:
    """The paragraphs that state nothing, each with the paragraphs it stands for, in reading
    order: an interviewer's question, those answering it; a section heading, those under it
    (`under`: each paragraph's heading, `structure.sections`), which seldom repeat what it
    names (## ベータ炊飯器, then 「炊飯に35分かかる」)."""
    sections: dict[int, list[int]] = {}
    for paragraph, heading in sorted(under.items()):
        sections.setdefault(heading, []).append(paragraph)
    return {**{h: tuple(ps) for h, ps in sections.items()}, **interview.answers}
