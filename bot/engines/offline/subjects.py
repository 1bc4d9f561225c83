"""The lines that say which thing an answer is about, quoted before sentences that do not.

Japanese leaves out a subject its reader knows from where the sentence stands: 「リスボン、ポルト、
ファロが主な国際空港である」 in a piece titled ポルトガル, 「価格は3機種で最も安く…」 under
## ミニモ Q2, 「２　貸出期間は、15日以内とする。」 under 第7条（貸出しの点数及び期間）. Quoted
alone, such a sentence does not say which thing it is about; the line that names it (the title,
the section's heading) is quoted with it, as a citation of its own, unless the question or the
quoted sentences already name that thing. So is an entry's first sentence, which names it
before a colon (北公民館（北町3丁目）：指定避難所。…), for a later sentence of the entry
quoted alone (2階の和室も開放します。): without it, that sentence reads as the entry's quoted
before it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence

from bot.core.answer import Citation
from bot.core.article import Article
from bot.core.extract import RESTATED, novelty
from bot.core.header import HEADER_PASSAGE, HeaderField
from bot.core.heading_names import heading_names
from bot.core.normalize import loose_fold
from bot.core.once import Once
from bot.core.retrieval import LexicalRetriever
from bot.core.schedule import day_only
from bot.core.scripts import KANA, KANJI
from bot.core.structure import cells
from bot.engines.offline.query import Query

# Kinds of question whose answer can be the unnamed subject of a sentence they restate.
_THING_KINDS = frozenset({"other", "term", "place", "person"})
# What an entry names before its colon, an address or a reading in brackets after it, after
# a list's bullet if any (• 東小学校（東町2丁目）：…). It opens with a letter (not a time,
# 10:30　金沢駅に到着。) and is Japanese: in English prose a colon opens an explanation (The
# rule is simple: feed it every day.).
_LABEL = re.compile(
    rf"\s*(?:[・•]\s*)?([^\W\d_](?=[^：:。、]{{0,29}}?[{KANJI}{KANA}])[^：:。、]{{0,29}}?)"
    r"\s*(?:[（(][^）)]{0,40}[）)])?\s*[：:](?!//)\s*[^\s。．.]"
)


class Subjects:
    """For one piece: its title line, its section headings, its tables' header rows and its
    entries' names, as subjects of what is quoted."""

    def __init__(
        self,
        article: Article,
        fields: Mapping[str, HeaderField],
        retriever: LexicalRetriever,
        transcript: bool = False,
    ) -> None:
        self.article = article
        self.transcript = transcript  # speakers' turns, labelled 司会：, 講師：
        self.fields = fields
        self.retriever = retriever  # its `sections`: the heading each paragraph stands under
        self._title_written: Once[bool] = Once()

    def _title_is_written(self) -> bool:
        """Whether the title names what the piece is about, which the piece then writes in
        its text (ポルトガル, 日本共産党, in 52 and 65 paragraphs of theirs); not when it names the
        piece itself (天災と国防, デンマルク国の話, "How Harwick Got Its Library": none of their
        paragraphs writes it), which answers nothing the piece says."""
        title = self.fields.get("title")
        if title is None:
            return False
        folded = loose_fold(title.text)
        if "\0" in folded:
            return any(folded in loose_fold(p.text) for p in self.article.paragraphs)
        # Folded at once, a NUL between paragraphs: nothing folds with it or across it, and no
        # match spans it (150,000 paragraphs took 0.3 s to fold one by one).
        return folded in loose_fold("\0".join(p.text for p in self.article.paragraphs))

    def title_for(self, query: Query, picked: Sequence[int]) -> Citation | None:
        """The title line (¶0) when the answer's subject is the piece's own, unnamed.

        Every sentence of the piece is about its subject, so the title is quoted only for a
        question that asks which thing such a sentence is said of (…を持つ国は？, …したのは
        誰？), or that restates one of the quoted sentences and asks for a thing.
        """
        title = self.fields.get("title")
        info = query.info
        if title is None or not picked or info.about_named:
            return None
        if not self._title_written.get(self._title_is_written):
            return None
        texts = [self.article.sentences[i].text for i in picked]
        restated = info.kind in _THING_KINDS and any(
            novelty(text, query.text) <= 1 - RESTATED for text in texts
        )
        if not (info.asks_subject or restated) or _named((title.text,), query.question, texts):
            return None
        return Citation(HEADER_PASSAGE, title.text, title.start, title.end)

    def naming(self, query: Query, picked: Sequence[int], quotable: Collection[int]) -> list[int]:
        """The sentences that name what the `picked` ones are about and do not say:
        `headings_for`, `header_rows_for` and `labels_for`."""
        return [
            *self.headings_for(query, picked),
            *self.header_rows_for(picked),
            *self.labels_for(query, picked, quotable),
        ]

    def header_rows_for(self, picked: Sequence[int]) -> list[int]:
        """The header row of each table a quoted row belongs to (こむぎ堂 | 12席 | 7時 says
        which column only under 店名 | 席数 | 開店時刻), unless quoted already; only one
        with as many cells as the row (a row's empty cells are not stored: its cells would be
        read under the wrong columns). A header row is cited whole, at any length
        (`Grounder.cite`)."""
        sentences, tables = self.article.sentences, self.retriever.table_headers
        lines: list[int] = []
        for i in picked:
            header = tables.get(sentences[i].paragraph)
            if header is None:
                continue
            line = self.article.paragraph(header).sentences[0]
            row = sentences[i].text
            if cells(line.text) == cells(row):
                lines.append(line.index)
        return [i for i in dict.fromkeys(lines) if i not in picked]

    def headings_for(self, query: Query, picked: Sequence[int]) -> list[int]:
        """The sentences of each section heading a quoted sentence stands under that names a
        particular thing (`structure.heading_names`: a product, a numbered article, a place),
        or is a day and nothing else (a diary's entry: `schedule.day_only`), which neither
        the question nor the quoted sentences of its section write: they are about it,
        whatever the question asks. Not a heading already quoted. (A heading quoted
        whole supports its section at any length: `Grounder.cite`.)"""
        sentences = self.article.sentences
        under = self.retriever.sections
        quoted: dict[int, list[str]] = {}
        for i in picked:
            heading = under.get(sentences[i].paragraph)
            if heading is not None:
                quoted.setdefault(heading, []).append(sentences[i].text)
        lines: list[int] = []
        for heading, texts in quoted.items():
            line = self.article.paragraph(heading).sentences
            if any(s.index in picked for s in line):
                continue
            text = self.article.paragraph(heading).text
            # A diary's or a log's day (3月30日（日）) says when its entry's sentences happened.
            names = heading_names(text) or ((text.strip(),) if day_only(text) else ())
            if names and not _named(names, query.question, texts):
                lines += [s.index for s in line]
        return lines

    def labels_for(
        self, query: Query, picked: Sequence[int], quotable: Collection[int]
    ) -> list[int]:
        """The first sentence of each entry (a paragraph that names its thing before a colon)
        one of whose later sentences is quoted and its first not, unless the question or the
        quoted sentences of the entry name that thing; only a `quotable` one (出典:。 is not)."""
        if self.transcript:
            return []  # 司会：…, 講師：…: a speaker's turn, not an entry
        sentences = self.article.sentences
        quoted: dict[int, list[str]] = {}
        for i in picked:
            if _LABEL.match(sentences[i].text) is None:  # 内容量：12包。 is an entry of its own
                quoted.setdefault(sentences[i].paragraph, []).append(sentences[i].text)
        lines: list[int] = []
        for number, texts in quoted.items():
            first = self.article.paragraph(number).sentences[0]
            label = _LABEL.match(first.text)
            if first.index in picked or first.index not in quotable or label is None:
                continue
            if not _named((label.group(1),), query.question, texts):
                lines.append(first.index)
        return lines


def _named(names: Iterable[str], question: str, texts: Sequence[str]) -> bool:
    """Whether the question or one of the quoted sentences writes one of `names` (loosely)."""
    written = [loose_fold(t) for t in (question, *texts)]
    return any(loose_fold(name) in w for name in names for w in written)
