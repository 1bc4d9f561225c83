"""The offline engine: extractive, grounded answers from retrieval alone (no key, no network)."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from functools import cached_property

from bot.core.answer import Answer, AnswerItem, Citation, Turn
from bot.core.article import Article, Sentence
from bot.core.centrality import cosine, lexrank, similarity_matrix, tfidf_vectors
from bot.core.grounding import Grounder
from bot.core.language import differs_from_piece, language_code, quote_marks, ui_language
from bot.core.retrieval import (
    NOT_IN_PIECE_THRESHOLD,
    Hit,
    LexicalRetriever,
    Retriever,
    covers,
    is_strong,
)
from bot.core.tokenize import morph_tokens
from bot.engines.base import (
    Engine,
    Length,
    check_count,
    check_factor_number,
    check_length,
    check_question,
    check_topic,
)
from bot.engines.messages import message
from bot.engines.offline.factors import FactorList, find_factors, title_of, to_int

log = logging.getLogger(__name__)

# (sentences, characters) per summary length; "long" stays well inside a 4,096-character embed.
SUMMARY_BUDGET: dict[str, tuple[int, int]] = {
    "short": (5, 450),
    "medium": (8, 1100),
    "long": (14, 2800),
}
KEY_POINTS = 3
ANSWER_SENTENCES = 3
_REDUNDANCY = 0.6
_ORDINAL_REF = re.compile(
    r"(?:第)?(?P<n>[0-9０-９一二三四五六七八九十]+)(?:つ目|番目|の要因|の理由|の原因)"
    r"|\b(?P<en>first|second|third|fourth|fifth|sixth|last)\b",
    re.I,
)
_EN_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_ABOUT_PIECE = re.compile(
    r"著者|筆者|作者|執筆|書いた|書き手|出典|掲載|発表|いつ書|日付|"
    r"\b(?:author|wrote|written|writer|published|publication|source)\b",
    re.I,
)
_ANAPHORA = re.compile(
    r"それ|その|これ|この|あれ|彼ら|彼|同じ|\b(?:it|its|that|this|they|them|those)\b", re.I
)


class OfflineEngine(Engine):
    """Answers by quoting the piece: ranked sentences, always with their ¶ ids."""

    name = "offline"

    def __init__(
        self,
        article: Article,
        retriever: Retriever | None = None,
    ) -> None:
        self.article = article
        self.retriever: Retriever = retriever or LexicalRetriever(article)
        self.grounder = Grounder(article)

    # ------------------------------------------------------------ shared analysis

    @cached_property
    def _vectors(self) -> list[dict[str, float]]:
        return tfidf_vectors([s.text for s in self.article.sentences], morph_tokens)

    @cached_property
    def _sims(self) -> list[dict[int, float]]:
        return similarity_matrix(self._vectors)

    @cached_property
    def centrality(self) -> list[float]:
        """LexRank score of each sentence, scaled so the most central is 1."""
        ranks = lexrank(self._sims)
        top = max(ranks, default=1.0) or 1.0
        return [r / top for r in ranks]

    @cached_property
    def factor_list(self) -> FactorList:
        return find_factors(self.article, self._related)

    def _related(self, marker: str, paragraph: str) -> float:
        """Share of the marker sentence's term weight that a paragraph repeats."""
        terms = set(morph_tokens(title_of(marker))) or set(morph_tokens(marker))
        if not terms:
            return 0.0
        present = set(morph_tokens(paragraph))
        idf = self._idf
        total = sum(idf.get(t, 1.0) for t in terms)
        return sum(idf.get(t, 1.0) for t in terms if t in present) / total

    @cached_property
    def _idf(self) -> dict[str, float]:
        n = len(self.article.paragraphs)
        df: dict[str, int] = {}
        for p in self.article.paragraphs:
            for t in set(morph_tokens(p.text)):
                df[t] = df.get(t, 0) + 1
        return {t: math.log((n + 1) / (c + 1)) + 1 for t, c in df.items()}

    def _cite(self, s: Sentence) -> Citation:
        return Citation(s.paragraph, s.text, s.start, s.end)

    def _pick(
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
        chosen = []
        used = 0
        pool = set(candidates)
        while pool and len(chosen) < count:

            def mmr(i: int) -> float:
                prior = already + chosen
                overlap = max((self._sims[i].get(j, 0.0) for j in prior), default=0.0)
                same_para = any(sentences[j].paragraph == sentences[i].paragraph for j in prior)
                return score[i] - _REDUNDANCY * overlap - spread * same_para

            best = max(pool, key=lambda i: (mmr(i), -i))
            pool.discard(best)
            size = len(sentences[best].text)
            if chars is not None and (chosen or already) and used + size > chars:
                continue
            chosen.append(best)
            used += size
        return chosen

    def _compose(self, indices: Sequence[int]) -> tuple[str, tuple[Citation, ...]]:
        """Sentences in reading order; a [¶n] marker after each run from one paragraph."""
        sentences = [self.article.sentences[i] for i in sorted(set(indices))]
        parts: list[str] = []
        run: list[str] = []
        for k, s in enumerate(sentences):
            run.append(s.text)
            nxt = sentences[k + 1] if k + 1 < len(sentences) else None
            if nxt is None or nxt.paragraph != s.paragraph or nxt.index != s.index + 1:
                parts.append("".join(run) if self._ja else " ".join(run))
                parts[-1] += f" [¶{s.paragraph}]"
                run = []
        return "\n".join(parts), tuple(self._cite(s) for s in sentences)

    @cached_property
    def _ja(self) -> bool:
        return language_code(self.article.meta.language) == "ja"

    def _answer(self, text: str, citations: Sequence[Citation], kind: str, **kw: object) -> Answer:
        answer = Answer(
            text=text,
            citations=tuple(citations),
            engine=self.name,
            grounded=bool(citations),
            kind=kind,
            **kw,  # type: ignore[arg-type]
        )
        return self.grounder.check_answer(answer)

    # ------------------------------------------------------------ Engine protocol

    async def summary(self, length: Length = "medium", *, locale: str | None = None) -> Answer:
        length = check_length(length)
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
        skeleton = [0]
        fl = self.factor_list
        if fl.enumerated:
            if fl.announcement is not None:
                skeleton.append(fl.announcement.index)
            skeleton += [f.marker.index for f in fl.factors]
        picked: list[int] = []
        used = 0
        for i in dict.fromkeys(skeleton):
            size = len(sentences[i].text)
            if len(picked) < count and (not picked or used + size <= chars):
                picked.append(i)
                used += size
        rest = [i for i in range(len(sentences)) if i not in picked]
        picked += self._pick(
            rest, score, count=count - len(picked), chars=chars - used, chosen=picked
        )
        text, cites = self._compose(picked)
        return self._answer(text, cites, "summary")

    async def factors(self, *, locale: str | None = None) -> Answer:
        lang = ui_language(locale, default=self.article.meta.language)
        items = self._factor_items()
        fl = self.factor_list
        lines: list[str] = []
        cites: list[Citation] = []
        if fl.enumerated and fl.announcement is not None:
            lines.append(f"{fl.announcement.text} [¶{fl.announcement.paragraph}]")
            cites.append(self._cite(fl.announcement))
        elif fl.enumerated:
            lines.append(message("factors_intro", lang, n=len(items)))
        else:
            lines.append(message("no_enumeration", lang))
        for n, item in enumerate(items, start=1):
            markers = " ".join(f"[¶{c.passage}]" for c in item.citations[:1])
            lines.append(f"{n}. {item.title} {markers}")
            cites.extend(item.citations[:1])
        note = None if fl.enumerated else message("no_enumeration", lang)
        return self._answer("\n".join(lines), cites, "factors", items=tuple(items), note=note)

    def _factor_items(self) -> list[AnswerItem]:
        fl = self.factor_list
        if fl.enumerated:
            return [AnswerItem(f.title, f.marker.text, (self._cite(f.marker),)) for f in fl.factors]
        picked = self._key_points()
        return [
            AnswerItem(title_of(s.text), s.text, (self._cite(s),))
            for s in (self.article.sentences[i] for i in picked)
        ]

    def _key_points(self) -> list[int]:
        n = len(self.article.sentences)
        return sorted(self._pick(range(n), self.centrality, count=KEY_POINTS, spread=0.5))

    async def factor(self, n: int, *, locale: str | None = None) -> Answer:
        fl = self.factor_list
        count = len(fl.factors) if fl.enumerated else len(self._key_points())
        check_factor_number(n, count)
        if fl.enumerated:
            f = fl.factors[n - 1]
            title, marker, region = f.title, f.marker, f.region
        else:
            marker = self.article.sentences[self._key_points()[n - 1]]
            title = title_of(marker.text)
            para = self.article.paragraph(marker.paragraph)
            region = para.sentences
        # The marker sentence, then what in its region is closest to it and most central.
        others = [s.index for s in region if s.index != marker.index]
        score = [0.0] * len(self.article.sentences)
        for i in others:
            score[i] = (
                cosine(self._vectors[i], self._vectors[marker.index]) + 0.5 * self.centrality[i]
            )
        picked = [marker.index, *self._pick(others, score, count=3, chars=900, spread=0.0)]
        text, cites = self._compose(picked)
        item = AnswerItem(title, text, cites)
        return self._answer(f"{n}. {title}\n{text}", cites, "factor", items=(item,))

    async def quotes(
        self, topic: str | None = None, k: int = 3, *, locale: str | None = None
    ) -> Answer:
        k = check_count(k)
        topic = check_topic(topic)
        lang = ui_language(locale, topic, default=self.article.meta.language)
        sentences = self.article.sentences
        if topic is None:
            chosen = self._pick(range(len(sentences)), self.centrality, count=k, spread=0.5)
        else:
            hits = [
                h
                for h in self.retriever.search_sentences(topic, k=max(3 * k, 10))
                if h.confidence >= NOT_IN_PIECE_THRESHOLD  # the topic's words are there
            ]
            index = {(s.start, s.end): s.index for s in sentences}
            chosen = [index[(h.start, h.end)] for h in hits if (h.start, h.end) in index][:k]
            if not chosen:
                return self._answer(message("no_quotes", lang, topic=topic), (), "quote")
        picked = [sentences[i] for i in chosen]
        open_q, close_q = quote_marks(self.article.meta.language)
        text = "\n".join(f"{open_q}{s.text}{close_q} [¶{s.paragraph}]" for s in picked)
        return self._answer(text, [self._cite(s) for s in picked], "quote")

    async def ask(
        self, question: str, history: Sequence[Turn] = (), *, locale: str | None = None
    ) -> Answer:
        question = check_question(question)
        lang = ui_language(locale, question, default=self.article.meta.language)
        last = history[-1] if history else None

        if last is not None:
            by_ordinal = await self._ordinal_follow_up(question, history, locale)
            if by_ordinal is not None:
                return by_ordinal
            if not self.retriever.search(question, k=1) and last.passages:
                return self._more_from(last, lang)

        hits = self.retriever.search(question, k=3)
        if last is not None and (not covers(hits) or _ANAPHORA.search(question)):
            combined = self.retriever.search(f"{last.question} {question}", k=3)
            if covers(combined):
                hits = combined
        if not covers(hits):
            return self._not_covered(question, lang)
        return self._from_hits(question, hits)

    # ------------------------------------------------------------ ask helpers

    def _from_hits(self, question: str, hits: Sequence[Hit]) -> Answer:
        # The best hit, and the next ones if they are strong too or nearly as good.
        near = 0.8 * hits[0].score
        strong = [hits[0]] + [h for h in hits[1:3] if is_strong(h) or h.score >= near]
        spans = [(h.start, h.end) for h in strong]
        candidates = [
            s.index
            for s in self.article.sentences
            if any(a <= s.start and s.end <= b for a, b in spans)
        ]
        scores = self.retriever.search_sentences(question, k=len(self.article.sentences))
        by_span = {(h.start, h.end): h for h in scores}
        score = [0.0] * len(self.article.sentences)
        conf = [0.0] * len(self.article.sentences)
        for i in candidates:
            s = self.article.sentences[i]
            if (hit := by_span.get((s.start, s.end))) is not None:
                score[i], conf[i] = hit.score, hit.confidence
        ranked = sorted(candidates, key=lambda i: (-conf[i], -score[i]))
        best = conf[ranked[0]] if ranked else 0.0
        # Sentences that carry much less of the question than the best one add words, not answers.
        picked = [i for i in ranked if score[i] > 0 and conf[i] >= best - 0.25]
        picked = picked[:ANSWER_SENTENCES] or ranked[:1]
        text, cites = self._compose(picked)
        return self._answer(text, cites, "ask")

    def _not_covered(self, question: str, lang: str) -> Answer:
        text = message("not_covered", lang)
        piece_language = self.article.meta.language
        if differs_from_piece(question, piece_language):
            name = message(f"language.{ui_language(None, default=piece_language)}", lang)
            text += " " + message("other_language", lang, language_name=name)
        meta = self.article.meta
        header = [v for v in (meta.author, meta.source, meta.date) if v]
        if header and _ABOUT_PIECE.search(question):
            # Who wrote it, where, when: the file's header says, though no paragraph does.
            text += "\n" + message("header", lang, header=" · ".join(header))
        return self._answer(text, (), "ask")

    async def _ordinal_follow_up(
        self, question: str, history: Sequence[Turn], locale: str | None
    ) -> Answer | None:
        """'The second one?' after a list of factors: answer with that factor."""
        m = _ORDINAL_REF.search(question)
        if not m:
            return None
        fl = self.factor_list
        if not fl.enumerated:
            return None
        marker_paras = {f.marker.paragraph for f in fl.factors}
        context = " ".join(t.question for t in history[-2:])
        about_list = any(set(t.passages) & marker_paras for t in history[-2:]) or bool(
            re.search(r"要因|理由|原因|factor|reason|cause", context, re.I)
        )
        if not about_list:
            return None
        raw = m.group("n") or ""
        if m.group("en"):
            word = m.group("en").lower()
            n = len(fl.factors) if word == "last" else _EN_ORD[word]
        else:
            n = to_int(raw)
        if not 1 <= n <= len(fl.factors):
            return None
        answer = await self.factor(n, locale=locale)
        return Answer(
            text=answer.text,
            citations=answer.citations,
            engine=self.name,
            grounded=answer.grounded,
            kind="ask",
            items=answer.items,
        )

    def _more_from(self, last: Turn, lang: str) -> Answer:
        """'Tell me more': the best sentences of the last answer's passages not yet quoted."""
        quoted = last.answer
        candidates = [
            s.index
            for p in last.passages[:2]
            if 1 <= p <= len(self.article.paragraphs)
            for s in self.article.paragraph(p).sentences
            if s.text not in quoted
        ]
        if not candidates:
            return self._answer(message("nothing_more", lang), (), "ask")
        picked = self._pick(candidates, self.centrality, count=ANSWER_SENTENCES, spread=0.0)
        text, cites = self._compose(picked)
        return self._answer(f"{message('more_from_previous', lang)}\n{text}", cites, "ask")
