"""The offline engine: extractive, grounded answers from retrieval alone (no key, no network)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache

from bot.core.answer import Answer, AnswerItem, Citation, Turn
from bot.core.article import Article
from bot.core.centrality import cosine
from bot.core.collector import collector_paused
from bot.core.compounds import names_something
from bot.core.grounding import Grounder
from bot.core.header import HEADER_PASSAGE, mentions_header
from bot.core.language import differs_from_piece, language_label, quote_marks, ui_language
from bot.core.once import Once
from bot.core.question import analyse, asks_for_gist
from bot.core.retrieval import NOT_IN_PIECE_THRESHOLD, Hit, LexicalRetriever
from bot.core.tokenize import morph_tokens
from bot.core.workers import finish_cancelled, off_loop
from bot.engines.base import (
    Engine,
    Length,
    check_count,
    check_factor_number,
    check_length,
    check_question,
    check_search,
    check_topic,
)
from bot.engines.messages import message
from bot.engines.offline.announced import with_announced_items
from bot.engines.offline.asking import ANSWER_SENTENCES, Asker
from bot.engines.offline.factors import FactorList, find_factors
from bot.engines.offline.follow_ups import (
    asks_for_more,
    factor_asked_for,
    is_anaphoric,
    is_courtesy,
    not_yet_quoted,
    read_on,
)
from bot.engines.offline.item_titles import headed, key_point_title
from bot.engines.offline.list_answers import NamedLists
from bot.engines.offline.list_questions import asks_for_factors, asks_only_for_an_item
from bot.engines.offline.query import Query
from bot.engines.offline.summary import Analysis, cite, cited_if_long
from bot.engines.offline.superlatives import asked_row
from bot.engines.offline.tables import with_best_row

log = logging.getLogger(__name__)


class OfflineEngine(Engine):
    """Answers by quoting the piece: ranked sentences, always with their ¶ ids.

    Every answer is worked out in a worker thread (`core.workers.off_loop`), never on the event
    loop: on a large piece the first one analyses and indexes it, which takes seconds. The
    analysis, the factor list and the index are each computed once, by whoever needs them first.
    """

    name = "offline"

    def __init__(self, article: Article, retriever: LexicalRetriever | None = None) -> None:
        self.article = article
        with collector_paused():  # the piece's windows, a sentence set: see bot.core.collector
            self.retriever: LexicalRetriever = retriever or LexicalRetriever(article)
            self.grounder = Grounder(article)
            self.analysis = Analysis(article)
        self.asker = Asker(article, self.retriever, self.analysis.quotable)
        self.lists = NamedLists(article, self.analysis, self.retriever)
        self._factor_list: Once[FactorList] = Once()
        self._factor_cues: Once[FactorList] = Once()
        self._warm_task: asyncio.Task[None] | None = None

    @property
    def factor_list(self) -> FactorList:
        return self._factor_list.get(lambda: find_factors(self.article, self.analysis.related))

    @property
    def factor_cues(self) -> FactorList:
        """The factor list as its cues alone give it: the same items and announcement as
        `factor_list`, without the last item's reach, so without the piece's analysis (which
        takes seconds on a large piece). Enough to list the factors and to tell which one a
        question means."""
        return self._factor_cues.get(lambda: find_factors(self.article))

    def prepare(self) -> None:
        """Analyse and index the piece now (blocking), rather than for the first reader."""
        with collector_paused():
            _ = self.factor_list  # and the analysis it is built on
            self.retriever.prepare()
            self.asker.prepare()

    def start_warm_up(self, locales: Sequence[str | None] = (None,)) -> asyncio.Task[None] | None:
        """Prepare the piece in a worker thread; readers arriving meanwhile wait for that work."""
        if self._warm_task is None:
            self._warm_task = asyncio.get_running_loop().create_task(self._warm())
        return self._warm_task

    async def _warm(self) -> None:
        try:
            await off_loop(self.prepare)
        except Exception:
            log.exception("could not prepare the piece in advance; the first reader will")

    async def aclose(self) -> None:
        if self._warm_task is not None and not self._warm_task.done():
            # The thread finishes its work; nobody waits for it. The task itself ends at
            # once, once told: closed means no task of ours is left running.
            self._warm_task.cancel()
            await finish_cancelled(self._warm_task)
        await super().aclose()

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
        return await off_loop(self._summary, check_length(length))

    async def factors(self, *, locale: str | None = None) -> Answer:
        return await off_loop(self._factors, locale)

    async def factor(self, n: int, *, locale: str | None = None) -> Answer:
        return await off_loop(self._factor, n, locale)

    async def quotes(
        self, topic: str | None = None, k: int = 3, *, locale: str | None = None
    ) -> Answer:
        return await off_loop(self._quotes, topic, k, locale)

    async def ask(
        self, question: str, history: Sequence[Turn] = (), *, locale: str | None = None
    ) -> Answer:
        return await off_loop(self._ask, question, history, locale)

    async def search(self, query: str, k: int = 5) -> list[Hit]:
        """Passages ranked as `ask` ranks them: through the question's translation into the
        piece's language, or the synonyms the piece uses, the title weighing half."""
        checked = check_search(query, k)
        return await off_loop(lambda: self.asker.search(self.asker.query(checked), k))

    # ------------------------------------------------------------ the answers, in a thread

    def _summary(self, length: Length) -> Answer:
        text, cites = self.analysis.compose(self.analysis.summary(length, self.factor_list))
        return self._answer(text, cites, "summary")

    def _factors(self, locale: str | None) -> Answer:
        lang = ui_language(locale, default=self.article.meta.language)
        items = self._factor_items()
        fl = self.factor_cues
        lines: list[str] = []
        cites: list[Citation] = []
        if fl.enumerated and fl.announcement is not None:
            lines.append(f"{fl.announcement.text} [¶{fl.announcement.paragraph}]")
            cites.append(cite(fl.announcement))
        elif fl.enumerated:
            lines.append(message("factors_intro", lang, n=len(items)))
        else:
            lines.append(message("no_enumeration", lang))
        for n, item in enumerate(items, start=1):
            markers = "".join(f" [¶{c.passage}]" for c in item.citations[:1])
            lines.append(f"{n}. {item.title}{markers}")
            cites.extend(item.citations[:1])
        note = None if fl.enumerated else message("no_enumeration", lang)
        return self._answer("\n".join(lines), cites, "factors", items=tuple(items), note=note)

    def _factor_items(self) -> list[AnswerItem]:
        fl = self.factor_cues
        if fl.enumerated:
            return [AnswerItem(f.title, f.marker.text, cited_if_long(f.marker)) for f in fl.factors]
        return [
            AnswerItem(key_point_title(s.text), s.text, (cite(s),))
            for s in (self.article.sentences[i] for i in self.analysis.key_points())
        ]

    def _factor(self, n: int, locale: str | None) -> Answer:
        fl = self.factor_list
        key_points = self.analysis.key_points()
        count = len(fl.factors) if fl.enumerated else len(key_points)
        check_factor_number(n, count)
        if fl.enumerated:
            f = fl.factors[n - 1]
            title, marker, region = f.title, f.marker, f.region
        else:
            marker = self.article.sentences[key_points[n - 1]]
            title = key_point_title(marker.text)
            para = self.article.paragraph(marker.paragraph)
            region = para.sentences
        # The marker sentence, then what in its region is closest to it and most central.
        others = [s.index for s in region if s.index != marker.index]
        vectors, centrality = self.analysis.vectors, self.analysis.centrality
        score = [0.0] * len(self.article.sentences)
        for i in others:
            score[i] = cosine(vectors[i], vectors[marker.index]) + 0.5 * centrality[i]
        picked = [marker.index, *self.analysis.pick(others, score, count=3, chars=900, spread=0.0)]
        # Sentences long enough to quote: 1. 円安, a whole item, is its title alone.
        text, cites = self.analysis.compose([i for i in picked if i in self.analysis.quotable])
        item = AnswerItem(title, text, cites)
        lang = ui_language(locale, default=self.article.meta.language)
        note = None if fl.enumerated else message("no_enumeration", lang)  # as `factors` says
        said = headed(n, title, marker.text, text)
        return self._answer(said, cites, "factor", items=(item,), note=note)

    def _quotes(self, topic: str | None, k: int, locale: str | None) -> Answer:
        k = check_count(k)
        topic = check_topic(topic)
        lang = ui_language(locale, topic, default=self.article.meta.language)
        sentences = self.article.sentences
        quotable = self.analysis.quotable
        if topic is None:
            chosen = self.analysis.pick(
                range(len(sentences)), self.analysis.centrality, count=k, spread=0.5
            )
        else:
            # A topic in another language than the piece's is looked for in its translation
            # (and only then: a topic in the piece's words needs no synonym table loaded).
            words = topic
            if differs_from_piece(topic, self.article.meta.language):
                words = self.asker.query(topic).text
            hits = [
                h
                for h in self.retriever.search_sentences(words, k=max(3 * k, 10))
                if h.confidence >= NOT_IN_PIECE_THRESHOLD  # the topic's words are there
            ]
            # Not an interviewer's question: the piece's words are its interviewee's answers.
            asked = self.analysis.asked
            index = {
                (s.start, s.end): s.index
                for s in sentences
                if s.index in quotable and s.index not in asked
            }
            chosen = [index[(h.start, h.end)] for h in hits if (h.start, h.end) in index][:k]
            if not chosen:
                return self._answer(message("no_quotes", lang, topic=topic), (), "quote")
        picked = [sentences[i] for i in chosen]
        open_q, close_q = quote_marks(self.article.meta.language)
        text = "\n".join(f"{open_q}{s.text}{close_q} [¶{s.paragraph}]" for s in picked)
        if topic is not None:
            text = self._in_piece_language(text, topic, lang)
        return self._answer(text, [cite(s) for s in picked], "quote")

    def _ask(self, question: str, history: Sequence[Turn], locale: str | None) -> Answer:
        question = check_question(question)
        lang = ui_language(locale, question, default=self.article.meta.language)
        last = history[-1] if history else None
        if (item := self.lists.item(question, self.factor_cues)) is not None:
            return self._answer(*item, "ask")  # 禁止行為の2番目は？: an item of the list it names
        n = factor_asked_for(question, history, self.factor_cues, self._key_point_paragraphs)
        if n is not None:
            one = self._factor(n, locale or lang)
            return replace(one, text=self._in_piece_language(one.text, question, lang), kind="ask")
        if asks_only_for_an_item(question):  # 二つ目は？ with no list to count in: which?
            return self._answer(message("item_of_what", lang), (), "ask")

        if asks_for_gist(question):
            # この記事の要点は？ / what is this piece about?: the whole piece, not a passage.
            gist = self._summary("short")
            text = self._in_piece_language(gist.text, question, lang)
            return replace(gist, text=text, kind="ask")
        if filled := self.asker.cloze(question):
            # 「東〇ラジオ放送」の〇に入る文字は？: the sentences that fill the gap, whole.
            return self._answer(*self.analysis.compose(filled), "ask")
        if header := self.asker.header(question):
            text = "\n".join(f"{c.quote} [¶{c.passage}]" for c in header)
            return self._answer(text, header, "ask")

        # The question in the piece's words, worked out once, when first needed (a question in
        # another language is translated, loading the dictionary).
        query_of = cache(lambda: self.asker.query(question))
        if self._asks_for_the_list(question, query_of, last):
            # ロシアと北朝鮮が近づいた要因は？: the list the piece announces, as /factors gives it.
            listed = self._factors(locale or lang)  # its framing in the reader's language
            text = self._in_piece_language(listed.text, question, lang)
            return replace(listed, text=text, kind="ask", items=())
        if (listed := self.lists.whole(question)) is not None:
            return self._answer(*listed, "ask")  # カゼノの良い点は？: the list the words name
        if (row := asked_row(self.asker, query_of(), question)) is not None:
            return self._answer(*self.analysis.compose(row), "ask")  # いちばん遠い島は？
        if is_courtesy(question):
            return self._answer(message("welcome", lang), (), "ask")
        if asks_for_more(question):
            # "もっと" after "ありがとう": the last answer that quoted the piece.
            cited = next((t for t in reversed(history[-2:]) if t.passages), None)
            if cited is None:
                return self._answer(message("more_of_what", lang), (), "ask")
            return self._more_from(cited, history, lang)
        query = query_of()
        hits = self.asker.search(query)

        verdict = self.asker.judge(query)
        covered = verdict.covered
        if last is not None and (is_anaphoric(question) or not (covered or verdict.missing)):
            # "And its date?": the previous question's words say what "it" is. Not for a
            # question naming what the piece never mentions (ラーメンのおすすめは？).
            combined = self.asker.query(f"{last.question} {question}")
            if self.asker.judge(combined).covered:
                hits, covered = self.asker.search(combined), True
                if not names_something(question):
                    # Nor can its own words choose the sentences: 「その理由は？」 alone picked
                    # any sentence that says 理由, 「その合意は…」 picks those about 合意.
                    query = combined
        if not covered:
            return self._not_covered(question, lang)
        return self._from_hits(query, hits, lang) or self._not_covered(question, lang)

    # ------------------------------------------------------------ ask helpers

    def _key_point_paragraphs(self) -> list[int]:
        """The paragraph of each key point, in the order `factors` numbers them."""
        return [self.article.sentences[i].paragraph for i in self.analysis.key_points()]

    def _asks_for_the_list(
        self, question: str, query_of: Callable[[], Query], last: Turn | None = None
    ) -> bool:
        """`factors.asks_for_factors`, read off the question in the piece's own words (its
        translation `query_of()`, for a question in another language). A question pointing
        back (その理由は？) is read with the last one's words: the reasons for what was asked."""
        if last is not None and is_anaphoric(question):
            combined = f"{last.question} {question}"
            query_of = cache(lambda: self.asker.query(combined))
            question = combined
        cues = self.factor_cues
        if differs_from_piece(question, self.article.meta.language):
            words = morph_tokens(query_of().judged)
        else:
            words = morph_tokens(question)
        why = analyse(question).kind == "reason"
        return asks_for_factors(question, words, why, cues, self.article.meta.title or "")

    def _from_hits(self, query: Query, hits: Sequence[Hit], lang: str) -> Answer | None:
        """The sentences of the best hits that answer; None if they hold nothing to quote."""
        picked = self.asker.sentences(query, hits)
        if not picked:
            return None
        # 材料は次のとおりです。: the items it announces are the answer; 手順は？: every step.
        picked = with_announced_items(self.article, picked, self.asker.quotable, query.judged)
        picked = self.lists.with_every_item(query.question, picked)
        picked = with_best_row(self.retriever, hits, picked, query.judged)
        subjects = self.asker.subjects
        # The headings and entries' names the quoted sentences do not write, before them.
        named = subjects.naming(query, picked, self.asker.quotable)
        text, cites = self.analysis.compose([*picked, *named])
        if (title := subjects.title_for(query, picked)) is not None:
            text, cites = f"{title.quote} [¶{HEADER_PASSAGE}]\n{text}", (title, *cites)
        if query.translated:
            text = self._in_piece_language(text, query.question, lang)
        return self._answer(text, cites, "ask")

    def _in_piece_language(self, text: str, question: str, lang: str) -> str:
        """Quotes answering a question asked in another language than the piece's, after one
        line that says so (the quotes stay as the piece wrote them)."""
        if not differs_from_piece(question, self.article.meta.language):
            return text
        name = language_label(self.article.meta.language, lang)
        return f"{message('quoted_in', lang, language_name=name)}\n{text}"

    def _not_covered(self, question: str, lang: str) -> Answer:
        text = message("not_covered", lang)
        piece_language = self.article.meta.language
        if differs_from_piece(question, piece_language):
            name = language_label(piece_language, lang)
            text += " " + message("other_language", lang, language_name=name)
        meta = self.article.meta
        header = [v for v in (meta.author, meta.source, meta.date) if v]
        if header and mentions_header(question):
            # Names the writer, outlet or date, but the header does not answer it (筆者の年齢は？).
            text += "\n" + message("header", lang, header=" · ".join(header))
        return self._answer(text, (), "ask")

    def _more_from(self, last: Turn, history: Sequence[Turn], lang: str) -> Answer:
        """'Tell me more': the best sentences of the last answer's passages not yet quoted in
        the conversation; once they are all quoted, the paragraph that follows them."""
        said = "\n".join(t.answer for t in history)
        intro = "more_from_previous"
        candidates = not_yet_quoted(self.article, last, said)
        if not candidates:
            past = self.analysis.interview.questions
            intro, candidates = "reading_on", read_on(self.article, last, said, past)
        picked = self.analysis.pick(
            candidates, self.analysis.centrality, count=ANSWER_SENTENCES, spread=0.0
        )
        if not picked:
            return self._answer(message("nothing_more", lang), (), "ask")
        text, cites = self.analysis.compose(picked)
        return self._answer(f"{message(intro, lang)}\n{text}", cites, "ask")
