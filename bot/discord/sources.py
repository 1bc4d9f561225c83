"""The "Sources" button: an answer's cited paragraphs in full, shown privately to whoever asks.

The button names its piece (library id and text fingerprint); each press looks the piece up
again as the presser, so a button seen outside the piece's scope shows nothing of it. The
parsed piece comes from the library (its loaded engine's, or one it keeps): only a press on a
piece not in memory reads and parses its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import discord

import bot.discord.limits as lim
from bot.core.answer import Answer
from bot.core.article import Article
from bot.core.header import HEADER_PASSAGE, header_fields
from bot.discord.delivery import defer, deliver, piece_bot
from bot.discord.errors import report_error
from bot.discord.i18n import language_of, t
from bot.discord.readers import reader_for
from bot.discord.render import (
    DESCRIPTION_BUDGET,
    GROUNDED_COLOUR,
    Reply,
    escape,
    pack_embeds,
    render_text,
    split_text,
    truncate,
)
from bot.library.scope import ID_CHARS

SOURCES_PREFIX = "piece:src"
# A paragraph is shown whole up to this many characters; a longer one (a piece without line
# breaks can be one paragraph of megabytes) is cut, so one press stays a few messages.
SOURCE_PARAGRAPH_CHARS = 3 * DESCRIPTION_BUDGET


def fingerprint(article: Article) -> str:
    """A short fingerprint of the piece's text, so old buttons can tell the piece has changed."""
    return article.sha256[:10]


def source_passages(article: Article, passages: Iterable[int]) -> list[int]:
    """The cited ¶ numbers that exist in the piece (¶0: its header, if it has one),
    first-cited first, without repeats."""
    n = len(article.paragraphs)
    header = bool(header_fields(article))
    return [p for p in dict.fromkeys(passages) if 1 <= p <= n or (p == HEADER_PASSAGE and header)]


def _source(article: Article, number: int, lang: str) -> tuple[str, str]:
    """(label, full text) of a cited ¶: a paragraph, or the header's lines for ¶0."""
    if number == HEADER_PASSAGE:
        lines = sorted(header_fields(article).values(), key=lambda f: f.start)
        return t("passage.header", lang), "\n".join(f.text for f in lines)
    paragraph = article.paragraph(number)
    return paragraph.label, paragraph.text


def render_sources(article: Article, passages: Sequence[int], lang: str) -> list[Reply]:
    """The full text of each cited paragraph (or the header), for the private "Sources" reply."""
    embeds: list[discord.Embed] = []
    for number in source_passages(article, passages):
        label, text = _source(article, number, lang)
        text = truncate(text, SOURCE_PARAGRAPH_CHARS)
        chunks = split_text(escape(text), DESCRIPTION_BUDGET)
        for i, chunk in enumerate(chunks):
            title = label if i == 0 else f"{label} {t('continued', lang)}"
            embeds.append(discord.Embed(title=title, description=chunk, colour=GROUNDED_COLOUR))
    if not embeds:
        return [Reply(content=t("sources_none", lang))]
    embeds[0].set_author(name=truncate(article.meta.title, lim.AUTHOR_NAME_CHARS))
    return [Reply(embeds=page) for page in pack_embeds(embeds)]


def _sources_custom_id(piece: str | None, text: str, passages: Sequence[int]) -> str:
    custom_id = ":".join(part for part in (SOURCES_PREFIX, piece, text) if part) + ":"
    numbers: list[str] = []
    for p in passages:
        candidate = ",".join([*numbers, str(p)])
        if len(custom_id) + len(candidate) > lim.CUSTOM_ID_CHARS:
            break
        numbers.append(str(p))
    return custom_id + ",".join(numbers)


class SourcesButton(
    discord.ui.DynamicItem[discord.ui.Button],
    # Buttons from before the library name no piece: they are the default piece's.
    template=rf"{SOURCES_PREFIX}:(?:(?P<piece>[a-z2-7]{{{ID_CHARS}}}):)?"
    r"(?P<text>[0-9a-f]{6,16}):(?P<passages>\d+(?:,\d+)*)",
):
    """ "Sources" / "出典": shows the full cited paragraphs to whoever presses it, privately.

    Its state (piece id, text fingerprint and ¶ numbers) lives in the custom id, so the
    button keeps working after a restart.
    """

    def __init__(self, piece: str | None, text: str, passages: Sequence[int], label: str) -> None:
        self.piece = piece
        self.text = text
        self.passages = tuple(passages)
        super().__init__(
            discord.ui.Button(
                label=truncate(label, lim.BUTTON_LABEL_CHARS),
                style=discord.ButtonStyle.secondary,
                emoji="📖",
                custom_id=_sources_custom_id(piece, text, self.passages),
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Button,
        match: re.Match[str],
        /,
    ) -> SourcesButton:
        passages = [int(p) for p in match["passages"].split(",")]
        return cls(match["piece"], match["text"], passages, item.label or "Sources")

    async def callback(self, interaction: discord.Interaction) -> None:
        lang = language_of(interaction.locale)
        try:
            # Deferred: a piece not in memory is read and parsed first (in a thread).
            await defer(interaction, ephemeral=True)
            library = piece_bot(interaction).library
            piece = self.piece or library.default_id or ""
            article = await library.article(reader_for(interaction), piece)
            if fingerprint(article) == self.text:
                replies = render_sources(article, self.passages, lang)
            else:
                replies = render_text(t("sources_stale", lang))
            await deliver(interaction, replies, ephemeral=True)
        except Exception as exc:
            await report_error(interaction, exc)


def sources_view(
    piece: str, article: Article, answer: Answer, lang: str
) -> discord.ui.View | None:
    """A view with the Sources button for the answer's cited paragraphs of piece `piece` (its
    library id; `article` its text), or None if the answer cites none."""
    passages = source_passages(article, answer.passages)
    if not passages:
        return None
    view = discord.ui.View(timeout=None)
    label = t("button.sources", lang)
    view.add_item(SourcesButton(piece, fingerprint(article), passages, label))
    return view
