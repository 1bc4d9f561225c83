"""The row a search finds, quoted though its own words are few."""

from __future__ import annotations

from bot.core.article import parse_article
from bot.engines.offline.engine import OfflineEngine
from bot.engines.offline.tables import with_best_row

PAPER = (
    "---\ntitle: 通学路の木陰と暑さ\n---\n"
    "3校で、児童の下校時の暑さを測った。\n\n"
    "学校 | 木陰率 | 平均下校時間 | 平均WBGT\n\n"
    "緑ヶ丘小 | 58% | 17分 | 28.4℃\n\n"
    "旧市場小 | 15% | 19分 | 30.5℃\n"
)


def test_the_best_passage_if_a_row_is_quoted_with_the_picked_sentences() -> None:
    engine = OfflineEngine(parse_article(PAPER))
    tables = engine.retriever.table_headers
    assert tables == {3: 2, 4: 2}
    query = engine.asker.query("旧市場小の平均下校時間は何分？")
    hits = engine.asker.search(query)
    assert hits[0].passage == 4  # with its header's words, which its sentence lacks
    row = engine.article.paragraph(4).sentences[0].index
    assert with_best_row(engine.article, tables, hits, [0]) == [0, row]
    # Not when the best passage is prose.
    prose = engine.asker.search(engine.asker.query("児童の何を測った？"))
    assert with_best_row(engine.article, tables, prose, [0]) == [0]
