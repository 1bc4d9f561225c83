"""English questions, Japanese piece: a bilingual term lexicon (placeholder until built)."""

from __future__ import annotations

from bot.core.article import Article


def to_japanese_query(question: str, article: Article) -> str:
    return question
