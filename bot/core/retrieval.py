"""Retrieval: rank the piece's passages and sentences for a query (BM25 over Japanese tokens)."""

from __future__ import annotations

import logging
import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bot.core.article import Article
from bot.core.bm25 import BACKGROUND, BM25
from bot.core.collector import collector_paused
from bot.core.language import language_code
from bot.core.mail import quoted_copies
from bot.core.once import Once
from bot.core.scripts import is_hiragana
from bot.core.structure import sections, table_headers
from bot.core.tokenize import TOKENIZERS, Tokenizer, fold, kana_stems, tokenize_each
from bot.core.workers import off_loop

log = logging.getLogger(__name__)

DEFAULT_TOKENIZER = "hybrid"

# A passage hit is strong (`is_strong`) when it holds at least this share of the query's IDF
# weight, or reaches this BM25 score (hybrid tokens). Both were calibrated together on
# tests/data's question sets (see README, "Retrieval") as the one cut-off of "the piece covers
# the question" (`covers`): coverage alone misses questions worded differently from the
# piece; the score alone misses short questions. The offline engine now decides coverage with
# `core.relevance`; it still quotes a second passage only if strong, and a quote topic's hits
# must hold this share of its words.
NOT_IN_PIECE_THRESHOLD = 0.5
SCORE_THRESHOLD = 8.0
# Passages (the best by BM25) that `LexicalRetriever.search` orders by more than BM25 alone.
RERANK_DEPTH = 10
PHRASE_CHARS = 4  # see `phrases`
# A word searched for a question's word the piece never writes (a synonym it does write, or
# its measure for an everyday word: 広さ → 面積) weighs this much: it may be of another sense.
# Measured 0.5 / 0.6 / 0.75 / 1 (benchmarks/OFFLINE_QA.md, integration log, step 19).
RELATED = 0.6


def tokenizer_for(language: str | None) -> str:
    """The tokeniser for a piece in `language`: character bigrams alone for Chinese, which
    the Japanese tagger cuts into words across word boundaries (劳动力 in the question, 临劳
    and 动力 in the piece), so that no word of a question matched its sentence; else hybrid."""
    return "bigram" if language_code(language) == "zh" else DEFAULT_TOKENIZER


@dataclass(frozen=True, slots=True)
class Hit:
    """A ranked passage window or sentence.

    `score` is BM25 (comparable within one query only); `confidence` is the share of the
    query's IDF weight that the hit contains, in [0, 1], comparable across queries.
    """

    passage: int
    start: int
    end: int
    text: str
    score: float
    confidence: float

    def to_dict(self) -> dict[str, object]:
        return {
            "passage": self.passage,
            "text": self.text,
            "score": round(self.score, 4),
            "confidence": round(self.confidence, 4),
        }


@runtime_checkable
class Retriever(Protocol):
    """Anything that ranks the piece for a query; lexical, embedding or hybrid."""

    article: Article

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """Best window per paragraph, best first."""
        ...

    def search_sentences(self, query: str, k: int = 5) -> list[Hit]:
        """Best sentences, best first."""
        ...

    async def asearch(self, query: str, k: int = 5, *, timeout: float | None = None) -> list[Hit]:
        """`search` off the event loop; a retriever that asks a server bounds it by `timeout`."""
        return await off_loop(self.search, query, k)

    async def aclose(self) -> None:
        """Stop background work (e.g. embeddings still being computed); nothing by default."""
        return None


def is_strong(hit: Hit) -> bool:
    """Whether a passage hit is strong enough to answer from."""
    return hit.confidence >= NOT_IN_PIECE_THRESHOLD or hit.score >= SCORE_THRESHOLD


def covers(hits: Sequence[Hit]) -> bool:
    """Whether the piece covers the query by the one cut-off: its best hit is strong enough
    (the offline `ask` decides with `core.relevance` instead)."""
    return bool(hits) and is_strong(hits[0])


def phrases(text: str) -> set[str]:
    """The text's runs of PHRASE_CHARS characters (NFKC, case-folded), none across a space and
    none of hiragana alone (particles and endings: であっ, している): a question often copies
    its passage's wording beyond its words (法律的に名称独占だけで…)."""
    text = fold(text)
    grams = (text[i : i + PHRASE_CHARS] for i in range(len(text) - PHRASE_CHARS + 1))
    return {g for g in grams if not is_hiragana(g) and not any(c.isspace() for c in g)}


class LexicalRetriever(Retriever):
    """BM25 over the article's windows (passage level) and sentences.

    The indexes are built on first use (or by `prepare`), once, whichever thread asks first.
    """

    def __init__(self, article: Article, tokenizer: str | Tokenizer | None = None) -> None:
        self.article = article
        tokenizer = tokenizer or tokenizer_for(article.meta.language)
        self.tokenize: Tokenizer = (
            TOKENIZERS[tokenizer] if isinstance(tokenizer, str) else tokenizer
        )
        self._windows = article.windows
        self._sentences = article.sentences
        self._indexes: Once[tuple[BM25, BM25]] = Once()
        self._ids: Once[dict[int, tuple[list[int], list[int]]]] = Once()

    def prepare(self) -> tuple[BM25, BM25]:
        """The (window, sentence) indexes, built now if they are not yet."""
        return self._indexes.get(self._index)

    @collector_paused()  # see bot.core.collector
    def _index(self) -> tuple[BM25, BM25]:
        started = time.perf_counter()
        # A text is tokenised once: a window that is one sentence word for word (a paragraph
        # of one sentence) is not tokenised again, nor a sentence that repeats another.
        seen: dict[str, list[str]] = {}
        sentences = tokenize_each((s.text for s in self._sentences), self.tokenize, seen)
        windows = tokenize_each((w.text for w in self._windows), self.tokenize, seen)
        # An email's quoted copy of what the piece writes anyway is never found (`mail`).
        if copies := quoted_copies(self.article):
            sentences = [
                [] if s.paragraph in copies else t
                for s, t in zip(self._sentences, sentences, strict=True)
            ]
            windows = [
                [] if w.paragraph in copies else t
                for w, t in zip(self._windows, windows, strict=True)
            ]
        context = self._headings_read_with(seen)
        # Every window one sentence: both indexes are the same, built once (neither changes).
        by_sentence = BM25(sentences)
        if windows == sentences and not context:
            indexes = (by_sentence, by_sentence)
        else:
            indexes = (BM25(windows, context=context), by_sentence)
        log.info("indexed the piece in %.2f s", time.perf_counter() - started)
        return indexes

    def _headings_read_with(self, seen: dict[str, list[str]]) -> list[list[str] | None]:
        """Per window, the words of the section heading its paragraph stands under (see
        `structure.sections`) and, for a table's row, of its header row, or None: a section's
        paragraphs seldom repeat what its heading names (## ベータ炊飯器, then 「炊飯に35分かか
        る」), nor a row its columns. Empty for a piece of no sections and no tables."""
        under, tables = self.sections, self.table_headers
        if not under and not tables:
            return []
        heads = {h: self.article.paragraph(h).text for h in {*under.values(), *tables.values()}}
        words = dict(zip(heads, tokenize_each(heads.values(), self.tokenize, seen), strict=True))
        read: dict[tuple[int | None, int | None], list[str] | None] = {}  # one list per pair

        def context(paragraph: int) -> list[str] | None:
            key = (under.get(paragraph), tables.get(paragraph))
            if key not in read:
                parts = [words[h] for h in key if h is not None]
                read[key] = [*parts[0], *parts[1]] if len(parts) == 2 else next(iter(parts), None)
            return read[key]

        return [context(w.paragraph) for w in self._windows]

    @property
    def sections(self) -> Mapping[int, int]:
        """The heading each paragraph stands under (`structure.sections`)."""
        return sections(self.article)

    @property
    def table_headers(self) -> Mapping[int, int]:
        """Each table row's header row (`structure.table_headers`)."""
        return table_headers(self.article)

    @property
    def window_index(self) -> BM25:
        """BM25 over the piece's windows (built on first use)."""
        return self.prepare()[0]

    @property
    def _sentence_index(self) -> BM25:
        return self.prepare()[1]

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        background: Collection[str] = (),
        related: Collection[str] = (),
    ) -> list[Hit]:
        """Best window per paragraph. Words of `background` (e.g. the piece's title, which
        every passage is about) weigh BACKGROUND as much in the ranking: they say little
        about which passage answers. `related` words (the piece's synonyms of a question's
        words it never writes, its measures of everyday words) are searched too, weighing
        RELATED as much as the query's own: a synonym found may be of another sense (飲む,
        to suppress → 抑える)."""
        tokens = self.tokenize(query)
        if not tokens:
            return self._by_kana(query, k)
        own = set(tokens)
        added = [t for t in dict.fromkeys(self.tokenize(" ".join(related))) if t not in own]
        tokens += added
        weights: dict[str, float] = dict.fromkeys(added, RELATED)
        wording = dict.fromkeys(phrases(query), 1.0)
        wording.update((g, RELATED) for g in phrases(" ".join(related)) if g not in wording)
        if background:
            quiet = set(self.tokenize(" ".join(background)))
            if any(t not in quiet for t in tokens):
                weights.update((t, min(BACKGROUND, weights.get(t, 1.0))) for t in quiet)
                title = fold(" ".join(background))
                wording = {g: min(BACKGROUND, w) if g in title else w for g, w in wording.items()}
        scores = self.window_index.scores(tokens, weights)
        best: dict[int, Hit] = {}
        for i in sorted(range(len(scores)), key=scores.__getitem__, reverse=True):
            if scores[i] <= 0:
                break
            w = self._windows[i]
            if w.paragraph in best:
                continue
            conf = self.window_index.coverage(tokens, i)
            best[w.paragraph] = Hit(w.paragraph, w.start, w.end, w.text, scores[i], conf)
            if len(best) >= max(k, RERANK_DEPTH):
                break
        if not best:
            return self._by_kana(query, k)  # nothing but the frame matched (~は何)
        return self._reranked(tokens, list(best.values()), weights, wording)[:k]

    def _by_kana(self, query: str, k: int) -> list[Hit]:
        """For a question whose words are all in hiragana (いちばんおいしかったのは？): the
        paragraphs that write every one of them, in reading order."""
        stems = kana_stems(query)
        if not stems:
            return []
        hits = []
        for p in self.article.paragraphs:
            text = fold(p.text)
            if all(s in text for s in stems):
                hits.append(Hit(p.number, p.start, p.end, p.text, float(len(stems)), 1.0))
        return hits[:k]

    def _reranked(
        self,
        tokens: list[str],
        hits: list[Hit],
        weights: Mapping[str, float] | None = None,
        wording: Mapping[str, float] | None = None,
    ) -> list[Hit]:
        """`hits` (best BM25 first) ordered by a sum of six signals, each in [0, 1] whatever
        the piece: the passage's BM25 relative to the best passage's; the share of the
        query's words (IDF mass) its best window holds; the share of the query's character
        bigrams the whole paragraph holds; its best sentence's BM25 relative to the best
        sentence of these passages, and the share of the query's words that sentence holds;
        and the share of the query's `wording` (its `phrases`, each weighing its value) the
        paragraph writes. Background words (`weights`) weigh in each as they do in BM25. A
        question is mostly about one sentence: a passage that repeats some of its words (BM25
        rewards repetition) loses to one that says them together. Equal weights, not fitted
        (benchmarks/OFFLINE_QA.md, ranking)."""
        if len(hits) < 2:
            return hits
        windows, sentences = self.prepare()
        ids = self._paragraph_ids()
        sentence_scores = sentences.scores_of(
            tokens, [i for h in hits for i in ids[h.passage][1]], weights
        )
        top_sentence = max(sentence_scores.values(), default=0.0) or 1.0
        bigrams = [t for t in tokens if t.startswith("~")]
        words = [t for t in tokens if not t.startswith("~")] or tokens
        top = hits[0].score or 1.0
        wording = wording or {}
        wording_mass = sum(wording.values()) or 1.0

        def key(hit: Hit) -> float:
            window_ids, sentence_ids = ids[hit.passage]
            held: set[str] = set().union(*(windows.tfs[w] for w in window_ids))
            window = next(w for w in window_ids if self._windows[w].start == hit.start)
            signal = (
                hit.score / top
                + windows.share(words, windows.tfs[window], weights)
                + windows.share(bigrams, held, weights)
            )
            if wording:
                # A phrase has no space: it is one of the paragraph's if it occurs in its text.
                written = fold(self.article.paragraph(hit.passage).text)
                signal += sum(w for g, w in wording.items() if g in written) / wording_mass
            if sentence_ids:
                s = max(sentence_ids, key=sentence_scores.__getitem__)
                signal += sentence_scores[s] / top_sentence
                signal += sentences.share(words, sentences.tfs[s], weights)
            return signal

        return sorted(hits, key=key, reverse=True)

    def _paragraph_ids(self) -> dict[int, tuple[list[int], list[int]]]:
        """Each paragraph's window and sentence indices (computed once)."""
        return self._ids.get(self._index_ids)

    def _index_ids(self) -> dict[int, tuple[list[int], list[int]]]:
        out: dict[int, tuple[list[int], list[int]]] = {}
        for i, w in enumerate(self._windows):
            out.setdefault(w.paragraph, ([], []))[0].append(i)
        for i, s in enumerate(self._sentences):
            out.setdefault(s.paragraph, ([], []))[1].append(i)
        return out

    def judge_sentences(self, query: str, ids: Sequence[int]) -> dict[int, tuple[float, float]]:
        """(coverage, BM25) of each chosen sentence for `query`: `Hit.confidence` and
        `Hit.score` as `search_sentences` ranks every sentence, (0.0, 0.0) for one it would
        not list (scoring nothing). Only these sentences are scored."""
        tokens = self.tokenize(query)
        if not tokens:
            return dict.fromkeys(ids, (0.0, 0.0))
        index = self._sentence_index
        return {
            i: (index.coverage(tokens, i), score) if score > 0 else (0.0, 0.0)
            for i, score in index.scores_of(tokens, ids).items()
        }

    def search_sentences(self, query: str, k: int = 5) -> list[Hit]:
        tokens = self.tokenize(query)
        if not tokens:
            return []
        scores = self._sentence_index.scores(tokens)
        order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
        hits = []
        for i in order[:k]:
            if scores[i] <= 0:
                break
            s = self._sentences[i]
            conf = self._sentence_index.coverage(tokens, i)
            hits.append(Hit(s.paragraph, s.start, s.end, s.text, scores[i], conf))
        return hits
