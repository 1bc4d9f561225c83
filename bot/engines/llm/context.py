"""Build the model's messages: stable prefix first (rules, piece material), the question last."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.core.answer import Turn
from bot.core.article import Article, Paragraph
from bot.core.centrality import lexrank, tfidf_vectors
from bot.core.language import language_name
from bot.core.retrieval import Hit
from bot.core.tokenize import bigram_tokens
from bot.engines.llm.prompts import PromptSet

Message = dict[str, str]

HISTORY_TURNS = 3  # older turns rarely change what a follow-up means, and they cost tokens
HISTORY_ANSWER_CHARS = 300
WHOLE_PARAGRAPH_CHARS = 600  # longer paragraphs are sent as their best-matching window
# Reader text that imitates our delimiters is defused so it cannot close a block early.
_TAG = re.compile(r"<\s*/?\s*(?:question|history|passages?)\b[^>]*>", re.I)


@dataclass(frozen=True, slots=True)
class Excerpt:
    """Text of the piece shown to the model under passage id `passage`."""

    passage: int
    start: int
    end: int
    text: str


def defuse(text: str) -> str:
    """Neutralise anything in `text` that looks like one of our block tags."""
    return _TAG.sub(lambda m: m.group().replace("<", "‹").replace(">", "›"), text)


def piece_meta(article: Article) -> str:
    m = article.meta
    lines = [f"Title: {m.title}" + (" (taken from its first sentence)" if m.title_derived else "")]
    for label, value in (("Author", m.author), ("Source", m.source), ("Date", m.date)):
        if value:
            lines.append(f"{label}: {value}")
    lines.append(f"Language: {language_name(m.language, default=m.language)}")
    lines.append(f"Passages: ¶1–¶{len(article.paragraphs)}")
    return "\n".join(lines)


def passages_block(excerpts: Iterable[Excerpt]) -> str:
    body = "\n".join(f'<passage id="{e.passage}">{defuse(e.text)}</passage>' for e in excerpts)
    return f"<passages>\n{body}\n</passages>"


def history_block(history: Sequence[Turn]) -> str:
    turns = list(history)[-HISTORY_TURNS:]
    if not turns:
        return ""
    lines = []
    for t in turns:
        answer = (
            t.answer
            if len(t.answer) <= HISTORY_ANSWER_CHARS
            else t.answer[:HISTORY_ANSWER_CHARS] + "…"
        )
        lines.append(f"Q: {defuse(t.question)}\nA: {defuse(answer)}")
    return "<history>\n" + "\n\n".join(lines) + "\n</history>"


def question_block(question: str) -> str:
    return f"<question>\n{defuse(question)}\n</question>"


# ---------------------------------------------------------------- choosing the material


def whole(paragraphs: Iterable[Paragraph]) -> list[Excerpt]:
    return [Excerpt(p.number, p.start, p.end, p.text) for p in paragraphs]


@lru_cache(maxsize=8)
def _paragraph_centrality(article: Article) -> tuple[float, ...]:
    vectors = tfidf_vectors([p.text for p in article.paragraphs], bigram_tokens)
    return tuple(lexrank(vectors))


def piece_excerpts(article: Article, budget_chars: int) -> list[Excerpt]:
    """The whole piece if it fits the budget; else its most central paragraphs, in order.

    The first and last paragraphs are kept: they usually state the subject and the conclusion.
    """
    paragraphs = article.paragraphs
    if sum(len(p.text) for p in paragraphs) <= budget_chars:
        return whole(paragraphs)
    rank = _paragraph_centrality(article)
    order = sorted(range(len(paragraphs)), key=lambda i: -rank[i])
    chosen: set[int] = set()
    used = 0
    for i in [0, len(paragraphs) - 1, *order]:
        size = len(paragraphs[i].text)
        if i in chosen or used + size > budget_chars:
            continue
        chosen.add(i)
        used += size
    return whole(paragraphs[i] for i in sorted(chosen))


def ask_excerpts(
    article: Article,
    hits: Sequence[Hit],
    history: Sequence[Turn],
    *,
    count: int,
    budget_chars: int,
) -> list[Excerpt]:
    """Passages for one question: retrieved ones, then the previous answer's, within budget.

    Short paragraphs go whole (quotes then read naturally); long ones as the matching window.
    With nothing retrieved, the opening paragraphs let the model say what the piece is about.
    """
    picked: dict[int, Excerpt] = {}
    used = 0

    def add(number: int, hit: Hit | None) -> None:
        nonlocal used
        if number in picked or len(picked) >= count:
            return
        p = article.paragraph(number)
        if len(p.text) <= WHOLE_PARAGRAPH_CHARS or hit is None:
            excerpt = Excerpt(p.number, p.start, p.end, p.text)
            if len(p.text) > WHOLE_PARAGRAPH_CHARS:
                first = p.sentences[: max(1, len(p.sentences) // 2)]
                excerpt = Excerpt(
                    p.number, p.start, first[-1].end, article.text[p.start : first[-1].end]
                )
        else:
            excerpt = Excerpt(p.number, hit.start, hit.end, hit.text)
        if picked and used + len(excerpt.text) > budget_chars:
            return
        picked[number] = excerpt
        used += len(excerpt.text)

    for hit in hits:
        add(hit.passage, hit)
    if history:
        for number in history[-1].passages[:2]:
            if 1 <= number <= len(article.paragraphs):
                add(number, None)
    if not picked:
        for p in article.paragraphs[:2]:
            add(p.number, None)
    return [picked[n] for n in sorted(picked)]


# ---------------------------------------------------------------- messages


def system_message(
    prompts: PromptSet, article: Article, excerpts: Sequence[Excerpt] = ()
) -> Message:
    """Rules, what the piece is, and (for piece-level commands) the piece itself.

    Identical for every request of the same kind: the provider's prompt cache serves it.
    """
    parts = [prompts["system"].text, "The piece:\n" + piece_meta(article)]
    if excerpts:
        parts.append(passages_block(excerpts))
    return {"role": "system", "content": "\n\n".join(parts)}


def piece_messages(
    prompts: PromptSet, article: Article, excerpts: Sequence[Excerpt], task: str
) -> list[Message]:
    """Summary, factors, factor, quotes: the piece in the stable prefix, the task after it."""
    return [system_message(prompts, article, excerpts), {"role": "user", "content": task}]


def ask_messages(
    prompts: PromptSet,
    article: Article,
    excerpts: Sequence[Excerpt],
    question: str,
    history: Sequence[Turn],
    language: str,
) -> list[Message]:
    """One question: rules and piece metadata first, then passages, history, and the question."""
    parts = [prompts["ask"].render(language=language), passages_block(excerpts)]
    if history:
        parts.append(history_block(history))
    parts.append(question_block(question))
    return [system_message(prompts, article), {"role": "user", "content": "\n\n".join(parts)}]


def rewrite_messages(
    prompts: PromptSet, article: Article, question: str, history: Sequence[Turn]
) -> list[Message]:
    system = prompts["rewrite"].render(
        piece_language=language_name(article.meta.language, default=article.meta.language),
        title=article.meta.title,
    )
    parts = [history_block(history)] if history else []
    parts.append(question_block(question))
    return [{"role": "system", "content": system}, {"role": "user", "content": "\n\n".join(parts)}]
