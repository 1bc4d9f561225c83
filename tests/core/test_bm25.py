"""BM25: a document read in the context of words not its own."""

from __future__ import annotations

from bot.core.bm25 import BM25


def test_bm25_reads_a_document_in_its_context_at_a_reduced_weight() -> None:
    docs = [["kettle", "boils"], ["boils", "slowly"], ["kettle"], ["lamp"]]
    heading = ["kettle"]
    index = BM25(docs, context=[None, heading, None, None])
    plain = BM25(docs)
    # The context's words are not the document's own: IDF and lengths do not change.
    assert index.idf == plain.idf and index.lens == plain.lens
    score = index.scores(["kettle"])
    assert score[0] > score[1] > 0 == score[3]
    assert plain.scores(["kettle"])[1] == 0
    # A word the document writes itself counts as it does, not more.
    again = BM25(docs, context=[heading, None, None, None])
    assert again.scores(["kettle"]) == plain.scores(["kettle"])

