"""Markdown to stored text: a plain rendering, so quotes read as prose and still verify.

The stored text is not the Markdown source: `**`, `#` and link targets would otherwise end
up inside quotes. A list's marks are kept as a plain text's would be: an ordered list's
numbers (`1.`, `2)`), by which a reader counts its steps, and a bullet (`•`) for each item
of any other list, so `factors` finds either list after the sentence that announces it.
Each block (paragraph, heading, list item, table row) becomes one line, and so does each line
of a code block, indented (never a heading, and two commands never run together), blocks
separated by blank lines (two before a heading or a table's header row; a row's cells between
` | `, an empty one as —); a leading `# Title` or the front matter's title becomes the
piece's title, and the short lines right under it (投稿者：…, a date, 担当：…課) its author,
source and date, as a plain text's header lines would (`core.byline`).
Raw HTML and images are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.core.article import FRONT_MATTER
from bot.core.byline import byline, header_lines, is_header
from bot.core.collector import collector_paused
from bot.core.structure import CELL
from bot.library.formats.markup import (
    BULLET,
    EMPTY_CELL,
    front_matter,
    join_lines,
    paragraphs_text,
)

if TYPE_CHECKING:
    from markdown_it.token import Token

_EMPHASIS_MARKS = ("*", "_", "~")
# More emphasis marks than any prose uses (a 2 MiB essay in Markdown has a few thousand).
MAX_EMPHASIS_MARKS = 50_000
_HAS_TITLE = re.compile(r"^title[ \t]*:[ \t]*\S", re.M | re.I)
_HAS_BYLINE = re.compile(r"^(?:author|source|date)[ \t]*:[ \t]*\S", re.M | re.I)
_INLINE_TEXT = frozenset({"text", "code_inline"})
_LINE_BREAKS = frozenset({"softbreak", "hardbreak"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def render_markdown(source: str) -> str:
    """The stored text of a Markdown document (see the module docstring)."""
    from markdown_it import MarkdownIt  # only Markdown documents pay for the import

    head = ""
    fm = FRONT_MATTER.match(source)  # kept as it is: parse_article reads its keys
    if fm:
        head, source = fm.group(0), source[fm.end() :]
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    if sum(source.count(mark) for mark in _EMPHASIS_MARKS) > MAX_EMPHASIS_MARKS:
        # markdown-it keeps a token and a delimiter record per mark: 2 MiB of `*a*a…` took
        # 9 s and 780 MB. Past this many, the marks are read as the text they are.
        parser.disable(["emphasis", "strikethrough"])
    # A token per delimiter, text run and line break: hundreds of thousands for a large file
    # (600 KB of `*a*a…` is 600,000), none of them cyclic; each full collection scanned them
    # all (see bot.core.collector), a third of the parse. They are freed before the block ends.
    with collector_paused():
        blocks = _blocks(parser.parse(source))
    if blocks and blocks[0][0] == "h1" and not (fm and _HAS_TITLE.search(fm.group(1))):
        meta = {"title": join_lines(blocks.pop(0)[1].split("\n"))}
        if not (fm and _HAS_BYLINE.search(fm.group(1))):
            meta |= _byline(blocks)
        head = _with_meta(head, meta)
    # Headings and tables' header rows are set off by a wider gap (`core.structure`).
    headings = {i for i, (kind, _) in enumerate(blocks) if kind in _HEADINGS or kind == "th"}
    code = {i for i, (kind, _) in enumerate(blocks) if kind == "code"}
    return paragraphs_text(head, [text for _, text in blocks], set_off=headings, code=code)


def _blocks(tokens: Sequence[Token]) -> list[tuple[str, str]]:
    """(kind, text) per block in reading order; kind is the opening tag (h1, p, …)."""
    blocks: list[tuple[str, str]] = []
    row: list[str] | None = None
    header = False  # the next row is a table's first, its header
    number = ""  # a list item's number or bullet, for its first block
    for i, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            number = f"{tok.info}{tok.markup} " if tok.info else BULLET
        elif tok.type == "list_item_close":
            number = ""  # an item with no text of its own (a code block) numbers nothing
        elif tok.type == "table_open":
            header = True
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            # An empty cell as a dash: each cell stays under its column (東浜小 | — | 22分).
            stored = [c or EMPTY_CELL for c in row]
            blocks.append(("th" if header else "tr", CELL.join(stored) if any(row) else ""))
            row, header = None, False
        elif tok.type in ("fence", "code_block"):
            # Each line of code its own: joined, two commands would read as one (a reader
            # copying `curl … | sh kumosync --version` runs neither).
            blocks += [("code", line.strip()) for line in tok.content.splitlines()]
        elif tok.type == "inline":
            text = _inline(tok.children or [])
            if row is not None:
                row.append(text)
            elif text:
                blocks.append((tokens[i - 1].tag if i else "p", number + text))
                number = ""
    return [(kind, text) for kind, text in blocks if text]


def _inline(children: Sequence[Token]) -> str:
    # Each line's pieces are joined once: adding each to a growing string copied the line so
    # far every time (600 KB of `*a*a…`, one line of 300,000 pieces, took 2 s).
    lines: list[list[str]] = [[]]
    for child in children:
        if child.type in _INLINE_TEXT:
            lines[-1].append(child.content)
        elif child.type in _LINE_BREAKS:
            lines.append([])
    # Lines stay apart until `paragraphs_text` joins them: a header line is one line.
    return "\n".join(text for parts in lines if (text := "".join(parts).strip()))


def _byline(blocks: list[tuple[str, str]]) -> dict[str, str]:
    """The author, source and date the paragraphs of short lines under the title give
    (taken out of `blocks`), if they make a header as a plain text's lines would."""
    lines: list[str] = []
    count = 0
    for kind, text in blocks[:-1]:  # the body follows
        parts = text.split("\n")
        if kind != "p" or header_lines(lines + parts) < len(lines) + len(parts):
            break
        lines += parts
        count += 1
    if not count or not is_header(lines):
        return {}
    del blocks[:count]
    return byline(lines)


def _with_meta(head: str, meta: dict[str, str]) -> str:
    """The front matter `head` with `meta`'s keys added (or made, if there is none)."""
    if not head:
        return front_matter(meta)
    first_line_end = head.index("\n") + 1
    added = "".join(f"{key}: {' '.join(value.split())}\n" for key, value in meta.items())
    return head[:first_line_end] + added + head[first_line_end:]
