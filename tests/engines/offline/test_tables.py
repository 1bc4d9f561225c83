"""The row a search finds, quoted though its own words are few."""

from __future__ import annotations

from bot.core.article import parse_article
from bot.engines.offline.engine import OfflineEngine
from bot.engines.offline.tables import with_best_row

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
