"""The offline `ask` in parts: what to search with, whether the piece covers it, what to quote.

- **Header questions** (著者は誰？, この記事を書いた記者は誰？, 発行日は？, who wrote it?, 出典は？)
  are answered from the header, ¶0 (`bot.core.header.asked_fields`).
- **The query.** An English question on a Japanese piece becomes the piece's own words through
  the JMdict-derived lexicon (`bot.core.lexicon`, loaded on first use only); a Japanese
  question whose words the piece never writes is searched with their synonyms that it does
  (ranking only: whether the piece covers the question is judged on the reader's own words).
- **Covered or not** (`bot.core.relevance`): a decision calibrated on scales that do not depend
  on the piece's size, replacing one absolute BM25 cut-off.
- **What to quote** (`bot.core.extract`): the sentences that match best, plus the one that holds
  the expected answer (a date, a figure, a name, a term, a reason) when they do not; and the
  line that names their subject when they do not: the title (¶0), a section's heading
  (`bot.engines.offline.subjects`).
- **Interviews** (`bot.core.interview`): an interviewer's question (――富山を選んだ理由は。)
  that matches stands for the paragraph answering it, whose sentences are read with the
  question's words; the covered / not-covered decision reads the two together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from bot.core.answer import Citation
from bot.core.article import Article
from bot.core.as_written import as_written
from bot.core.calendar_words import on_dates
from bot.core.cloze import find_fill
from bot.core.compounds import question_compounds
from bot.core.extract import FILL, choose, holds_answer, kind_present
from bot.core.header import HEADER_PASSAGE, asked_fields, header_fields
from bot.core.inside_words import words_holding
from bot.core.interview import asked_sentences, find_interview, stands_for
from bot.core.language import is_japanese, language_code
from bot.core.misspelling import is_english_word, respell_english
from bot.core.normalize import loose_fold
from bot.core.once import Once
from bot.core.question import asks_full_name, requests_an_answer
from bot.core.ranges import in_ranges
from bot.core.relevance import Evidence, Relevance, Verdict
from bot.core.retrieval import RERANK_DEPTH, Hit, LexicalRetriever, is_strong
from bot.core.thesaurus import measures, measures_in
from bot.core.tokenize import EN_STOPWORDS, morph_tokens, stem
from bot.core.vocabulary import writes_full_form
from bot.engines.offline.asked_figure import figure_first, holding_test, with_figure
from bot.engines.offline.query import Query, searched_with
from bot.engines.offline.standing import answering, with_value
from bot.engines.offline.subjects import Subjects
from bot.engines.offline.tables import read_with_header

ANSWER_SENTENCES = 3
RUNNER_UP = 0.5  # see `Asker._runner_up`
# Sentences carrying this much less of the question (IDF share) than the best add words, not
# answers.
CONFIDENCE_MARGIN = 0.25
_KINDS_HELD = frozenset({"date", "number"})
CONTEXT_DISCOUNT = 0.05  # see `Asker._read_in_context`
_BY_HEADING = 1e-9  # the score of a sentence matched only through its section's heading
CONTEXT_SENTENCES = 5


class Asker:
    """The parts of the offline `ask` for one piece (see the module docstring)."""

    def __init__(
        self,
        article: Article,
        retriever: LexicalRetriever,
        quotable: frozenset[int],
    ) -> None:
        self.article = article
        self.retriever = retriever
        self.quotable = quotable  # sentences long enough to cite
        self.interview = find_interview(article)
        self.fields = header_fields(article)
        self._japanese_piece = language_code(article.meta.language) == "ja"
        self._english_piece = language_code(article.meta.language) == "en"
        title = self.fields.get("title")
        self._background = (title.text,) if title is not None else ()
        self._relevance: Once[Relevance] = Once()
        # The title line and section headings, quoted when an answer does not name its subject.
        self.subjects = Subjects(article, self.fields, retriever, bool(self.interview))
        # Headings, tables' header rows, interviewers' questions: the paragraphs each stands for.
        tables = retriever.table_headers
        self._stands_for = stands_for(self.interview, retriever.sections, tables)
        # What an asking turn asks, never an answer (`interview.asked_sentences`).
        self._asked = asked_sentences(article)

    @property
    def relevance(self) -> Relevance:
        r = self.retriever
        return self._relevance.get(
            lambda: Relevance(
                self.article, r.window_index, r.tokenize, read_with=self._stands_for
            )
        )

    def prepare(self) -> None:
        """Work out now what `query` and `judge` read, rather than for the first question."""
        self.relevance.vocabulary.prepare()

    def header(self, question: str) -> list[Citation]:
        """The whole header fields a question about the piece itself asks for, as ¶0."""
        asked = asked_fields(question, self.article)
        fields = [self.fields[name] for name in asked if name in self.fields]
        return [Citation(HEADER_PASSAGE, f.text, f.start, f.end) for f in fields]

    def cloze(self, question: str) -> list[int]:
        """For a fill-in-the-blank question (「東〇ラジオ放送」の〇は？), the quotable sentences
        that fill its gap (`bot.core.cloze`), in reading order; empty if none does, or if more
        than ANSWER_SENTENCES do."""
        sentences = ((s.index, s.text) for s in self.article.sentences if s.index in self.quotable)
        fills = find_fill(question, sentences)
        found = sorted({i for i, _ in fills})
        # Many sentences fitting the gap (日本の〇〇は) say it is not specific: ask as usual.
        return found if len(found) <= ANSWER_SENTENCES else []

    def query(self, question: str) -> Query:
        if self._japanese_piece and not is_japanese(question):
            from bot.core.lexicon import translate_question  # a 1.4 MB table: load on need

            t = translate_question(question, self.relevance.vocabulary)
            text = on_dates(in_ranges(t.query, self.article), self.article)  # 6歳 → 7歳未満
            return Query(question, text, translated=True, missing=t.unknown, absent=t.absent)
        if self._english_piece and is_japanese(question):
            from bot.core.lexicon_en import translate_to_english  # the same table, other way

            t = translate_to_english(question, self.relevance.vocabulary)
            return Query(question, t.query, translated=True, missing=t.unknown, absent=t.absent)
        if self._english_piece and not is_japanese(question):
            vocabulary = self.relevance.vocabulary
            words, names = vocabulary.latin_words, vocabulary.latin_names
            question = respell_english(question, words, is_english_word, names)
            question = in_ranges(question, self.article)  # 27 kg → 23.1 to 32 kg
            # How much rain → searched with the piece's rainfall too (a measure asked with a
            # word the piece never writes, as the piece states it); judged with it only when
            # every word the piece lacks is such a measure (How many cats live…: cats) or a
            # synonym.
            stems = vocabulary.latin_stems
            words = re.findall(r"[a-z]+", question.lower())
            asked = [w for w in words if w not in _FRAME and stem(w) not in stems]
            from bot.core.lexicon_en import english_synonyms, phrase_synonyms  # table on need

            if asked:
                stated = {
                    w: [m for m in (*_measures_of(w), *english_synonyms(w)) if stem(m) in stems]
                    for w in asked
                }
            else:
                stated = {}
            restated = bool(asked) and all(stated.values())
            # Words the piece makes of them by a suffix (rent → rental) are searched with, never
            # judged with: spelling alone also makes state → station, show → shower.
            made = [d for w in asked for d in vocabulary.derived(w)]
            made += phrase_synonyms(question, stems, self.article.text)  # front desk → reception
            text = searched_with(question, [*(m for ms in stated.values() for m in ms), *made])
            return Query(question, text, restated=restated)
        if self._japanese_piece:
            vocabulary = self.relevance.vocabulary
            # Kana and mistyped kanji as the piece writes them (へいてん → 閉店), from here on.
            question = as_written(question, vocabulary)
            # A figure the piece states only as a range (5歳 → 7歳未満), or days as dates, too.
            question = on_dates(in_ranges(question, self.article), self.article)
            # Searched with, besides the reader's words: a measure asked with an everyday word,
            # as the piece states it (広さ → 面積), and the synonyms the piece writes of the
            # content words it never does in any form (手放す, 兵隊; not 遅らせる: 遅らせた).
            stated = [m for m in measures_in(question) if loose_fold(m) in vocabulary.text]
            absent = [
                w for w in morph_tokens(question) if len(w) > 1 and not vocabulary.mentions(w, w)
            ]
            if absent:
                from bot.core.lexicon import synonyms_in_piece  # loads the table on need

                stated += [w for term in absent for w in synonyms_in_piece(term, vocabulary)]
            # A one-kanji noun the piece writes only inside its words: 雷 → 落雷.
            stated += words_holding(question, self.retriever.window_index.idf)
            return Query(question, searched_with(question, stated), stated=tuple(stated))
        return Query(question, question)

    def judge(self, query: Query) -> Verdict:
        """Whether the piece covers the question. Synonyms helped ranking; the decision is
        made on the reader's own words (for another language, on their translation; see
        `Query.judged`)."""
        return self.relevance.judge(query.judged, **self._signals(query))

    def evidence(self, query: Query) -> Evidence | None:
        """What `judge` decides on (for measuring and fitting the decision)."""
        return self.relevance.evidence(query.judged, **self._signals(query))

    @staticmethod
    def _signals(query: Query) -> dict[str, object]:
        return {"info": query.info, "missing": query.missing, "absent": query.absent}

    def search(self, query: Query, k: int = 4) -> list[Hit]:
        """The best passages, the piece's title weighing less (every passage is about it);
        for a section heading or an interviewer's question that matches, the paragraphs it
        stands for (`standing.answering`)."""
        words = query.text if not query.stated else query.question
        search = partial(
            self.retriever.search, words, background=self._background, related=query.stated
        )
        # As many as are reranked (the same first k, answers ranked among them), the figure
        # asked for first.
        hits = figure_first(search(k=max(k, RERANK_DEPTH)), query.judged, query.info)
        holds = holding_test(query.judged, query.info)
        if hits and holds(hits[0].text) is False:
            hits = with_value(self.article, hits, self.relevance.giving(query.judged))
        if not self._stands_for:
            return hits[:k]
        return answering(self.article, hits, self._stands_for, self.interview, holds)[:k]

    def sentences(self, query: Query, hits: Sequence[Hit]) -> list[int]:
        """Sentence indices to answer with, in reading order (empty: nothing quotable)."""
        if not hits:
            return []
        # The best hit, and the next ones if they are strong too or nearly as good.
        near = 0.8 * max(h.score for h in hits[:4])
        strong = [hits[0]] + [h for h in hits[1:4] if is_strong(h) or h.score >= near]
        quotable = self.quotable - self._asked
        found = {s.index for h in strong for s in self.article.sentences_within(h.start, h.end)}
        candidates = sorted((found | self._openings(strong)) & quotable)
        # A sentence asking for an answer gives none (…の額をお示しください。), unless all do.
        asking = {i for i in candidates if requests_an_answer(self.article.sentences[i].text)}
        candidates = [i for i in candidates if i not in asking] or candidates
        if not candidates:
            return []
        # Sentences are matched with the reader's own words; synonyms only when those match
        # none of them (they find passages, but pick sentences less well).
        for words in dict.fromkeys((query.judged, query.text)):
            key = self.retriever.judge_sentences(words, candidates)
            if any(score > 0 for _, score in key.values()):
                break
        self._read_in_context(query, hits[0].passage, key)
        read_with_header(self.retriever, query.judged, key, CONTEXT_DISCOUNT)
        self._read_with_question(words, key)
        candidates = self._turn_or_answer(candidates, key, query.info.kind)
        ranked = sorted(candidates, key=lambda i: (-key[i][0], -key[i][1], i))
        best = key[ranked[0]][0]
        picked = [i for i in ranked if key[i][1] > 0 and key[i][0] >= best - CONFIDENCE_MARGIN]
        if query.info.kind in _KINDS_HELD:
            # Among sentences that match about as well, those holding what is asked first.
            sentences = self.article.sentences
            picked.sort(key=lambda i: not holds_answer(sentences[i].text, query.info, query.text))
        picked = picked[:ANSWER_SENTENCES] or ranked[:1]
        held = with_figure(self.article, picked, candidates, hits[0], query.judged)
        chosen = choose(self.article, query.text, query.info, held[:ANSWER_SENTENCES])
        chosen = self._runner_up(query, hits, chosen, words)
        if (named := self._full_form_sentence(query)) is not None and named not in chosen:
            chosen = sorted({named, *chosen})
        return [i for i in chosen if i in quotable and (i not in asking or i in held)]

    def _openings(self, hits: Sequence[Hit]) -> set[int]:
        """The first sentence of each interview reply among `hits` (`Interview.replies`):
        a long reply's best window may begin after it (About three hundred.)."""
        paragraphs = [self.article.paragraph(h.passage) for h in hits]
        replies = self.interview.replies
        return {p.sentences[0].index for p in paragraphs if p.number in replies and p.sentences}

    def _read_in_context(
        self, query: Query, passage: int, key: dict[int, tuple[float, float]]
    ) -> None:
        """Let each candidate sentence of the best passage hold, besides its own words, those
        of the CONTEXT_SENTENCES sentences before it in its paragraph and of the section
        heading the paragraph stands under (`structure.sections`), a little below its own
        (CONTEXT_DISCOUNT of the question's share): 「その人口は二百五十万」 says デンマーク's
        population, named one sentence before, and lost to sentences of other passages that
        repeat both words. Only the best passage: it was ranked on all its words already (dev
        contains +17; for every passage, +11, with right paragraphs lost elsewhere)."""
        index = self.retriever.prepare()[1]
        words = [t for t in self.retriever.tokenize(query.judged) if not t.startswith("~")]
        if not words:
            return
        sentences = self.article.sentences
        heading = self.retriever.sections.get(passage)
        above: set[str] = set()
        if heading is not None:  # ## ベータ炊飯器, then 「炊飯に35分かかる」
            above.update(*(index.tfs[s.index] for s in self.article.paragraph(heading).sentences))
        for i in [i for i in key if sentences[i].paragraph == passage]:
            near: set[str] = set(index.tfs[i])
            for j in range(i - 1, max(i - 1 - CONTEXT_SENTENCES, -1), -1):
                if sentences[j].paragraph != passage:
                    break
                near.update(index.tfs[j])
            share = index.share(words, near | above)
            if share - CONTEXT_DISCOUNT > key[i][0]:
                # A sentence matched through its heading may answer, though it matches
                # nothing itself (■申請期間, then 「5月11日から12月25日まで」): its score, if
                # none, is the least of any.
                headed = share > index.share(words, near)
                key[i] = (share - CONTEXT_DISCOUNT, key[i][1] or (_BY_HEADING if headed else 0.0))

    def _read_with_question(self, words: str, key: dict[int, tuple[float, float]]) -> None:
        """In an interview, let each candidate sentence of an answer hold, besides its own
        words, those of the interviewer's question it answers, a little below its own
        (CONTEXT_DISCOUNT), and score at least as that question's best sentence:
        「ガラスの街づくりを進めていて…からです。」 answers ――富山を選んだ理由は。 with no
        word of it."""
        question_of = self.interview.question_of
        sentences = self.article.sentences
        asked = {i: q for i in key if (q := question_of.get(sentences[i].paragraph)) is not None}
        if not asked:
            return
        index = self.retriever.prepare()[1]
        tokens = [t for t in self.retriever.tokenize(words) if not t.startswith("~")]
        if not tokens:
            return
        for q in set(asked.values()):
            ids = [s.index for s in self.article.paragraph(q).sentences]
            held: set[str] = set().union(*(index.tfs[j] for j in ids))
            scored = self.retriever.judge_sentences(words, ids).values()
            bm25 = max(score for _, score in scored)
            for i in (i for i, x in asked.items() if x == q):
                carried = index.share(tokens, held.union(index.tfs[i])) - CONTEXT_DISCOUNT
                if carried > key[i][0]:
                    key[i] = (carried, max(key[i][1], bm25))

    def _turn_or_answer(
        self, candidates: Sequence[int], key: dict[int, tuple[float, float]], kind: str
    ) -> list[int]:
        """`candidates`, quoting a debater's turn that states and asks (`Interview.stating`)
        or the answer to it, not both: the turn's own sentences when one of them holds the
        question better than the answer read with the turn's words (How many trees will they
        plant? — They will plant 300 trees.), or holds the kind of thing asked for (a figure,
        `extract.kind_present`) that the answer does not (How much will the bridge cost? —
        The bridge will cost 9 million. Is that too much?); the answer otherwise (Will it
        open in time?)."""
        sentences = self.article.sentences
        paragraph_of = {i: sentences[i].paragraph for i in candidates}
        left_out: set[int] = set()
        for turn in self.interview.stating:
            answer = self.interview.answers[turn]
            own = [i for i, p in paragraph_of.items() if p == turn]
            replies = [i for i, p in paragraph_of.items() if p in answer]
            if not (own and replies):
                continue
            holds = {i: kind_present(sentences[i].text, kind) for i in own + replies}
            stated = max(key[i] for i in own) > max(key[i] for i in replies) or (
                any(holds[i] for i in own) and not any(holds[i] for i in replies)
            )
            left_out.update(replies if stated else own)
        return [i for i in candidates if i not in left_out]

    def _full_form_sentence(self, query: Query) -> int | None:
        """For a question asking a name's full form (国連の正式名称は？), the first quotable
        sentence that writes it (国際連合…), wherever it stands: the passages that match the
        question best repeat the short form instead."""
        if query.translated or not asks_full_name(query.question):
            return None
        terms = [
            term
            for compound in question_compounds(query.info.focus)
            for term in dict.fromkeys((compound.surface, *(p.surface for p in compound.parts)))
        ]
        if not terms:
            return None
        for s in self.article.sentences:
            if s.index in self.quotable:
                folded = loose_fold(s.text)
                if any(writes_full_form(term, folded) for term in terms):
                    return s.index
        return None

    def _runner_up(
        self, query: Query, hits: Sequence[Hit], chosen: list[int], words: str
    ) -> list[int]:
        """`chosen`, plus the best sentence of the second-ranked passage when it scores at
        least RUNNER_UP of the first and no sentence of its paragraph is quoted yet: another
        paragraph often says what is asked. When that sentence holds nothing of the kind
        asked for, the nearest one of its paragraph that does comes with it, as for the best
        (`choose`), and its context while the answer is shorter than FILL. Not a debater's
        turn and its answer, one of which is quoted (`_turn_or_answer`)."""
        if len(hits) < 2 or hits[1].score < RUNNER_UP * max(h.score for h in hits[:3]):
            return chosen
        second = hits[1]
        sentences = self.article.sentences
        exchange = self.interview.exchanges.get(second.passage, {second.passage})
        if any(sentences[i].paragraph in exchange for i in chosen):
            return chosen
        inside = [
            s.index
            for s in self.article.paragraph(second.passage).sentences
            if s.index in self.quotable and second.start <= s.start and s.end <= second.end
        ]
        if not inside:
            return chosen
        top = max(inside, key=self.retriever.judge_sentences(words, inside).__getitem__)
        fill = FILL - sum(len(sentences[i].text) for i in chosen)
        return sorted({*chosen, *choose(self.article, query.text, query.info, [top], fill=fill)})


# What a question is asked with besides its content (how many … get): no word the piece lacks.
_FRAME = EN_STOPWORDS | {"many", "much", "get", "gets", "got", "have", "has", "had"}


def _measures_of(word: str) -> tuple[str, ...]:
    """`thesaurus.measures` of an English word as written or stemmed (lives, costs)."""
    return tuple(dict.fromkeys((*measures(word), *measures(stem(word)))))
