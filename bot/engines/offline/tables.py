"""A table's rows in answers: the row the search found, quoted though its own words are few.

A row (麦の家 | 20席 | 6時半) is searched with its header row's words (`LexicalRetriever`
reads them with it), which a question for one of its cells names (開店時刻); its own
sentence holds none of them, so sentences chosen by the question's words pass it over.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.core.article import Article
from bot.core.retrieval import Hit


def with_best_row(
    article: Article, tables: Mapping[int, int], hits: Sequence[Hit], picked: list[int]
) -> list[int]:
    """`picked`, and the row that is the best passage (`hits[0]`), if it is a table's row
    (`tables`: each row's header row, `structure.table_headers`)."""
    if not hits or hits[0].passage not in tables:
        return picked
    row = article.paragraph(hits[0].passage).sentences[0].index
    return sorted({*picked, row})
