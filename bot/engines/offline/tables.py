"""A table's rows in answers: the row the search found, quoted though its own words are few;
and the rows a question picks by a column of yes / no cells.

A row (麦の家 | 20席 | 6時半) is searched with its header row's words (`LexicalRetriever`
reads them with it), which a question for one of its cells names (開店時刻); its own
sentence holds none of them, so sentences chosen by the question's words pass it over.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.article import Sentence
from bot.core.retrieval import Hit, LexicalRetriever
from bot.core.structure import CELL
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


def read_with_header(
    retriever: LexicalRetriever, question: str, key: dict[int, tuple[float, float]], discount: float
) -> None:
    """Let each candidate sentence (`key`: its (coverage, BM25) for the `question`) that is a
    table's row hold, besides its own cells, the words of its header row, `discount` below
    its own: 「1日券 | 6,300円 | 5,200円」 answers 大人の1日券は？ under 「券種 | 大人 | シニア」,
    and lost to running text that repeats both words. Only a row whose own cells match the
    question: the others of its table hold the header's words alike."""
    headers = retriever.table_headers
    sentences = retriever.article.sentences
    rows = {i: h for i in key if (h := headers.get(sentences[i].paragraph)) is not None}
    words = [t for t in retriever.tokenize(question) if not t.startswith("~")]
    if not rows or not words:
        return
    index = retriever.prepare()[1]
    for i, header in rows.items():
        if not key[i][0]:
            continue  # a row naming nothing asked: every row of its table holds the header
        above = (index.tfs[s.index] for s in retriever.article.paragraph(header).sentences)
        share = index.share(words, set(index.tfs[i]).union(*above)) - discount
        if share > key[i][0]:
            key[i] = (share, key[i][1])


# A cell saying a row has or lacks what its column names (あり / なし, ○ / ×, Yes / No).
_HAS = re.compile(r"(?:あり|有り|有|○|◯|●|✓|✔|可|対応|yes\b)", re.I)
_LACKS = re.compile(r"(?:なし|無し|無|×|✕|✗|不可|非対応|未対応|no\b|none\b|[—-]$)", re.I)
# A question asking which rows lack what the column names (対応してないのは？, doesn't…).
_ASKS_LACKING = re.compile(
    r"ない|無い|なし|無し|非対応|未対応|でき(?:ない|ません)|n't\b|\bnot\b|\bwithout\b"
)


def rows_answering(question: str, header: Sentence, rows: Sequence[Sentence]) -> list[Sentence]:
    """The rows of a table (its `header` row, its `rows`) whose cell in the column the
    question names says yes, or no when the question asks which lack it (テンプレート機能が
    あるのは？ → the rows with あり under テンプレート機能; Windowsに対応してないのは？ → なし
    under Windows 対応); [] when the question names no such column of yes / no cells."""
    columns = header.text.split(CELL)
    asked = set(morph_tokens(question.casefold()))
    # Which column: the one whose name shares most words with the question (not the first,
    # which names the rows themselves: ツール).
    shared = [len(asked & set(morph_tokens(c.casefold()))) for c in columns]
    col = max(range(1, len(columns)), key=shared.__getitem__, default=0)
    if not col or not shared[col]:
        return []
    wanted = _LACKS if _ASKS_LACKING.search(question) else _HAS
    cells = [(row, row.text.split(CELL)) for row in rows]
    said = [(row, c[col].strip()) for row, c in cells if len(c) > col]
    if not any(_HAS.match(v) or _LACKS.match(v) for _, v in said):
        return []  # a column of figures or names: no yes / no to filter by
    return [row for row, value in said if wanted.match(value)]
