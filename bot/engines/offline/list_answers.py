"""Answers quoting a list the question names by its topic (`piece_lists`): one item asked for by
its place (禁止行為の2番目は？), or the whole list (カゼノ FL-300の良い点は？)."""

from __future__ import annotations

from bot.core.answer import Citation
from bot.core.article import Article, Sentence
from bot.core.extract import has_figure
from bot.core.once import Once
from bot.core.retrieval import LexicalRetriever
from bot.core.tokenize import morph_tokens
from bot.engines.offline.announced import words_held
from bot.engines.offline.factors import FactorList
from bot.engines.offline.list_questions import (
    asks_for_every_item,
    asks_for_one_item,
    topic_words,
)
from bot.engines.offline.piece_lists import (
    PieceList,
    find_lists,
    first_items,
    item_named,
    list_named,
)
from bot.engines.offline.summary import Analysis
from bot.engines.offline.tables import rows_answering

Quoted = tuple[str, tuple[Citation, ...]]


class NamedLists:
    """The piece's lists, found on first need, and the quotes answering for one of them."""

    def __init__(self, article: Article, analysis: Analysis, retriever: LexicalRetriever) -> None:
        self.article = article
        self.analysis = analysis
        self.retriever = retriever  # its sections, worked out once for the piece
        self._lists: Once[tuple[PieceList, ...]] = Once()

    @property
    def lists(self) -> tuple[PieceList, ...]:
        return self._lists.get(lambda: find_lists(self.article))

    def item(self, question: str, factors: FactorList) -> Quoted | None:
        """The item a question asks for by its place in a list it names, quoted whole (its
        paragraph); an item too short to quote alone (（2）喫煙) is given after the sentence
        that hands over to its list, quoted, and is not cited itself (no quote that short
        supports anything). None for the list `factors` gives (its items are asked for as
        factors are), or for a short item with nothing quotable to stand with."""
        if not asks_for_one_item(question):
            return None  # the piece's lists are not looked for
        found = item_named(question, self.lists)
        if found is None or _is_the_factor_list(found[0], factors):
            return None
        lst, n = found
        item = lst.items[n - 1]
        own = self._quotable(self.article.paragraph(item.paragraph).sentences)
        if own:
            return self.analysis.compose(own)
        return self._with_uncited(lst.announcement, [item])

    def whole(self, question: str) -> Quoted | None:
        """A list a question names by its lead's words alone (館内で禁止されていることは？):
        the sentence handing over to it, and its items' first sentences. A table's header
        row names its columns: its rows are a list named only when all of them are asked
        for (セグメントを全部教えて, not 前年同期の売上高は？)."""
        every = asks_for_every_item(question)
        # All of a list asked for, of the piece's subject (医療費控除の対象を全部教えて)
        title = frozenset(morph_tokens(self.article.meta.title or "")) if every else frozenset()
        lst = list_named(question, self.lists, title)
        if lst is not None and lst.table and not every:
            # A table's header names its columns: the rows a yes / no column picks
            # (テンプレート機能があるのは？), or no list at all (前年同期の売上高は？).
            header = lst.announcement
            picked = rows_answering(question, header, lst.items) if header is not None else []
            if picked:
                return self._with_uncited(header, picked)
            lst = list_named(question, [x for x in self.lists if not x.table])
        if lst is None or (not every and _lacks_the_figure(question, lst)):
            return None
        return self._with_uncited(lst.announcement, list(first_items(lst)))

    def with_every_item(self, question: str, picked: list[int]) -> list[int]:
        """`picked`, and for a question asking for all of a list's items (雨の日の手順は？,
        what are the steps to set up the pump?), the quotable first sentences of every item
        of each list one of whose items `picked` quotes and whose lead (■ 雨が降ってきたら,
        Step 2: Set up the pump) writes a word of the question: a list whose items are
        paragraphs of their own is found one item at a time, the best matching step of five.
        (Not the steps of a 使い方 for 色を全部教えて, which one step names.)"""
        if not asks_for_every_item(question):
            return picked
        chosen = set(picked)
        words = topic_words(question)
        by_paragraph = {s.paragraph: lst for lst in self.lists for s in lst.items}
        quoted = {self.article.sentences[i].paragraph for i in picked}
        for number in sorted(quoted & by_paragraph.keys()):
            lst = by_paragraph[number]
            if any(words_held(words, lst.lead, lst.terms)):
                chosen.update(self._quotable(first_items(lst)))
        return sorted(chosen)

    def _with_uncited(self, announcement: Sentence | None, items: list[Sentence]) -> Quoted | None:
        """The announcement and the items quoted, each on its line, in reading order; an item
        too short to quote written as the piece writes it, with no ¶ marker. None if nothing
        of it may be quoted."""
        lines: list[str] = []
        cites: list[Citation] = []
        for s in [announcement, *items] if announcement is not None else items:
            if self._quotable([s]):
                text, cited = self.analysis.compose([s.index])
                lines.append(text)
                cites.extend(cited)
            else:
                lines.append(s.text.strip())
        return ("\n".join(lines), tuple(cites)) if cites else None

    def _quotable(self, sentences: tuple[Sentence, ...] | list[Sentence]) -> list[int]:
        return [s.index for s in sentences if s.index in self.analysis.quotable]


def _lacks_the_figure(question: str, lst: PieceList) -> bool:
    """Whether a question asks for a figure (工事費はいくら？, 何人？) that no line of the list
    gives: the list its words name (◆主な工事の内容) is what it is about, not its answer."""
    lines = [s.text for s in (lst.announcement, *lst.items) if s is not None]
    return has_figure("", question) is not None and not any(has_figure(t, question) for t in lines)


def _is_the_factor_list(lst: PieceList, factors: FactorList) -> bool:
    """Whether a list is the one `factors` gives (its first item opens the same paragraph)."""
    return bool(factors.factors) and factors.factors[0].marker.paragraph == lst.items[0].paragraph
