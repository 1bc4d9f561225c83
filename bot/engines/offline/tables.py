"""A table's rows in answers: the row the search found, quoted though its own words are few.

A row (麦の家 | 20席 | 6時半) is searched with its header row's words (`LexicalRetriever`
reads them with it), which a question for one of its cells names (開店時刻); its own
sentence holds none of them, so sentences chosen by the question's words pass it over.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.retrieval import Hit, LexicalRetriever
from bot.core.tokenize import morph_tokens


def with_best_row(
    retriever: LexicalRetriever, hits: Sequence[Hit], picked: list[int], question: str
) -> list[int]:
    """`picked`, and the row that is the best passage (`hits[0]`), if it is a table's row
    (`LexicalRetriever.table_headers`) whose own cells write one of the `question`'s words
    (麦の家; not a row that only ties with the others of its table on the header's words,
    for a question naming only a column)."""
    if not hits or hits[0].passage not in retriever.table_headers:
        return picked
    row = retriever.article.paragraph(hits[0].passage).sentences[0]
    cells = row.text.casefold()
    if not any(w.casefold() in cells for w in morph_tokens(question)):
        return picked
    return sorted({*picked, row.index})
