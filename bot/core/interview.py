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

A transcript marks every turn alike, with its speaker's name or role (司会：, 講師：, 田中：,
質問者A：, Moderator:, Audience member:): there most turns are one speaker's statements, and
a question is a turn that ends asking, handed over to someone else. The turn that follows is
another speaker's, and it answers, with the paragraphs that go on from it and that speaker's
next turns, up to another speaker's turn or a section heading. Lines that open with a label
are no transcript by themselves: minutes (日時：, 場所：), a leaflet (成分：), a recipe name each
field once, and a field that asks is seldom followed by another field. It takes at least
MIN_TURNS asking turns answered so, at least half the turns that ask answered, and speakers
that recur: at least half the labelled paragraphs are turns of someone who speaks again.
Council minutes (◆14番（佐伯陽子君） …, no colon) are read by `minutes` instead.

A story's dialogue is read the same way: a line of it (a paragraph that is one utterance,
「…」) that ends with a question is answered by the line right after it (「おじいさんは、どんな
お仕事をしていたの」 → 「大工です。…」), when at least MIN_TURNS lines are.

An asking turn that only asks — its sentences ask, but for a courtesy or a framing line
(ありがとうございました。, Thank you.) — states nothing, as an interviewer's question: it is
one of the interview's `questions`. A debater's turn that states a figure and then asks (The
bridge will cost 9 million. Is that too much?) is linked to its answer all the same, but is
quoted for its figure: it is one of the `stating` turns.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from bot.core.article import Article, Paragraph, Sentence
from bot.core.minutes import minutes_answers
from bot.core.once import once_per
from bot.core.scripts import KANA, KANJI
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
# A speaker's label opening a turn: a name or a role of one to three words, short, with a
# role in brackets after it if any (the same speaker as the name alone), then a colon and the
# words said (not a URL's //): 司会：, 質問者1：, 田中(司会)：, Audience member:, Dr. Lee:; read
# on the NFKC form. It opens with a letter: not a numbered or a bulleted line, a bare time
# (10:30); a recording's time in brackets goes before it or after it ([10:30] 田中:,
# Speaker 1 (00:01):).
_TIME = r"[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])]"
_SPEAKER = re.compile(
    rf"(?:{_TIME}\s*)?"
    r"(?P<label>(?P<name>[^\W\d_][\w.'’-]*(?: [\w.'’-]+){0,2})(?:\s?\([^()\s:]{1,10}\))?)"
    rf"(?:\s?{_TIME})?\s*:\s*(?=[^\s/])"
)
_SPEAKER_MAX_CHARS = 20
# A courtesy or framing sentence's bounds (`_states_nothing`): a statement says more, or
# names something, or gives a figure.
_COURTESY_WORDS = 5
_COURTESY_CHARS = 20
_COURTESY_KANJI = 4
_FIGURE = re.compile(r"\d")
_NAME = re.compile(r"(?!I\b)[A-Z]")
_JAPANESE = re.compile(f"[{KANA}{KANJI}]")
_KANJI = re.compile(f"[{KANJI}]")
_KATAKANA = re.compile(r"[\u30a1-\u30fa]")  # letters only: not ・ or ー (どうぞー)
# The interviewee's mark: a paragraph whose later sentence opens with it holds its answer too.
_ANSWER_MARK = re.compile(r"\s*(?:[【\[(]\s*A\s*[】\])]|A\s*\d{0,3}\s*[:.]|Answer\s*:|答え?\s*:)")
# What asks: a question mark, an interrogative, a request, or a topic left open (〜とは。,
# 〜の理由は。); in English, an interrogative or an auxiliary opening the question.
# (何も, いつも, どこか, 誰も, どうぞ: words of a statement, as a novel's dash line has them; an
# English interrogative only opening the line: "what he had done" asks nothing)
_ASKS = re.compile(
    r"[?？]|か[。．.」]?\s*$|(?:は|とは|って|では|には)[。．.」]?\s*$"
    r"|ください|下さい|教えて|聞かせて|いかが|なぜ|なんで|どんな|どの"
    r"|どう(?!も|せ|ぞ|し?ても)|何(?!も|か|と(?:なく|も)|より|度も|とか)|誰(?!も|か)"
    r"|いつ(?!も|か|の間|まで)|どこ(?!か|も|まで)|どれ(?!も|か|ほど)"
    r"|^\W*(?:what|why|how|when|where|who|whom|whose|which|tell|describe|explain)\b",
    re.I,
)


@dataclass(frozen=True)
class Interview:
    """The interviewer's question paragraphs (¶ numbers), which state nothing, and, for each
    asking paragraph that is answered, the paragraphs that answer it, in reading order: a
    transcript's asking turn that states something too is answered, not a question (`stating`).
    Empty for a piece that is no interview."""

    questions: frozenset[int] = frozenset()
    answers: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.questions or self.answers)

    @cached_property
    def stating(self) -> frozenset[int]:
        """The answered paragraphs that state something before asking: quoted for it."""
        return frozenset(self.answers) - self.questions

    @cached_property
    def exchanges(self) -> dict[int, frozenset[int]]:
        """Each paragraph of a `stating` turn or its answer, with the turn and the answer."""
        return {
            p: exchange
            for turn in self.stating
            for exchange in [frozenset((turn, *self.answers[turn]))]
            for p in exchange
        }

    @cached_property
    def question_of(self) -> dict[int, int]:
        """The question each answer paragraph answers."""
        return {a: q for q, answer in self.answers.items() for a in answer}

    @cached_property
    def replies(self) -> frozenset[int]:
        """The first paragraph of each answer: its opening answers as asked (About 300.)."""
        return frozenset(answer[0] for answer in self.answers.values())


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


# An interrogative word of a spoken question, not of a statement (どんなに, なんでも, なんだか,
# 何も, 何年も, 何より, どうしても, どこに行っても, いつまでも, 誰よりも).
_INTERROGATIVE = re.compile(
    r"何(?![年回度日人]?も|か|でも|だか|より|て)|なに(?!も|か)|なん(?!でも|とか|か|だか|て)"
    r"|どんな(?!に)|どう(?!も|せ|ぞ|し?ても)|どこ(?!か|も|[^、。]*ても)|どちら|どっち|どなた"
    r"|どれ(?!も|か|ほど)|どの|誰(?!も|か|より)|だれ|いつ(?!も|か|まで)|なぜ|いかが"
    r"|いくら|いくつ|幾ら|幾つ"
)
# The end of a spoken sentence, after which a question's か or の stands (…いつなの。).
_SPOKEN_END = "」』。．.…!！ 　"
# A line of dialogue, a paragraph that is one utterance: 「…」, quotes inside it (「…『…』…」).
_UTTERANCE = re.compile(r"\s*「[^「」]*」\s*")
_COLONS = (":", "：", "﹕", "︓")  # every character NFKC reads as a colon


def speaker_of(text: str) -> str | None:
    """The speaker whose turn a paragraph opens (`_SPEAKER`), case folded, if it opens one."""
    m = _speaker(text)
    return m["name"].casefold() if m is not None else None


def speaker_label(text: str) -> str | None:
    """The label a paragraph's turn opens with, as written (佐藤, Moderator), if any."""
    m = _speaker(text)
    return m["label"] if m is not None else None


def _speaker(text: str) -> re.Match[str] | None:
    head = text[: 2 * _HEAD_CHARS]
    if not any(colon in head for colon in _COLONS):
        return None  # no label's colon: most paragraphs, read without normalising
    m = _SPEAKER.match(unicodedata.normalize("NFKC", head).lstrip())
    return None if m is None or len(m["label"]) > _SPEAKER_MAX_CHARS else m


def _ends_asking(p: Paragraph) -> bool:
    """Whether a turn ends asking (`asks`, on its last sentence but a courtesy after it,
    `_states_nothing`: …いつとれますか？よろしくお願いします。): a speaker's question hands the
    floor over; a question asked on the way (じゃあ、どうすればいいのか。…) does not."""
    said = _said(p)
    while said and not asks(said[-1]) and _states_nothing(said[-1]):
        said.pop()
    return bool(said) and asks(said[-1])


def _only_asks(p: Paragraph) -> bool:
    """Whether a turn only asks: it asks, and every sentence of it asks or states nothing
    (貴重なお話をありがとうございました。). A turn that states something and asks on (The bridge
    will cost 9 million. Is that not worth it?) is quoted for what it states too."""
    said = _said(p)
    return any(map(asks, said)) and all(asks(s) or _states_nothing(s) for s in said)


def _said(p: Paragraph) -> list[str]:
    """A turn's sentences, NFKC, after its speaker's label."""
    return [s for k, t in enumerate(p.sentences) if (s := _words_of(t, first=k == 0))]


def _words_of(sentence: Sentence, first: bool = False) -> str:
    """A sentence, NFKC, after its speaker's label if it opens the turn (`first`)."""
    said = unicodedata.normalize("NFKC", sentence.text).strip()
    if first and (label := _SPEAKER.match(said)):
        said = said[label.end() :]
    return said.strip()


@once_per
def asked_sentences(article: Article) -> frozenset[int]:
    """The sentences of the piece's interview's asking paragraphs (`find_interview`) that say
    nothing of the piece's own: every sentence of a question, and a `stating` turn's
    sentences that ask or state nothing (Is that not worth it?); never an answer. Worked out
    once per article."""
    interview = find_interview(article)
    asked: set[int] = set()
    for number in interview.answers.keys() | interview.questions:
        for k, s in enumerate(article.paragraph(number).sentences):
            said = _words_of(s, first=k == 0)
            if number in interview.questions or asks(said) or _states_nothing(said):
                asked.add(s.index)
    return frozenset(asked)


def _states_nothing(sentence: str) -> bool:
    """Whether a sentence is a courtesy or a framing line around a question: brief, with no
    figure and no name — in English at most _COURTESY_WORDS words, none capitalized after the
    first but I (Thank you., Go ahead, please.); otherwise at most _COURTESY_CHARS characters,
    at most _COURTESY_KANJI of them kanji, none katakana (はい、前の列の方どうぞ。)."""
    if _FIGURE.search(sentence):
        return False
    if _JAPANESE.search(sentence) is None:
        words = sentence.split()
        return len(words) <= _COURTESY_WORDS and not any(_NAME.match(w) for w in words[1:])
    return (
        len(sentence) <= _COURTESY_CHARS
        and len(_KANJI.findall(sentence)) <= _COURTESY_KANJI
        and _KATAKANA.search(sentence) is None
    )


def _answered_within(p: Paragraph) -> bool:
    """Whether a paragraph holds its own answer (Q. なぜ？ A. …): a later sentence opens with
    the interviewee's mark."""
    return any(
        _ANSWER_MARK.match(unicodedata.normalize("NFKC", s.text[:_HEAD_CHARS]))
        for s in p.sentences[1:]
    )


@once_per
def find_interview(article: Article) -> Interview:
    """The piece's interview turns (see the module docstring); its section headings end an
    answer. NO_INTERVIEW for a piece that is none. Worked out once per article."""
    if answered := minutes_answers(article):
        return Interview(frozenset(answered), answered)  # a member's words ask: see `minutes`
    ps = article.paragraphs
    kinds = [mark_of(p.text) for p in ps]
    speakers = [speaker_of(p.text) for p in ps]
    dialogue = _dialogue(ps)
    if sum(k is not None for k in kinds) < MIN_TURNS and sum(map(bool, speakers)) < 2 * MIN_TURNS:
        return dialogue  # most pieces: nothing more to read
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
    for turns in (_answered_turns(ps, speakers, aside), dialogue):
        if len(turns.answers) > len(best.answers):
            best = turns
    if best:
        log.debug("an interview: %d questions, %d answered", len(best.questions), len(best.answers))
    return best


def _answered_turns(
    ps: Sequence[Paragraph], speakers: Sequence[str | None], aside: frozenset[int]
) -> Interview:
    """A transcript's asking turns, each answered by the turns of the other speaker who takes
    the floor, and those of them that only ask, its questions (see the module docstring)."""
    asking = {i for i, who in enumerate(speakers) if who and _ends_asking(ps[i])}
    answers: dict[int, tuple[int, ...]] = {}
    for i in sorted(asking):
        asker, answerer = speakers[i], speakers[i + 1] if i + 1 < len(ps) else None
        if asker is None or answerer is None or answerer == asker or i + 1 in asking:
            continue
        run = [i + 1]
        j = i + 2
        while j < len(ps) and speakers[j] in (None, answerer) and ps[j].number not in aside:
            if j in asking:
                break
            run.append(j)
            j += 1
        answers[ps[i].number] = tuple(ps[k].number for k in run)
    turns = Counter(who for who in speakers if who)
    again = sum(n for n in turns.values() if n > 1)
    if len(answers) < MIN_TURNS or 2 * len(answers) < len(asking) or 2 * again < turns.total():
        return NO_INTERVIEW
    only = frozenset(q for i in asking if (q := ps[i].number) in answers and _only_asks(ps[i]))
    return Interview(only, answers)


def _dialogue(ps: Sequence[Paragraph]) -> Interview:
    """A story's dialogue: each line (a paragraph that is one utterance, 「…」) that ends with
    a question (`_spoken_asks`), answered by the line right after it, unless that one only
    asks too;
    those that only ask, its questions (「おじいさんは、どんなお仕事をしていたの」 →
    「大工です。…」).
    NO_INTERVIEW unless at least MIN_TURNS lines are answered so."""
    said = [_spoken(p) if _UTTERANCE.fullmatch(p.text) else [] for p in ps]
    answers: dict[int, tuple[int, ...]] = {}
    only: set[int] = set()
    for i in range(len(ps) - 1):
        line, reply = said[i], said[i + 1]
        # A reply that states before asking back (大工です。あなたは？) answers all the same.
        if line and reply and _spoken_asks(line[-1]) and not all(map(_spoken_asks, reply)):
            answers[ps[i].number] = (ps[i + 1].number,)
            if all(_spoken_asks(s) or _states_nothing(s) for s in line):
                only.add(ps[i].number)
    return Interview(frozenset(only), answers) if len(answers) >= MIN_TURNS else NO_INTERVIEW


def _spoken(p: Paragraph) -> list[str]:
    """The sentences said in a line of dialogue (「大工です。あなたは？」: two)."""
    inner = unicodedata.normalize("NFKC", p.text).strip()[1:-1]
    return [s for s in re.split(r"(?<=[。!?！？])", inner) if s.strip()]


def _spoken_asks(sentence: str) -> bool:
    """Whether a spoken sentence is a question: a question mark, or か or の after an
    interrogative (どんなお仕事をしていたの, お休みの日は、いつなの。); not a greeting or a
    request (こんにちは, …をください) nor a statement with どんなに or なんでも in it, which
    `asks`, made for an interviewer's lines, would take for questions."""
    if sentence.rstrip().endswith(("?", "？")):
        return True
    last = sentence.rstrip(_SPOKEN_END)
    return last.endswith(("か", "の")) and _INTERROGATIVE.search(last) is not None


def stands_for(
    interview: Interview, under: Mapping[int, int], tables: Mapping[int, int] | None = None
) -> dict[int, tuple[int, ...]]:
    """The paragraphs read with others, each with the paragraphs it stands for, in reading
    order: an asking paragraph, those answering it (a question states nothing; a `stating`
    turn, something of its own besides); a section heading, those under it
    (`under`: each paragraph's heading, `structure.sections`), which seldom repeat what it
    names (## ベータ炊飯器, then 「炊飯に35分かかる」); a table's header row, its rows
    (`tables`: each row's header row, `structure.table_headers`)."""
    sections: dict[int, list[int]] = {}
    for paragraph, heading in sorted({**under, **(tables or {})}.items()):
        sections.setdefault(heading, []).append(paragraph)
    return {**{h: tuple(ps) for h, ps in sections.items()}, **interview.answers}
