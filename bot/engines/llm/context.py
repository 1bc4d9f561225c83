"""Build the model's messages: stable prefix first (rules, piece material), the question last."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.answer import Turn
from bot.core.article import Article
from bot.core.language import language_name
from bot.core.retrieval import Hit
from bot.engines.llm.prompts import PromptSet
from bot.engines.llm.tokens import estimate_tokens

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


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of the piece (¶`first`–¶`last`) as a call shows it: passages of it, and, for a
    digest, a note the model wrote on it (never a source of quotes)."""

    first: int
    last: int
    excerpts: tuple[Excerpt, ...]
    note: str = ""


def defuse(text: str) -> str:
    """Neutralise anything in `text` that looks like one of our block tags."""
    return _TAG.sub(lambda m: m.group().replace("<", "‹").replace(">", "›"), text)


def piece_meta(prompts: PromptSet, article: Article) -> str:
    """What the piece is, in the lines of `prompts/piece_meta.txt` (a line without a value is
    left out)."""
    m = article.meta
    lines = prompts["piece_meta"]
    shown = [
        lines.entry("heading"),
        lines.entry("derived_title" if m.title_derived else "title", title=m.title),
    ]
    for key, value in (("author", m.author), ("source", m.source), ("date", m.date)):
        if value:
            shown.append(lines.entry(key, **{key: value}))
    shown.append(lines.entry("language", language=language_name(m.language, default=m.language)))
    shown.append(lines.entry("passages", last=len(article.paragraphs)))
    return "\n".join(shown)


def passages_block(excerpts: Iterable[Excerpt]) -> str:
    body = "\n".join(f'<passage id="{e.passage}">{defuse(e.text)}</passage>' for e in excerpts)
    return f"<passages>\n{body}\n</passages>"


def material_block(prompts: PromptSet, parts: Sequence[Part]) -> str:
    """The piece as a call shows it: its passages, or, for a digest, its parts in order."""
    if len(parts) == 1 and not parts[0].note:
        return passages_block(parts[0].excerpts)
    blocks = [prompts["parts"].text]
    for part in parts:
        lines = [f'<part paragraphs="¶{part.first}–¶{part.last}">']
        if part.note:
            lines.append(f"<note>{defuse(part.note)}</note>")
        lines += [f'<passage id="{e.passage}">{defuse(e.text)}</passage>' for e in part.excerpts]
        blocks.append("\n".join([*lines, "</part>"]))
    return "<parts>\n" + "\n".join(blocks) + "\n</parts>"


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


def ask_excerpts(
    article: Article,
    hits: Sequence[Hit],
    history: Sequence[Turn],
    *,
    count: int,
    budget_chars: int,
    budget_tokens: int,
) -> list[Excerpt]:
    """Passages for one question: retrieved ones, then the previous answer's, within both
    budgets (characters, and estimated tokens for the model's context).

    Short paragraphs go whole (quotes then read naturally); long ones as the matching window.
    With nothing retrieved, the opening paragraphs let the model say what the piece is about.
    """
    picked: dict[int, Excerpt] = {}
    used = used_tokens = 0

    def add(number: int, hit: Hit | None) -> None:
        nonlocal used, used_tokens
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
        tokens = estimate_tokens(excerpt.text)
        if picked and (
            used + len(excerpt.text) > budget_chars or used_tokens + tokens > budget_tokens
        ):
            return
        picked[number] = excerpt
        used += len(excerpt.text)
        used_tokens += tokens

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


def system_message(prompts: PromptSet, article: Article, material: Sequence[Part] = ()) -> Message:
    """Rules, what the piece is, and (for piece-level commands) the piece itself.

    Identical for every request of the same kind: the provider's prompt cache serves it.
    """
    blocks = [prompts["system"].text, piece_meta(prompts, article)]
    if material:
        blocks.append(material_block(prompts, material))
    return {"role": "system", "content": "\n\n".join(blocks)}


def piece_messages(
    prompts: PromptSet, article: Article, material: Sequence[Part], task: str
) -> list[Message]:
    """Summary, factors, factor, quotes: the piece in the stable prefix, the task after it."""
    return [system_message(prompts, article, material), {"role": "user", "content": task}]


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
