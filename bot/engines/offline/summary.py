"""What the piece says most: sentence centrality, MMR selection, and summaries and key points."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cached_property

from bot.core.answer import Citation
from bot.core.article import Article, Sentence
from bot.core.centrality import lexrank, similarity_matrix, tfidf_vectors
from bot.core.grounding import long_enough
from bot.core.language import language_code
from bot.core.tokenize import morph_tokens
from bot.engines.base import Length
from bot.engines.offline.factors import FactorList, title_of

# (sentences, characters) per summary length; "long" stays well inside a 4,096-character embed.
SUMMARY_BUDGET: dict[Length, tuple[int, int]] = {
    "short": (5, 450),
    "medium": (8, 1100),
    "long": (14, 2800),
}
KEY_POINTS = 3
_REDUNDANCY = 0.6


class Analysis:
    """The piece's sentences analysed once: TF-IDF vectors, similarity, centrality; and the
    selection and quoting built on them. Only sentences long enough to be cited are picked
    (a heading such as "二　震源" supports nothing, so it is never quoted as support)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.quotable = frozenset(s.index for s in article.sentences if long_enough(s.text))
        # Japanese sentences follow each other without a space.
        self._joiner = "" if language_code(article.meta.language) == "ja" else " "

    @cached_property
    def vectors(self) -> list[dict[str, float]]:
        return tfidf_vectors([s.text for s in self.article.sentences], morph_tokens)

    @cached_property
    def _sims(self) -> list[dict[int, float]]:
        return similarity_matrix(self.vectors)

    @cached_property
    def centrality(self) -> list[float]:
        """LexRank score of each sentence, scaled so the most central is 1."""
        ranks = lexrank(self._sims)
        top = max(ranks, default=1.0) or 1.0
        return [r / top for r in ranks]

    @cached_property
    def _idf(self) -> dict[str, float]:
        n = len(self.article.paragraphs)
        df: dict[str, int] = {}
        for p in self.article.paragraphs:
            for t in set(morph_tokens(p.text)):
                df[t] = df.get(t, 0) + 1
        return {t: math.log((n + 1) / (c + 1)) + 1 for t, c in df.items()}

    def related(self, marker: str, paragraph: str) -> float:
        """Share of the marker sentence's term weight that a paragraph repeats."""
        terms = set(morph_tokens(title_of(marker))) or set(morph_tokens(marker))
        if not terms:
            return 0.0
        present = set(morph_tokens(paragraph))
        total = sum(self._idf.get(t, 1.0) for t in terms)
        return sum(self._idf.get(t, 1.0) for t in terms if t in present) / total

    def pick(
        self,
        candidates: Sequence[int],
        score: Sequence[float],
        *,
        count: int,
        chars: int | None = None,
        spread: float = 0.15,
        chosen: Sequence[int] = (),
    ) -> list[int]:
        """Maximal-marginal-relevance selection of sentence indices (by piece-wide index).

        `chosen` are sentences already selected elsewhere: new picks avoid repeating them.
        """
        sentences = self.article.sentences
        already = list(chosen)
        picked: list[int] = []
        used = 0
        pool = set(candidates) & self.quotable
        while pool and len(picked) < count:

            def mmr(i: int) -> float:
                prior = already + picked
                overlap = max((self._sims[i].get(j, 0.0) for j in prior), default=0.0)
                same_para = any(sentences[j].paragraph == sentences[i].paragraph for j in prior)
                return score[i] - _REDUNDANCY * overlap - spread * same_para

            best = max(pool, key=lambda i: (mmr(i), -i))
            pool.discard(best)
            size = len(sentences[best].text)
            if chars is not None and (picked or already) and used + size > chars:
                continue
            picked.append(best)
            used += size
        return picked

    def compose(self, indices: Sequence[int]) -> tuple[str, tuple[Citation, ...]]:
        """Sentences in reading order; a [¶n] marker after each run from one paragraph."""
        sentences = [self.article.sentences[i] for i in sorted(set(indices))]
        parts: list[str] = []
        run: list[str] = []
        for k, s in enumerate(sentences):
            run.append(s.text)
            nxt = sentences[k + 1] if k + 1 < len(sentences) else None
            if nxt is None or nxt.paragraph != s.paragraph or nxt.index != s.index + 1:
                parts.append(f"{self._joiner.join(run)} [¶{s.paragraph}]")
                run = []
        return "\n".join(parts), tuple(cite(s) for s in sentences)

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
        # The main line comes first: the lead, then the piece's enumeration (its announcement
        # and items) if it has one; central sentences fill what budget is left.
        lead = min(self.quotable, default=0)
        skeleton = [lead]
        if factors.enumerated:
            if factors.announcement is not None:
                skeleton.append(factors.announcement.index)
            skeleton += [f.marker.index for f in factors.factors]
        picked: list[int] = []
        used = 0
        for i in dict.fromkeys(i for i in skeleton if i in self.quotable):
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
        return sorted(self.pick(range(n), self.centrality, count=KEY_POINTS, spread=0.5))


def cite(s: Sentence) -> Citation:
    """A whole sentence as a citation."""
    return Citation(s.paragraph, s.text, s.start, s.end)
