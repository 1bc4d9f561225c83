"""Does the piece cover a question? A calibrated decision from signals of the piece alone.

Every signal is on a scale that does not depend on the piece's size, so one decision holds on
pieces of 5 paragraphs and of 200:

* **Relative scores.** The best passage's BM25 score over the query's ideal score in this
  piece (Σ of its terms' IDFs, a term the piece never uses counting as the rarest), the
  share of the query's word and bigram IDF mass it holds, and how far it stands above the
  piece's other passages (z-score, gap to the second). The question's frame (正式名称,
  何という, …; see `question.analyse`) is left out: it names the answer's kind, not the subject.
* **Key terms** (`vocabulary`): proper nouns, compounds and their parts that the question
  names and the piece never writes, in any spelling or abbreviation; a word the best
  passages write through a certain synonym (`said_otherwise`: エアポート → 空港) is not missing.
* **Interviews** (`core.interview`): an interviewer's question is read with the paragraphs
  that answer it, as one passage (――パリでの個展の反応は。 and 「…約1,200人に来ていただき…」
  cover 「パリの個展には何人来ましたか？」 together, neither alone); a section heading, with
  the paragraphs under it.
* **The answer's kind.** A question asking for a person, a place, a date or a figure whose
  best passage holds none; a figure with the asked unit (何歳 → N歳) in none of the best
  passages (then the piece is taken not to say), and likewise a phone number, an email or a
  web address asked for by name, or a time of day (何時に出ますか: `values`); the same where
  the question names something specific the piece speaks of in a few places only, and none
  of them gives it (合宿免許の料金は？ where only other courses are priced: `subject_scope`),
  or none gives it as that name's (駅前店の住所は？ and 本店's address: `values.given_of`);
  a figure the question itself gives (1994年, 第4条) that the piece never writes; a numbered
  part it names that the piece never does (第8回の大賞 of the ninth contest: `numbered_parts`)
  declines it.

`Relevance.judge` combines them with logistic weights (fitted by `benchmarks/fit_relevance.py`)
into a `Verdict`.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from bot.core.article import Article
from bot.core.asked_thing import thing_absent
from bot.core.extract import has_figure, holds_answer, kind_present
from bot.core.interview import find_interview, stands_for
from bot.core.normalize import loose_fold
from bot.core.numbered_parts import numbered
from bot.core.question import QuestionInfo, analyse
from bot.core.retrieval import BM25
from bot.core.said_otherwise import named_otherwise, said_otherwise
from bot.core.structure import sections, table_headers
from bot.core.subject_scope import SubjectScope
from bot.core.values import as_read, asked_value, given_of, owner
from bot.core.vocabulary import KeyTermCheck, PieceVocabulary

# Logistic weights of the covered / not-covered decision over `Evidence.features()`, fitted
# on the development split's answerable questions against its unanswerable ones by
# `python -m benchmarks.fit_relevance` (see benchmarks/OFFLINE_QA.md).
WEIGHTS = (
    -2.08, 1.15, 3.82, 0.16, 0.18, -0.44, -2.46, 0.22, -6.21, 2.40, -1.13, -1.34, -1.44, -1.28,
)
# Below this probability the piece is taken not to cover the question. On held-out folds,
# 0.25 declines 82 % of the unanswerable questions while 1.4 / 3.6 / 1.1 / 0.9 % of the
# answerable ones are declined (pieces of 5–9 / 10–19 / 20–49 / 50+ paragraphs): no threshold
# reaches ≤ 1 % in every band, as about 1 % of answerable questions share no word with the
# piece (OFFLINE_QA.md). Lower it to decline fewer answerable questions, at that cost.
THRESHOLD = 0.25
TOP = 3  # passages whose content counts as "the best passages"
# A figure with the unit asked for (何歳 → N歳) in none of the TOP passages declines the
# question, unless a passage further down, of the first NEAR_DEPTH and scoring at least NEAR
# of the best, holds one (入学金：250,000円 for 合格したら入学金はいくら払う？).
NEAR, NEAR_DEPTH = 0.8, 10
_FIGURE = re.compile(r"[0-9]+(?:[.,][0-9]+)*[^0-9\s、。,.?？!！]?")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the piece's best passages show about a question (see the module docstring)."""

    relative: float  # best BM25 / the query's ideal score in this piece (Σ idf of its terms)
    coverage: float  # share of the query's word IDF mass in the best passage
    bigram_coverage: float  # the same for its character bigrams
    z: float  # best score in standard deviations above the piece's mean passage score
    gap: float  # (best - second) / best
    check: KeyTermCheck
    passages: int
    type_missing: bool = False  # asks for a figure or date; the best passage has none new
    kind_absent: bool = False  # asks for a person, place, date, figure; the best has none
    unit_absent: bool = False  # asks 何歳/何人…: none with that unit in the best, near, or named
    figure_absent: bool = False  # gives a figure (1994年, 第4条) the piece never writes
    value_absent: bool = False  # asks for a phone number, email or web address: none near
    thing_absent: bool = False  # asks whether a thing is there that the piece never writes
    part_absent: bool = False  # names a numbered part (第8回, 第28条) the piece never does

    def features(self) -> tuple[float, ...]:
        return (
            1.0,
            self.relative,
            self.coverage,
            self.bigram_coverage,
            math.log1p(max(self.z, 0.0)),
            self.gap,
            float(bool(self.check.missing_proper)),
            float(bool(self.check.missing_compounds)),
            min(len(self.check.missing_parts), 3) / 3,
            math.log(max(self.passages, 1)) / 5,
            float(self.type_missing),
            float(self.kind_absent),
            float(self.unit_absent),
            float(self.figure_absent),
        )

    def probability(self, weights: Sequence[float] = WEIGHTS) -> float:
        s = sum(w * f for w, f in zip(weights, self.features(), strict=True))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, s))))


@dataclass(frozen=True, slots=True)
class Scores:
    """The relative-score signals of a tokenised query, and the passages ranked best first."""

    relative: float
    coverage: float
    bigram_coverage: float
    z: float
    gap: float
    ranked: tuple[int, ...]
    near: tuple[int, ...] = ()  # further passages, of the first NEAR_DEPTH, scoring NEAR the best


def score(
    index: BM25,
    tokens: Sequence[str],
    top: int = TOP,
    paired: Mapping[int, tuple[dict[str, int], int]] | None = None,
) -> Scores | None:
    """Relative-score signals of `tokens` against a BM25 index of the piece's passages.
    `paired`: passages read with others as one, by index (the term counts and the length of
    the two together), each scored as the better of itself alone and the pair."""
    if not tokens:
        return None
    scores = index.scores(list(tokens))
    for i, (bag, length) in (paired or {}).items():
        scores[i] = max(scores[i], index.score_bag(list(tokens), bag, length))
    deep = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:NEAR_DEPTH]
    ranked = deep[: max(top, 2)]
    best = ranked[0]
    first = scores[best]
    terms = set(tokens)
    ideal = sum(index.idf.get(t, index.unseen_idf) for t in terms)
    words = {t for t in terms if not t.startswith("~")}
    grams = terms - words
    tf = paired[best][0] if paired and best in paired else index.tfs[best]
    second = scores[ranked[1]] if len(ranked) > 1 else 0.0
    mean = statistics.fmean(scores)
    sd = statistics.pstdev(scores) or 1.0
    return Scores(
        relative=first / ideal if ideal else 0.0,
        coverage=index.share(words or grams, tf),
        bigram_coverage=index.share(grams, tf),
        z=(first - mean) / sd,
        gap=(first - second) / first if first > 0 else 1.0,
        ranked=tuple(i for i in ranked[:top] if scores[i] > 0) or (best,),
        near=tuple(i for i in deep[top:] if scores[i] > 0 and scores[i] >= NEAR * first),
    )


def _written(figure: str, text: str) -> bool:
    """Whether the piece's `text` writes a figure the question gives: as given, or more
    precisely when the question gives a whole number (30km for the piece's 30.2km)."""
    if figure in text:
        return True
    whole = re.fullmatch(r"([0-9]+)(\D?)", figure)
    if whole is None:
        return False
    number, unit = whole.groups()
    return re.search(rf"(?<![0-9.,]){number}\.[0-9]+{re.escape(unit)}", text) is not None


def _given(gives: Callable[[str], bool], texts: Sequence[str], of: str | None = None) -> bool:
    """Whether any of `texts` gives the value `gives` tests for (`values.asked_value`), read
    NFKC and case-folded as those tests expect; as that of `of` (`values.given_of`) if named."""
    if of is not None:
        return any(given_of(gives, as_read(t), of) for t in texts)
    return any(gives(as_read(t)) for t in texts)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether the piece covers a question, and why (for logs and `--json` notes)."""

    covered: bool
    probability: float
    missing: tuple[str, ...] = field(default=())


class Relevance:
    """The covered / not-covered decision for one piece, from its passage index."""

    def __init__(
        self,
        article: Article,
        index: BM25,
        tokenize: Callable[[str], list[str]],
        *,
        threshold: float = THRESHOLD,
        read_with: Mapping[int, Sequence[int]] | None = None,
    ) -> None:
        self.vocabulary = PieceVocabulary(article)
        self.index = index
        self.tokenize = tokenize
        self.threshold = threshold
        self.passages = len(article.paragraphs)
        self.windows = article.windows
        if read_with is None:
            read_with = stands_for(
                find_interview(article), sections(article), table_headers(article)
            )
        # An interviewer's question or a section heading, window by window, read with the
        # paragraphs it stands for (`interview.stands_for`).
        # The pair's words are its windows' own, as the index counted them (a long paragraph's
        # windows share one sentence, counted twice): nothing is tokenised again.
        self.article = article
        self.scope = SubjectScope(article, read_with)
        self._read_with: dict[int, Sequence[int]] = {}  # by window
        self._paired: dict[int, tuple[dict[str, int], int]] = {}
        windows_of: dict[int, list[int]] = {}
        for i, w in enumerate(self.windows):
            windows_of.setdefault(w.paragraph, []).append(i)
        for i, w in enumerate(self.windows):
            if w.paragraph in read_with:
                said = self._read_with[i] = read_with[w.paragraph]
                members = [i, *(j for a in said for j in windows_of.get(a, ()))]
                bag: Counter[str] = Counter()
                for j in members:
                    bag.update(index.own[j])
                self._paired[i] = (dict(bag), sum(index.lens[j] for j in members))

    def _text_read(self, window: int) -> str:
        """A window's text, with the paragraphs it stands for when it is read with them
        (joined only for the best passages of a question, not for every pair of the piece)."""
        text = self.windows[window].text
        said = self._read_with.get(window)
        if not said:
            return text
        return "\n".join((text, *(self.article.paragraph(a).text for a in said)))

    def evidence(
        self,
        question: str,
        *,
        info: QuestionInfo | None = None,
        missing: Sequence[str] = (),
        absent: Sequence[str] = (),
    ) -> Evidence | None:
        """`info`: what the question asks (default: `analyse(question)`). `missing`: names the
        caller knows the piece lacks; `absent`: other words it knows the piece never writes
        (both from English questions the lexicon could not wholly place in a Japanese piece)."""
        info = info or analyse(question)
        tokens = self.tokenize(info.focus) or self.tokenize(question)
        s = score(self.index, tokens, paired=self._paired)
        if s is None:
            return None
        texts = [self._text_read(i) for i in s.ranked]
        near = [self._text_read(i) for i in s.near]  # further passages scoring near the best
        check = named_otherwise(self.vocabulary.check(info.focus), self.vocabulary)
        priced = any(kind_present(t, "money") for t in texts)
        check = said_otherwise(check, texts, priced=priced)
        units = [has_figure(t, question) for t in texts]
        if missing or absent:
            check = replace(
                check,
                missing_proper=check.missing_proper + tuple(missing),
                missing_parts=check.missing_parts + tuple(absent),
            )
        # Word by word: folding drops spaces, and 「2006 2017」 (a translated question's
        # words) is two figures, not 20062017.
        figures = [f for word in question.split() for f in _FIGURE.findall(loose_fold(word))]
        type_missing = False
        if info.kind in {"number", "date"}:
            figure = units[0]
            if figure is None:
                figure = info.kind != "date" or holds_answer(texts[0], info, question)
            type_missing = not figure
        gives = asked_value(question)
        read = [*texts, *near]
        of = self._owner(question) if gives is not None else None
        value_absent = gives is not None and not _given(gives, read, of)
        unit_absent = units[0] is False and not any(units)
        unit_absent = unit_absent and not any(has_figure(t, question) for t in near)
        if (gives is not None and not value_absent) or (units[0] is not None and not unit_absent):
            # The question names something specific: the figure or value is given where the
            # piece speaks of it, or not at all (`subject_scope`).
            named = self.scope.paragraphs(question, check.compounds)
            scope = [self.article.paragraph(n).text for n in named]
            if scope and gives is not None:
                value_absent = not _given(gives, scope)
            if scope and units[0] is not None:
                unit_absent = not any(has_figure(t, question) for t in scope)
        if value_absent and check.compounds:
            # 電話番号を教えてください: the value alone is asked, which the piece gives in a few
            # paragraphs, however little they share with the question's words.
            value_absent = not self.scope.giving(gives, check.compounds, of)
        return Evidence(
            relative=s.relative,
            coverage=s.coverage,
            bigram_coverage=s.bigram_coverage,
            z=s.z,
            gap=s.gap,
            check=check,
            passages=self.passages,
            type_missing=type_missing,
            kind_absent=kind_present(texts[0], info.kind) is False,
            unit_absent=unit_absent,
            figure_absent=not all(_written(f, self.vocabulary.text) for f in figures),
            value_absent=value_absent,
            thing_absent=thing_absent(
                question, check.compounds, check.missing_compounds, check.missing_parts
            ),
            part_absent=bool((parts := numbered(question)) and parts - self._numbered),
        )

    @cached_property
    def _numbered(self) -> set[tuple[int, str]]:
        """The parts the piece numbers (第8回, 第28条), read when a question names one."""
        return numbered(self.article.text)

    def _owner(self, question: str) -> str | None:
        """What a value is asked of (`values.owner`: 駅前店 of 駅前店の住所), or the longest
        end of it the piece writes (税務署 of 汀ヶ崎税務署), if it writes it apart from its
        title: a value is then given as that name's."""
        of = owner(question)
        ends = (of[i:] for i in range(len(of) - 1)) if of is not None else ()
        return next((end for end in ends if self.scope.names_apart(end)), None)

    def giving(self, question: str) -> list[int]:
        """The few paragraphs giving the value a question asks alone (`SubjectScope.giving`);
        its words are looked up only for a question asking a value."""
        gives = asked_value(question)
        if gives is None:
            return []
        compounds = self.vocabulary.check(analyse(question).focus).compounds
        return self.scope.giving(gives, compounds, self._owner(question))

    def judge(
        self,
        question: str,
        *,
        info: QuestionInfo | None = None,
        missing: Sequence[str] = (),
        absent: Sequence[str] = (),
    ) -> Verdict:
        ev = self.evidence(question, info=info, missing=missing, absent=absent)
        if ev is None:
            return Verdict(False, 0.0)
        p = ev.probability()
        names = ev.check.missing_proper + ev.check.missing_compounds
        if missing:
            # Names the caller could not place in the piece at all (no spelling, no sound):
            # the question is about something the piece never mentions.
            return Verdict(False, p, tuple(missing))
        if ev.unit_absent or ev.value_absent or ev.thing_absent or ev.part_absent:
            # 何歳？ and no age in any passage that matches (電話番号は？ and no phone number):
            # the piece does not give it. (On the development split this declines 1
            # answerable question in 4,307.)
            return Verdict(False, p, names)
        return Verdict(p >= self.threshold, p, names)
