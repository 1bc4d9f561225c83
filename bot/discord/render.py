"""Reply formatting: answers as embeds split within Discord's limits, framing text, drafts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import discord

import bot.discord.limits as lim
from bot.core.answer import Answer, Citation
from bot.core.article import Metadata
from bot.core.header import HEADER_PASSAGE
from bot.core.language import quote_marks
from bot.core.text import split_sentences
from bot.discord.i18n import t

MARKER = re.compile(r"\[¶\d+\]")
_LEADING_MARKERS = re.compile(r"^(?:[ \t]*\[¶\d+\])+")
# A marker ends a unit unless punctuation follows it ("…である[¶3]。" keeps its "。").
_MARKER_END = re.compile(r"\[¶\d+\][ \t]*(?![。．.!?！？」』）)、，,;:\[])")
# One embed's description stays a little under the limit so a heading and "(continued)" fit.
DESCRIPTION_BUDGET = lim.EMBED_DESCRIPTION_CHARS - 300
QUOTE_CHARS = 300  # a quote field shows this much; "Sources" shows the whole paragraph
MAX_QUOTE_FIELDS = 10  # fewer than Discord's 25: a reply is for reading, not an index
HEADING_CHARS = 200
TITLE_IN_TEXT_CHARS = 200  # a piece's title inside a sentence (its own can be any length)
GROUNDED_COLOUR = discord.Colour.blurple()
UNGROUNDED_COLOUR = discord.Colour.light_grey()


@dataclass(slots=True)
class Reply:
    """One Discord message: content and/or embeds, and optionally a view (buttons)."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)
    view: discord.ui.View | None = None

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for an edit (content None clears a draft); mentions always off."""
        out: dict[str, Any] = {
            "content": self.content,
            "embeds": self.embeds,
            "allowed_mentions": discord.AllowedMentions.none(),
        }
        if self.view is not None:
            out["view"] = self.view
        return out

    def send_kwargs(self) -> dict[str, Any]:
        """Like `kwargs`, for a new message (no `content=None`, which only makes sense in edits)."""
        out = self.kwargs()
        if out["content"] is None:
            del out["content"]
        return out


# ---------------------------------------------------------------- text splitting


def _sentences(text: str) -> list[str]:
    spans = split_sentences(text)
    if not spans:
        return [text] if text else []
    cuts = [0] + [s.start for s in spans[1:]] + [len(text)]
    return [text[a:b] for a, b in pairwise(cuts) if b > a]


def _units(text: str) -> list[str]:
    """Sentences of `text` with their trailing whitespace: concatenated, they give `text` back.

    A `[¶n]` marker ends a unit (engines put one after each cited run, and the
    sentence splitter would not cut before "[" in Latin text); a marker that
    opens a sentence belongs to the one before ("。 [¶3]" is split after "。").
    """
    raw: list[str] = []
    start = 0
    for m in _MARKER_END.finditer(text):
        raw += _sentences(text[start : m.end()])
        start = m.end()
    raw += _sentences(text[start:])
    merged: list[str] = []
    for unit in raw:
        m = _LEADING_MARKERS.match(unit)
        if m and merged:
            merged[-1] += unit[: m.end()]
            unit = unit[m.end() :]
        if unit:
            merged.append(unit)
    return merged


def _hard_split(unit: str, limit: int) -> list[str]:
    """Split one over-long sentence at spaces if possible, never inside a [¶n] marker."""
    pieces: list[str] = []
    while len(unit) > limit:
        cut = limit
        space = max(unit.rfind(mark, 0, limit) for mark in (" ", "\n", "、", ","))
        if space >= limit // 2:
            cut = space + 1
        for m in MARKER.finditer(unit, max(0, cut - 12), cut + 12):
            if m.start() < cut < m.end():
                cut = m.start()
        pieces.append(unit[:cut])
        unit = unit[cut:]
    pieces.append(unit)
    return pieces


def split_text(text: str, limit: int) -> list[str]:
    """Split `text` into chunks of at most `limit` characters, at sentence boundaries.

    Only a single sentence longer than `limit` is cut inside (at a space or
    comma where possible). Whitespace at chunk edges is dropped; nothing else is.
    """
    if limit < 20:
        raise ValueError("limit too small to split text sensibly")
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    chunks: list[str] = []
    current = ""
    for unit in _units(text):
        for piece in _hard_split(unit, limit) if len(unit) > limit else [unit]:
            if current and len(current) + len(piece) > limit:
                chunks.append(current)
                current = ""
            current += piece
    if current:
        chunks.append(current)
    return [c.strip() for c in chunks if c.strip()]


def truncate(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis if it had to be cut."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def escape(text: str) -> str:
    """Show text as written: no markdown and no masked links from user input or the piece."""
    return discord.utils.escape_markdown(text)


def escaped(text: str, limit: int) -> str:
    """`text` escaped and cut (with an ellipsis) so that the escaped form fits in `limit`
    characters: escaping may double a text's length (`*_*_`), so cutting first bounds nothing
    (a heading of 200 characters pushed an embed past Discord's 4,096)."""
    out = escape(truncate(text, limit))
    if len(out) <= limit:
        return out
    low, high = 1, limit  # the longest cut of `text` whose escaped form fits
    while low < high:
        mid = (low + high + 1) // 2
        if len(escape(truncate(text, mid))) <= limit:
            low = mid
        else:
            high = mid - 1
    out = escape(truncate(text, low))
    return out if len(out) <= limit else "…"[:limit]  # not even one character fits escaped


# ---------------------------------------------------------------- answers


def embed_link(url: str | None) -> str | None:
    """The piece's URL if Discord would accept it as an embed link (else the embed is refused)."""
    if url and re.fullmatch(r"https?://[^\s<>\"]{1,2000}", url.strip()):
        return url.strip()
    return None


def _author_line(meta: Metadata) -> str | None:
    parts = [p for p in (meta.author, meta.source) if p]
    return truncate(" · ".join(parts), lim.AUTHOR_NAME_CHARS) if parts else None


def _quote_fields(citations: Sequence[Citation], shown: str, lang: str) -> list[tuple[str, str]]:
    """One field per cited paragraph, with the quotes not already visible in the answer."""
    open_q, close_q = quote_marks(lang)
    by_passage: dict[int, list[str]] = {}
    for c in citations:
        quote = c.quote.strip()
        if not quote or quote in shown:
            continue
        quotes = by_passage.setdefault(c.passage, [])
        if quote not in quotes:
            quotes.append(quote)
    fields = []
    for passage, quotes in by_passage.items():
        per = max(40, QUOTE_CHARS // len(quotes))
        value = "\n".join(f"{open_q}{escaped(q, per)}{close_q}" for q in quotes)
        name = t("passage.header", lang) if passage == HEADER_PASSAGE else f"¶{passage}"
        fields.append((name, truncate(value, lim.FIELD_VALUE_CHARS)))
    return fields


def _body(answer: Answer) -> str:
    text = answer.text.strip()
    if note := answer.unsaid_note:
        text = f"{text}\n\n*{escape(note)}*"
    return text


def render_answer(
    answer: Answer,
    meta: Metadata,
    lang: str,
    *,
    heading: str | None = None,
    view: discord.ui.View | None = None,
) -> list[Reply]:
    """An answer as one or more messages of embeds, every part within Discord's limits.

    The first embed carries the piece's title and author; long answers continue
    in further embeds split at sentence boundaries; the cited quotes follow as
    fields; the engine is named in the last footer, and `view` rides on the last
    message.
    """
    colour = GROUNDED_COLOUR if answer.grounded else UNGROUNDED_COLOUR
    head = f"**{escaped(heading, HEADING_CHARS)}**\n\n" if heading else ""
    chunks = split_text(_body(answer), DESCRIPTION_BUDGET) or [""]
    embeds: list[discord.Embed] = []
    for i, chunk in enumerate(chunks):
        if i == 0:
            embed = discord.Embed(
                title=truncate(meta.title, lim.EMBED_TITLE_CHARS),
                url=embed_link(meta.url),
                description=(head + chunk).strip() or None,
                colour=colour,
            )
            if (author := _author_line(meta)) is not None:
                embed.set_author(name=author)
        else:
            embed = discord.Embed(description=f"{chunk}", colour=colour)
        embeds.append(embed)

    footer = t("footer" if answer.grounded else "footer.ungrounded", lang, engine=answer.engine)
    fields = _quote_fields(answer.citations, answer.text, lang)
    room = lim.MESSAGE_EMBED_CHARS - len(footer) - 200  # room for the "more quotes" line
    target = embeds[-1]
    added = 0
    for name, value in fields[:MAX_QUOTE_FIELDS]:
        if len(target) + len(name) + len(value) > room or len(target.fields) >= lim.EMBED_FIELDS:
            target = discord.Embed(colour=colour)
            embeds.append(target)
        target.add_field(name=name, value=value, inline=False)
        added += 1
    if added < len(fields):
        more = t("quotes_more", lang, count=len(fields) - added, button=t("button.sources", lang))
        desc = target.description or ""
        target.description = truncate(f"{desc}\n\n{more}".strip(), lim.EMBED_DESCRIPTION_CHARS)
    embeds[-1].set_footer(text=truncate(footer, lim.FOOTER_TEXT_CHARS))
    replies = [Reply(embeds=page) for page in pack_embeds(embeds)]
    replies[-1].view = view
    return replies


def pack_embeds(embeds: Iterable[discord.Embed]) -> list[list[discord.Embed]]:
    """Group embeds into messages of at most 10 embeds and 6,000 characters each."""
    pages: list[list[discord.Embed]] = []
    size = 0
    for embed in embeds:
        n = len(embed)
        if n > lim.MESSAGE_EMBED_CHARS:
            raise ValueError(f"one embed has {n} characters, more than a message may carry")
        full = bool(pages) and len(pages[-1]) >= lim.EMBEDS_PER_MESSAGE
        if not pages or full or size + n > lim.MESSAGE_EMBED_CHARS:
            pages.append([])
            size = 0
        pages[-1].append(embed)
        size += n
    return pages


def render_text(text: str) -> list[Reply]:
    """Plain framing text (confirmations, notes) as content-only messages."""
    return [Reply(content=c) for c in split_text(text, lim.CONTENT_CHARS)]


def draft(text: str, lang: str) -> str:
    """What a message shows while a streamed answer is still being written (unchecked)."""
    head = t("drafting", lang) + "\n\n"
    return head + truncate(text, lim.CONTENT_CHARS - len(head))
