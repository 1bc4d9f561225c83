"""Shared by the converters: the front-matter block that carries a document's metadata, the
bullet of a list item, and joining wrapped lines the way the script of the text expects."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from bot.core.article import META_KEYS
from bot.core.scripts import is_wide
from bot.core.structure import CODE_INDENT

# How a list item that has no number opens in the stored text, whatever marked it in the
# document (`-`, `*`, `<li>`): as a plain text's bullet would.
BULLET = "• "
# A table's empty cell in the stored text, so each cell stays under its column (東浜小 | — | 22分).
EMPTY_CELL = "—"


def front_matter(meta: Mapping[str, str | None]) -> str:
    """`---` / `key: value` lines / `---`, for the metadata that is there; "" if none is."""
    lines = []
    for key in META_KEYS:
        value = " ".join((meta.get(key) or "").split())
        if value:
            lines.append(f"{key}: {value}")
    return "---\n" + "\n".join(lines) + "\n---\n" if lines else ""


def join_lines(parts: Iterable[str]) -> str:
    """Wrapped lines of one paragraph as one line: a space between words of Latin text,
    nothing between lines that end or start with CJK, nothing after a hyphen at a word end."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not (is_wide(out[-1]) or is_wide(part[0]) or _hyphenated(out)):
            out += " "
        out += part
    return out


def _hyphenated(text: str) -> bool:
    return len(text) >= 2 and text[-1] == "-" and text[-2].isalpha()


def paragraphs_text(
    head: str,
    paragraphs: Iterable[str],
    set_off: Collection[int] = frozenset(),
    code: Collection[int] = frozenset(),
) -> str:
    """The stored text: front matter, then one paragraph per line with blank lines between;
    two blank lines before the paragraphs whose indices are in `set_off` (the document's
    headings), so a heading right after a list's short lines still reads as one, and an
    indent before those in `code` (lines of code), which are never headings (see
    `core.structure`)."""
    parts: list[str] = []  # gaps and texts, joined once (a large document has many)
    for i, paragraph in enumerate(paragraphs):
        text = join_lines(paragraph.split("\n"))
        if text:
            if parts:
                parts.append("\n\n\n" if i in set_off else "\n\n")
            parts.append(CODE_INDENT + text if i in code else text)
    return head + ("\n" if head else "") + "".join(parts) + "\n"
