"""Key terms for /quote's autocomplete: from the piece's own words, for any piece."""

from __future__ import annotations

from pathlib import Path

from bot.core.article import Article, parse_article
from bot.core.keyterms import MAX_TERM_CHARS, key_terms, matching


def test_every_piece_has_key_terms_taken_verbatim_from_it(any_article: Article) -> None:
    terms = key_terms(any_article)
    assert 10 <= len(terms) <= 100
    assert len(set(terms)) == len(terms)
    for term in terms:
        assert term in any_article.text, term
        assert 2 <= len(term) <= MAX_TERM_CHARS


def test_terms_that_recur_rank_above_one_offs(article: Article) -> None:
    terms = key_terms(article)
    top = terms[:10]
    paragraphs = [p.text for p in article.paragraphs]
    spread = [sum(term in p for p in paragraphs) for term in top]
    assert min(spread) >= 2  # a topic, not a word used once


def test_english_pieces_get_phrases_too() -> None:
    text = "\n".join(
        [
            "Sanctions Policy Review",
            "",
            "The sanctions regime failed to stop the missile programme.",
            "Critics of the sanctions regime say the missile programme grew anyway.",
            "The missile programme is the main concern of the sanctions regime.",
            "Diplomacy was tried and then abandoned.",
        ]
    )
    article = parse_article(text, path=Path("review.txt"))
    terms = key_terms(article)
    assert "sanctions regime" in [t.lower() for t in terms]
    assert "missile programme" in [t.lower() for t in terms]
    assert not {"the", "and", "was"} & {t.lower() for t in terms}


def test_matching_puts_prefixes_first_and_limits() -> None:
    terms = ["経済制裁", "制裁", "制裁体制", "外交", "対北朝鮮制裁"]
    assert matching(terms, "制裁") == ["制裁", "制裁体制", "経済制裁", "対北朝鮮制裁"]
    assert matching(terms, "") == terms
    assert matching(terms, "ＳＡＮＣ") == []  # width and case are folded, nothing matches
    assert matching(["Sanctions"], "ｓａｎｃ") == ["Sanctions"]
    assert len(matching([f"t{i}" for i in range(40)], "t")) == 25
