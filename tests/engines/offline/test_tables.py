"""The row a search finds, quoted though its own words are few."""

from __future__ import annotations

from bot.core.article import parse_article
from bot.engines.offline.engine import OfflineEngine
from bot.engines.offline.tables import read_with_header, with_best_row

SHOPS = (
    "---\ntitle: 駅前のパン屋\n---\n"
    "駅前の二店で、朝の様子を見た。\n\n"
    "店名 | 席数 | 開店時刻 | 定休日\n\n"
    "こむぎ堂 | 12席 | 7時 | 水曜\n\n"
    "麦の家 | 20席 | 6時半 | なし\n"
)


def test_the_best_passage_if_a_row_is_quoted_with_the_picked_sentences() -> None:
    engine = OfflineEngine(parse_article(SHOPS))
    retriever = engine.retriever
    assert retriever.table_headers == {3: 2, 4: 2}
    question = "麦の家の開店時刻は何時？"
    hits = engine.asker.search(engine.asker.query(question))
    assert hits[0].passage == 4  # with its header's words, which its sentence lacks
    row = engine.article.paragraph(4).sentences[0].index
    assert with_best_row(retriever, hits, [0], question) == [0, row]
    # Not for a question naming only a column: every row ties on the header's words.
    assert with_best_row(retriever, hits, [0], "開店時刻は？") == [0]
    # Not when the best passage is prose.
    prose = engine.asker.search(engine.asker.query("朝の様子を見たのはどこ？"))
    assert prose[0].passage == 1
    assert with_best_row(retriever, prose, [0], "朝の様子を見たのはどこ？") == [0]


TICKETS = (
    "---\ntitle: リフト券のご案内\n---\n"
    "券種 | 大人 | 小学生\n\n"
    "1日券 | 6,300円 | 3,400円\n\n"
    "午後券 | 5,000円 | 2,700円\n\n"
    "年末年始は、1日券が大人500円高くなります。\n\n"
    "家族割引：大人の1日券を2枚買うと、小学生の1日券が1,000円になります。\n"
)


def test_a_row_is_read_with_its_header_s_words_when_sentences_are_chosen() -> None:
    """大人 is only in the header: the row answers with it, over running text that repeats
    both words and gives other prices."""
    engine = OfflineEngine(parse_article(TICKETS))
    answer = engine.asker.sentences(
        query := engine.asker.query("大人の1日券っていくら？"), engine.asker.search(query)
    )
    rows = {engine.article.sentences[i].paragraph for i in answer}
    assert 2 in rows
    # A row naming nothing asked is not read so: every row holds the header's words.
    key = {engine.article.paragraph(3).sentences[0].index: (0.0, 0.0)}
    read_with_header(engine.retriever, "大人の1日券っていくら？", key, 0.05)
    assert key == {engine.article.paragraph(3).sentences[0].index: (0.0, 0.0)}
