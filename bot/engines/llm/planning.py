"""What of the piece a model call can read: all of it if it fits, else contiguous parts, each
cut to its most central paragraphs (for the map step of a long piece's digest)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from bot.core.article import Article, Paragraph
from bot.core.centrality import Vector, cosine, tfidf_vectors
from bot.core.tokenize import bigram_tokens
from bot.engines.llm.context import Excerpt, Part
from bot.engines.llm.tokens import estimate_tokens

MAX_PARTS = 40  # map calls for a piece's first digest, at most
# Estimated input tokens of all map calls together, their instructions included, at most:
# the estimate bounds the real count, so this holds for any tokenizer.
BUILD_TOKENS = 230_000
PASSAGE_TAG_TOKENS = 8  # <passage id="N"></passage> around each excerpt
PART_TAG_TOKENS = 16  # <part …><note></note></part> around each part


def excerpt_tokens(excerpt: Excerpt) -> int:
    return estimate_tokens(excerpt.text) + PASSAGE_TAG_TOKENS


def part_tokens(part: Part) -> int:
    notes = estimate_tokens(part.note) + PART_TAG_TOKENS if part.note else 0
    return notes + sum(excerpt_tokens(e) for e in part.excerpts)


def whole(paragraphs: Iterable[Paragraph]) -> list[Excerpt]:
    return [Excerpt(p.number, p.start, p.end, p.text) for p in paragraphs]


def fits(excerpts: Sequence[Excerpt], tokens: int, chars: int | None) -> bool:
    """Whether `excerpts` fit `tokens` (and `chars`, when a character cap is set)."""
    if chars is not None and sum(len(e.text) for e in excerpts) > chars:
        return False
    return sum(excerpt_tokens(e) for e in excerpts) <= tokens


def plan_parts(
    article: Article, tokens: int, *, overhead: int, chars: int | None = None
) -> list[Part]:
    """The piece as contiguous parts for separate calls that may each send `tokens` of piece
    text (plus `overhead` of instructions): as many parts as the piece needs, at most
    MAX_PARTS and BUILD_TOKENS in all; a part that does not fit keeps its central paragraphs.
    """
    paragraphs = article.paragraphs
    sizes = [excerpt_tokens(e) for e in whole(paragraphs)]
    count = min(MAX_PARTS, max(1, math.ceil(sum(sizes) / max(1, tokens))))
    per_part = min(tokens, BUILD_TOKENS // count - overhead)
    parts = []
    for first, last in _sections(sizes, count):
        section = paragraphs[first : last + 1]
        excerpts = central(article, section, per_part, chars)
        parts.append(Part(section[0].number, section[-1].number, tuple(excerpts)))
    return parts


def _sections(sizes: Sequence[int], count: int) -> list[tuple[int, int]]:
    """`count` runs of consecutive indices with about equal total size (index ranges, inclusive)."""
    total = sum(sizes)
    bounds: list[tuple[int, int]] = []
    start = 0
    seen = 0
    for i, size in enumerate(sizes):
        seen += size
        left = len(sizes) - i - 1
        wanted = len(bounds) + 1
        if wanted < count and left >= count - wanted and seen >= total * wanted / count:
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(sizes) - 1))
    return bounds


def central(
    article: Article, paragraphs: Sequence[Paragraph], tokens: int, chars: int | None
) -> list[Excerpt]:
    """The paragraphs whole if they fit; else the most central ones that fit, in reading order.

    Centrality is similarity to the section's centroid (TF-IDF over character bigrams): one
    pass over the text, where pairwise similarity would grow with the square of its length.
    A paragraph too long on its own is cut to its leading sentences.
    """
    excerpts = whole(paragraphs)
    if fits(excerpts, tokens, chars):
        return excerpts
    vectors = tfidf_vectors([p.text for p in paragraphs], bigram_tokens)
    centroid = _centroid(vectors)
    order = sorted(range(len(paragraphs)), key=lambda i: -cosine(vectors[i], centroid))
    chosen: dict[int, Excerpt] = {}
    used_tokens = used_chars = 0
    for i in order:
        excerpt = _leading(article, paragraphs[i], tokens - used_tokens)
        if excerpt is None:
            continue
        if chars is not None and used_chars + len(excerpt.text) > chars:
            continue
        chosen[i] = excerpt
        used_tokens += excerpt_tokens(excerpt)
        used_chars += len(excerpt.text)
    return [chosen[i] for i in sorted(chosen)]


def _centroid(vectors: Sequence[Vector]) -> Vector:
    total: Vector = {}
    for v in vectors:
        for term, x in v.items():
            total[term] = total.get(term, 0.0) + x
    norm = math.sqrt(sum(x * x for x in total.values())) or 1.0
    return {t: x / norm for t, x in total.items()}


def _leading(article: Article, paragraph: Paragraph, tokens: int) -> Excerpt | None:
    """The paragraph, or as many of its first sentences as fit `tokens`; None if none fits."""
    excerpt = Excerpt(paragraph.number, paragraph.start, paragraph.end, paragraph.text)
    if excerpt_tokens(excerpt) <= tokens:
        return excerpt
    end = None
    used = PASSAGE_TAG_TOKENS
    for sentence in paragraph.sentences:
        used += estimate_tokens(article.text[end or paragraph.start : sentence.end])
        if used > tokens:
            break
        end = sentence.end
    if end is None:
        return None
    return Excerpt(paragraph.number, paragraph.start, end, article.text[paragraph.start : end])
