"""What the piece says most: sentence centrality, MMR selection, and summaries and key points."""

from __future__ import annotations

import logging
import math
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain

from bot.core.answer import Citation
from bot.core.article import TERMINAL, Article, Sentence
from bot.core.centrality import Vector, cosine, lexrank, tfidf_from_tokens
from bot.core.collector import collector_paused
from bot.core.grounding import long_enough
from bot.core.interview import asked_sentences, find_interview, speaker_label
from bot.core.language import writes_without_spaces
from bot.core.mail import FORMULA, furniture, quoted_copies, salutations
from bot.core.once import Once
from bot.core.schedule import schedule_entries
from bot.core.structure import epigraph, headings, points_back
from bot.core.tokenize import morph_tokens, tokenize_each
from bot.engines.base import Length
from bot.engines.offline.factors import FactorList
from bot.engines.offline.item_titles import title_of

log = logging.getLogger(__name__)

# (sentences, characters) per summary length; "long" stays well inside a 4,096-character embed.
SUMMARY_BUDGET: dict[Length, tuple[int, int]] = {
    "short": (5, 450),
    "medium": (8, 1100),
    "long": (14, 2800),
}
KEY_POINTS = 3
POINTING_BACK = 0.5  # see `Analysis._standing_alone`
_REDUNDANCY = 0.6


@dataclass(frozen=True, slots=True)
class _Computed:
    """What every selection reads: one vector and one centrality per sentence, term weights."""

    vectors: list[Vector]
    centrality: list[float]  # LexRank, scaled so the most central sentence is 1
    idf: dict[str, float]  # of terms over paragraphs, for `related`


class Analysis:
    """The piece's sentences analysed once: TF-IDF vectors and centrality; and the selection
    and quoting built on them. Only sentences that can support something are `quotable`: long
    enough to be cited, and not a section heading (「一　地震の概念」 names a section, it says
    nothing). Summaries, key points and central quotes pick from the piece's own `prose`: not
    an epigraph either (`core.structure`), nor an interviewer's question (`core.interview`):
    the interviewee's answers say what the piece says.

    Safe to share between threads: the analysis is computed by the first caller, once.
    """

    def __init__(self, article: Article) -> None:
        self.article = article
        # Headings; a letter's salutation; an email's quoted copies of what the piece
        # writes anyway (`mail`).
        aside = headings(article) | salutations(article) | quoted_copies(article)
        self.quotable = frozenset(
            s.index for s in article.sentences if long_enough(s.text) and s.paragraph not in aside
        )
        quoted = epigraph(article, aside)
        self.interview = find_interview(article)
        # The interviewer's questions, what a debater's turn asks: quotable, but they state
        # nothing the piece says (`interview.asked_sentences`).
        self.asked = asked_sentences(article)
        furnished = furniture(article)  # an email's header blocks and signatures
        # A piece whose only quotable words are its epigraph is quoted from it all the same.
        self.prose = (
            frozenset(
                i
                for i in self.quotable
                if article.sentences[i].paragraph != quoted
                and i not in self.asked
                and article.sentences[i].paragraph not in furnished
                and not FORMULA.fullmatch(article.sentences[i].text.strip())
            )
            or self.quotable
        )
        # Japanese sentences follow each other without a space.
        self._joiner = "" if writes_without_spaces(article.meta.language) else " "
        self._computed: Once[_Computed] = Once()

    def _state(self) -> _Computed:
        return self._computed.get(self._compute)

    @collector_paused()  # see bot.core.collector
    def _compute(self) -> _Computed:
        started = time.perf_counter()
        tokens = tokenize_each((s.text for s in self.article.sentences), morph_tokens)
        vectors = tfidf_from_tokens(tokens)
        ranks = lexrank(vectors)
        top = max(ranks, default=1.0) or 1.0
        # A paragraph's terms are its sentences' terms: the piece is tagged once.
        n = len(self.article.paragraphs)
        df = Counter(
            chain.from_iterable(
                set(tokens[p.sentences[0].index])
                if len(p.sentences) == 1
                else set().union(*(tokens[s.index] for s in p.sentences))
                for p in self.article.paragraphs
            )
        )
        idf = {t: math.log((n + 1) / (c + 1)) + 1 for t, c in df.items()}
        log.info("analysed %d sentences in %.2f s", len(tokens), time.perf_counter() - started)
        return _Computed(vectors, [r / top for r in ranks], idf)

    def prepare(self) -> None:
        """Compute the analysis now (it is otherwise computed on first use)."""
        self._state()

    @property
    def vectors(self) -> list[Vector]:
        return self._state().vectors

    @property
    def centrality(self) -> list[float]:
        """LexRank score of each sentence, scaled so the most central is 1."""
        return self._state().centrality

    def related(self, marker: str, paragraph: str) -> float:
        """Share of the marker sentence's term weight that a paragraph repeats."""
        terms = set(morph_tokens(title_of(marker))) or set(morph_tokens(marker))
        if not terms:
            return 0.0
        idf = self._state().idf
        present = set(morph_tokens(paragraph))
        total = sum(idf.get(t, 1.0) for t in terms)
        return sum(idf.get(t, 1.0) for t in terms if t in present) / total

    def pick(
        self,
        candidates: Iterable[int],
        score: Sequence[float],
        *,
        count: int,
        chars: int | None = None,
        spread: float = 0.15,
        chosen: Sequence[int] = (),
    ) -> list[int]:
        """Maximal-marginal-relevance selection of sentence indices (by piece-wide index).

        `chosen` are sentences already selected elsewhere: new picks avoid repeating them.
        A candidate's MMR never exceeds its score (the penalties are never negative), so
        candidates are tried best score first and the search stops at the first whose score
        cannot beat the best MMR found: the same choice as trying all, in far fewer steps.

        Each round only adds one sentence to compare with, so a candidate keeps its largest
        similarity so far and is compared with the sentences picked since it was last tried,
        never with all of them again (on a long piece, most of the time went to recomputing
        the same similarities each round). Its MMR can only fall from one round to the next,
        so one whose last MMR already loses to the best found is not worked out again. A
        candidate too long for the characters left is dropped as soon as it is: `used` only
        grows, so it never fits again (trying it only to drop it, round after round, cost a
        pass over the pool per candidate).
        """
        sentences = self.article.sentences
        vectors = self.vectors
        prior = list(chosen)  # what a pick is compared with: `chosen`, then the picks so far
        paragraphs = {sentences[j].paragraph for j in prior}
        picked: list[int] = []
        used = 0
        pool = sorted(set(candidates) & self.prose, key=lambda i: (-score[i], i))
        size = {i: len(sentences[i].text) for i in pool}
        overlap: dict[int, float] = {}  # a candidate's largest similarity to prior[:compared]
        compared: dict[int, int] = {}
        last: dict[int, float] = {}  # its MMR when last worked out: what it can be at most

        def mmr(i: int) -> float:
            largest = overlap.get(i, 0.0)
            for j in prior[compared.get(i, 0) :]:
                largest = max(largest, cosine(vectors[i], vectors[j]))
            overlap[i], compared[i] = largest, len(prior)
            same_para = sentences[i].paragraph in paragraphs
            last[i] = score[i] - _REDUNDANCY * largest - spread * same_para
            return last[i]

        while len(picked) < count:
            if chars is not None and prior:  # the first sentence is taken at any length
                room = chars - used
                pool = [i for i in pool if size[i] <= room]
            if not pool:
                break
            best, best_key = pool[0], (mmr(pool[0]), -pool[0])
            for i in pool[1:]:
                if score[i] < best_key[0]:
                    break
                if (last.get(i, score[i]), -i) < best_key:
                    continue
                key = (mmr(i), -i)
                if key > best_key:
                    best, best_key = i, key
            pool.remove(best)
            picked.append(best)
            prior.append(best)
            paragraphs.add(sentences[best].paragraph)
            used += size[best]
        return picked

    def compose(self, indices: Sequence[int]) -> tuple[str, tuple[Citation, ...]]:
        """Sentences in reading order; a [¶n] marker after each run from one paragraph."""
        sentences = [self.article.sentences[i] for i in sorted(set(indices))]
        parts: list[str] = []
        run = ""
        speaker = ""
        for k, s in enumerate(sentences):
            if not run:
                speaker = self._speaker_mid_turn(s)
            run += s.text
            nxt = sentences[k + 1] if k + 1 < len(sentences) else None
            if nxt is None or nxt.paragraph != s.paragraph or nxt.index != s.index + 1:
                parts.append(f"{speaker}{run} [¶{s.paragraph}]")
                run = ""
            else:
                # The piece's own line break between two lines of a paragraph (a chat's
                # messages, a list's items), else a space where the language has them.
                run += "\n" if "\n" in self.article.text[s.end : nxt.start] else self._joiner
        return "\n".join(parts), tuple(cite(s) for s in sentences)

    def _speaker_mid_turn(self, s: Sentence) -> str:
        """ "[佐藤] " before a run of sentences quoted from inside a speaker's turn of an
        interview or a transcript, whose label opens the paragraph (佐藤：除雪費は…。それでも
        …安くなる): the reader is told who says it. "" for any other run."""
        p = self.article.paragraph(s.paragraph)
        if not self.interview or p.sentences[0].index == s.index:
            return ""
        label = speaker_label(p.text)
        return f"[{label}] " if label else ""

    def summary(self, length: Length, factors: FactorList) -> list[int]:
        """The sentences of a summary: the main line first, central sentences to fill it."""
        count, chars = SUMMARY_BUDGET[length]
        sentences = self.article.sentences
        score = list(self.centrality)
        last_para = len(self.article.paragraphs)
        for s in sentences:
            if self.article.paragraph(s.paragraph).sentences[0] is s:
                # Topic sentences open paragraphs; the last paragraph's concludes.
                score[s.index] += 0.2 if s.paragraph == last_para else 0.1
        score = self._standing_alone(score)
        # The main line comes first: the lead, then the piece's enumeration (its announcement
        # and items) if it has one; central sentences fill what budget is left.
        lead = min(self.prose, default=0)
        skeleton = [lead]
        if factors.enumerated:
            if factors.announcement is not None:
                skeleton.append(factors.announcement.index)
            skeleton += [f.marker.index for f in factors.factors]
        picked: list[int] = []
        used = 0
        for i in dict.fromkeys(i for i in skeleton if i in self.prose):
            size = len(sentences[i].text)
            if len(picked) < count and (not picked or used + size <= chars):
                picked.append(i)
                used += size
        rest = [i for i in range(len(sentences)) if i not in picked]
        return picked + self.pick(
            rest, score, count=count - len(picked), chars=chars - used, chosen=picked
        )

    def key_points(self) -> list[int]:
        """The piece's most central sentences, spread over its paragraphs, in reading order."""
        n = len(self.article.sentences)
        score = self._standing_alone(self.centrality)
        return sorted(self.pick(range(n), score, count=KEY_POINTS, spread=0.5))

    def _standing_alone(self, score: Sequence[float]) -> list[float]:
        """`score`, each sentence weighed by what it says quoted alone (`_alone`)."""
        return [v * w for v, w in zip(score, self._alone, strict=True)]

    @cached_property
    def _alone(self) -> list[float]:
        """Each sentence's weight quoted on its own: POINTING_BACK for one that points back at
        the one before it (それは…, This…), which apart from it says nothing; and for a
        fragment with no sentence end (a list item, 「100 g active sourdough starter」) in a
        piece whose other sentences have one, and for a schedule's entry: it names something,
        it does not say it; else 1.
        A fact of the piece, worked out once for its summaries and key points."""
        sentences = self.article.sentences
        ended = [s.text.rstrip().endswith(TERMINAL) for s in sentences]
        mostly_ended = sum(ended) * 2 > len(sentences)
        scheduled = schedule_entries(self.article)  # 10月9日（金）　健康診断: names an event
        return [
            POINTING_BACK
            if points_back(s.text) or (mostly_ended and not end) or s.paragraph in scheduled
            else 1.0
            for s, end in zip(sentences, ended, strict=True)
        ]


def cite(s: Sentence) -> Citation:
    """A whole sentence as a citation."""
    return Citation(s.paragraph, s.text, s.start, s.end)


def cited_if_long(s: Sentence) -> tuple[Citation, ...]:
    """A list item's citation; none for one too short to quote (1. 円安), rather than a quote
    the grounder would refuse."""
    return (cite(s),) if long_enough(s.text) else ()
