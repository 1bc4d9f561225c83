"""Prototype wiring of the issue-10 modules into the offline engine, for measurement only.

`ProtoEngine` subclasses the current `OfflineEngine` and replaces `ask` for first questions
(follow-ups go to the engine as it is): header questions from the header (¶0), English
questions through the bilingual lexicon, the calibrated covered / not-covered decision, and
answer-type-aware sentence choice. The real integration belongs in the offline engine once
its restructuring lands; see benchmarks/OFFLINE_QA.md, "Wiring".

Systems (for `python -m benchmarks.eval_qa --system NAME`) switch the parts on one by one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

from benchmarks.eval_qa import cached_hybrid
from bot.core.answer import Answer, Citation, Turn
from bot.core.article import Article
from bot.core.extract import RESTATED, choose, novelty
from bot.core.header import HEADER_PASSAGE, HeaderGrounder, asked_fields, header_fields
from bot.core.language import is_japanese
from bot.core.normalize import loose_fold
from bot.core.question import analyse
from bot.core.relevance import Relevance
from bot.core.retrieval import Hit, LexicalRetriever, covers, is_strong
from bot.engines.base import check_question
from bot.engines.messages import language
from bot.engines.offline.engine import OfflineEngine


@dataclass(frozen=True)
class Options:
    relevance: bool = True
    threshold: float | None = None
    extract: bool = True
    header: bool = True
    english: bool = True
    focus_search: bool = False
    synonyms: bool = False
    title_restated: bool = False
    fill: int = 0


class ProtoEngine(OfflineEngine):
    def __init__(self, article: Article, options: Options) -> None:
        retriever = LexicalRetriever(article, cached_hybrid)
        super().__init__(article, retriever)
        self.options = options
        self.lexical = retriever
        self.grounder = HeaderGrounder(article)
        kw = {} if options.threshold is None else {"threshold": options.threshold}
        self.relevance = Relevance(article, retriever._window_index, cached_hybrid, **kw)
        self.fields = header_fields(article)

    def query(self, question: str) -> str:
        return self.translate(question)[0]

    def translate(self, question: str) -> tuple[str, tuple[str, ...]]:
        """The query to search with, and names the piece lacks (English questions)."""
        if self.options.english and not is_japanese(question):
            from bot.core.lexicon import translate_question

            return translate_question(question, self.article)
        return self.expand(question), ()

    def expand(self, question: str) -> str:
        if self.options.focus_search:
            return analyse(question).focus
        if self.options.synonyms:
            from bot.core.lexicon import synonyms_in_piece

            check = self.relevance.vocabulary.check(question)
            extra = [
                w for term in check.missing_parts for w in synonyms_in_piece(term, self.article)
            ]
            if extra:
                return question + " " + " ".join(extra)
        return question

    def search(self, question: str, k: int) -> list[Hit]:
        return self.lexical.search(self.query(question), k=k)

    async def ask(
        self, question: str, history: Sequence[Turn] = (), *, locale: str | None = None
    ) -> Answer:
        question = check_question(question)
        if history:
            return await super().ask(question, history, locale=locale)
        lang = language(locale, question, default=self.article.meta.language)
        o = self.options
        if o.header:
            asked = [f for f in asked_fields(question) if f in self.fields]
            if asked:
                return self._header_answer(asked)
        query, unknown = self.translate(question)
        hits = self.lexical.search(query, k=3)
        if o.relevance:
            # Synonym expansions help ranking, not the decision: judge the reader's own words.
            judged = question if is_japanese(question) else query
            covered = bool(hits) and self.relevance.judge(judged, missing=unknown).covered
        else:
            covered = covers(hits)
        if not covered:
            return self._not_covered(question, lang)
        answer = self._extract(query, hits) if o.extract else self._from_hits(query, hits)
        if o.header:
            answer = self._with_title(query, answer)
        if query is not question and not is_japanese(question) and self._ja:
            # English question, Japanese piece: the quotes stay Japanese; one line says so.
            frame = "From the piece (quoted in Japanese):"
            answer = replace(answer, text=f"{frame}\n{answer.text}")
        return answer

    def _header_answer(self, asked: list[str]) -> Answer:
        lines, cites = [], []
        for name in asked:
            f = self.fields[name]
            lines.append(f"{f.text} [¶{HEADER_PASSAGE}]")
            cites.append(Citation(HEADER_PASSAGE, f.text, f.start, f.end))
        return self._answer("\n".join(lines), cites, "ask")

    def _with_title(self, question: str, answer: Answer) -> Answer:
        """Say what a subject-less sentence is about: the piece's own subject, its title."""
        title = self.fields.get("title")
        if title is None or not answer.citations:
            return answer
        info = analyse(question)
        # A question that restates a sentence and asks for a thing: the sentence's unnamed
        # subject is the piece's own (…合法化されている国は？ in a piece about that country).
        restated = info.kind in {"other", "term", "place", "person"} and any(
            novelty(c.quote, question) <= 1 - RESTATED for c in answer.citations
        )
        if not (info.asks_subject or (self.options.title_restated and restated)):
            return answer
        folded = loose_fold(title.text)
        if folded in loose_fold(question) or folded in loose_fold(answer.text):
            return answer
        cite = Citation(HEADER_PASSAGE, title.text, title.start, title.end)
        return replace(
            answer,
            text=f"{title.text} [¶{HEADER_PASSAGE}]\n{answer.text}",
            citations=(cite, *answer.citations),
        )

    def _extract(self, question: str, hits: Sequence[Hit]) -> Answer:
        near = 0.8 * hits[0].score
        strong = [hits[0]] + [h for h in hits[1:3] if is_strong(h) or h.score >= near]
        spans = [(h.start, h.end) for h in strong]
        sentences = self.article.sentences
        candidates = [
            s.index for s in sentences if any(a <= s.start and s.end <= b for a, b in spans)
        ]
        scored = self.lexical.search_sentences(question, k=len(sentences))
        by_span = {(h.start, h.end): h for h in scored}
        key = {}
        for i in candidates:
            hit = by_span.get((sentences[i].start, sentences[i].end))
            key[i] = (hit.confidence, hit.score) if hit else (0.0, 0.0)
        ranked = sorted(candidates, key=lambda i: (-key[i][0], -key[i][1], i))
        top = key[ranked[0]][0] if ranked else 0.0
        # As the engine does: sentences carrying nearly as much of the question as the best.
        picked = [i for i in ranked if key[i][1] > 0 and key[i][0] >= top - 0.25][:3]
        picked = choose(
            self.article, question, analyse(question), picked or ranked[:1], fill=self.options.fill
        )
        text, cites = self._compose(picked)
        return self._answer(text, cites, "ask")


class ProtoRunner:
    def __init__(self, article: Article, options: Options) -> None:
        self.engine = ProtoEngine(article, options)

    def search(self, question: str, k: int) -> list[int]:
        return [h.passage for h in self.engine.search(question, k)]

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Awaitable[Answer]:
        return self.engine.ask(question, history)


def _system(**kw: object) -> Callable[[Article], ProtoRunner]:
    options = Options(**kw)  # type: ignore[arg-type]
    return lambda article: ProtoRunner(article, options)


SYSTEMS: dict[str, Callable[[Article], ProtoRunner]] = {
    "proto": _system(title_restated=True, synonyms=True),
    "proto-nosyn": _system(title_restated=True),
    "proto-fill80": _system(title_restated=True, synonyms=True, fill=80),
    "proto-fill120": _system(title_restated=True, synonyms=True, fill=120),
    "proto-fill160": _system(title_restated=True, synonyms=True, fill=160),
    "proto-t0.2": _system(title_restated=True, synonyms=True, threshold=0.2),
    "+relevance": _system(extract=False, header=False, english=False),
    "+extract": _system(relevance=False, header=False, english=False),
    "+header": _system(relevance=False, extract=False, english=False),
    "proto-focus": _system(focus_search=True),
    "proto-notitle": _system(synonyms=True),  # the title only for …のは/…国は questions
}
