"""HTML to stored text: the page's main text, without navigation or boilerplate (trafilatura).

trafilatura was chosen by measurement (see the README, "A library of pieces"): on our test
pages it keeps every paragraph of the article, drops menus, share buttons, related links and
comments, and is the only candidate that also finds the author, date and site name.

Its formatted text marks what a reader needs (## headings, | table rows |, - items, fenced
code), and is stored line by line as a Markdown document's text is: headings and tables'
header rows set off, a row's cells between ` | `, code lines indented, every line of the page
a paragraph of its own (a table with no header row, two lines of a <pre>, are never joined).
Before it is read, the page is mended where a reader would be misled:
* emphasis tags are dropped, their words kept (no `**` left in a quote);
* a description list's terms and description are one item (会場：川霧市民文化ホール), not
  bullets, the label cut off from its value;
* a table whose rows each name their value in a header cell (<th>賃料</th><td>86,000円</td>)
  is a description list (賃料：86,000円), not a table whose first row heads it;
* a table's caption is a heading above the table, not a row of it;
* a page that dates itself only in its header (<p class="updated">2026年6月15日 更新</p>) is
  dated so.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from bot.core.article import TERMINAL
from bot.core.dates import header_date
from bot.core.scripts import is_wide
from bot.core.structure import CELL
from bot.library.errors import PieceError, Reason
from bot.library.formats.markup import BULLET, EMPTY_CELL, front_matter, paragraphs_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

log = logging.getLogger(__name__)

_LIST_MARKER = "- "  # trafilatura's list items
_CHATTY = ("trafilatura", "htmldate", "courlan", "justext")
_HEADING = re.compile(r"#{1,6}\s+(.*)")
_ROW = re.compile(r"\|(.*)\|")
_RULE_ROW = re.compile(r"\|(?:\s*:?-+:?\s*\|)+")  # under a table's header row
_FENCE = "```"
# The formatted text's escapes: of its marks anywhere (*, _, `, ~, [, ], <, a cell's |), and
# of a line's opening mark (#, -, +, >, 1.); no other backslash is one (C:\temp\#1).
_ESCAPED = re.compile(r"\\([`*_~\[\]<|])|^\\([#\-+>])|^([0-9]+)\\(\.)")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
_BOLD_CELL = re.compile(r"\*\*(.+)\*\*")
# Inline markup trafilatura would write as Markdown (**, `, ~~) or as HTML (<sub>): its words
# are kept, its marks dropped. `code` only outside a <pre>, whose lines stay code.
_INLINE = ("b", "strong", "i", "em", "u", "mark", "sub", "sup", "del", "s", "strike", "kbd")
_INLINE_CODE = ("code", "samp", "tt", "var")
_BLOCKS = ("p", "div", "li", "dd", "dt", "tr", "section")
# A class naming a date (class="updated", "post-date", "published_at"), not one that holds
# one among other words (timeline, candidate).
_DATE_CLASS = re.compile(
    r"(?:.*[-_])?(?:date|time|updated|published|posted|modified|pubdate)(?:[-_].*)?", re.I
)
_HEADER_CHARS = 80  # a date line is short


def render_html(data: bytes, *, url: str | None = None) -> str:
    """The stored text of an HTML page: front matter (title, author, date, site, URL), then
    one paragraph per line. `data` is raw bytes: trafilatura finds the page's encoding."""
    import trafilatura  # only HTML documents pay for the import (about 0.13 s)
    from trafilatura.settings import set_date_params
    from trafilatura.utils import load_html

    if not log.isEnabledFor(logging.DEBUG):
        # Its complaints about a page ("empty HTML tree") are ours to give, in one line.
        for name in _CHATTY:
            logging.getLogger(name).setLevel(logging.CRITICAL)
    tree = load_html(data)
    page_date = None
    if tree is not None:
        page_date = _page_date(tree)
        _mend(tree)
    doc = trafilatura.bare_extraction(
        tree if tree is not None else data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=True,
        # Only a date the page gives as its own (in its metadata, a <time>, a byline), never
        # one guessed from the years its text mentions: a page about 1850–2020 was dated
        # 1995-01-01, and that date was then cited as the piece's.
        date_extraction_params=set_date_params(extensive=False),
    )
    if doc is None or not (doc.text or "").strip():
        raise PieceError(Reason.EMPTY, "no main text found on this page")
    meta = {
        "title": doc.title,
        "author": doc.author,
        "date": doc.date or page_date,
        "source": doc.sitename,
        "url": doc.url or url,
    }
    lines = [line.strip() for line in doc.text.split("\n")]
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is not None and doc.title and _plain(lines[first]) == doc.title.strip():
        del lines[first]  # the page's <h1>, already the piece's title
    if "\n\n" not in doc.text.strip():
        lines = _sentences_rejoined(lines)
    paragraphs, set_off, code = _stored(lines)
    return paragraphs_text(front_matter(meta), paragraphs, set_off=set_off, code=code)


def _plain(line: str) -> str:
    """A formatted line's text: no heading's marks, no escapes."""
    heading = _HEADING.fullmatch(line)
    return _unescaped(heading[1] if heading else line).strip()


def _cell(text: str) -> str:
    """A table cell's text: trafilatura writes a header cell in a body row bold (**注**)."""
    text = text.strip()
    bold = _BOLD_CELL.fullmatch(text)
    return _unescaped(bold[1] if bold else text).strip()


def _unescaped(text: str) -> str:
    return _ESCAPED.sub(lambda m: "".join(g for g in m.groups() if g), text)


def _sentences_rejoined(lines: list[str]) -> list[str]:
    """The lines of a text with no blank line between paragraphs, each line that goes on with
    the sentence above it joined to it: on a short page, trafilatura's fallback writes each
    link or span of a sentence on a line of its own (詳しくは / こちら / をご覧ください。)."""
    out: list[str] = []
    for line in lines:
        goes_on = out and not _is_structural(out[-1]) and not out[-1].endswith(TERMINAL)
        if goes_on and not _is_structural(line):
            wide = is_wide(out[-1][-1]) or is_wide(line[0])
            out[-1] += line if wide else f" {line}"
        else:
            out.append(line)
    return out


def _is_structural(line: str) -> bool:
    return (
        not line
        or line.startswith((_FENCE, _LIST_MARKER))
        or _HEADING.fullmatch(line) is not None
        or _ROW.fullmatch(line) is not None
    )


def _stored(lines: list[str]) -> tuple[list[str], set[int], set[int]]:
    """The formatted text's lines as stored paragraphs (see the module docstring), and the
    indices of those set off (headings, tables' header rows) and of lines of code."""
    out: list[str] = []
    set_off: set[int] = set()
    code: set[int] = set()
    in_code = False
    last_row = -1  # the index of the last table row stored
    for line in lines:
        if line.startswith(_FENCE):
            in_code = not in_code
        elif in_code:
            code.add(len(out))
            out.append(line)
        elif _RULE_ROW.fullmatch(line):
            if last_row == len(out) - 1 >= 0:
                set_off.add(last_row)  # the row above heads its table
        elif row := _ROW.fullmatch(line):
            cells = [_cell(cell) for cell in _CELL_SEPARATOR.split(row[1])]
            if any(cells):
                last_row = len(out)
                out.append(CELL.join(cell or EMPTY_CELL for cell in cells))
        elif heading := _HEADING.fullmatch(line):
            set_off.add(len(out))
            out.append(_plain(heading[0]))
        elif line.startswith(_LIST_MARKER):
            out.append(BULLET + _plain(line[len(_LIST_MARKER) :]))
        else:
            out.append(_plain(line))
    return out, set_off, code


def _page_date(tree: HtmlElement) -> str | None:
    """The date, as written, of the first short block of the page's <header> that is a date as
    a header writes one; else of a <time> or an element whose class names a date, when the
    page has one such date only (several are a list's, of events, not the page's)."""
    header: list[str] = []
    elsewhere: list[str] = []
    in_headers = {e for h in tree.iter("header") for e in h.iter() if e is not h}
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or a processing instruction
        in_header = element in in_headers
        classes = (element.get("class") or "").split()
        dated = element.tag == "time" or any(_DATE_CLASS.fullmatch(c) for c in classes)
        if not (dated or (in_header and element.tag in ("p", "span", "div", "time", "li"))):
            continue
        text = " ".join(element.text_content().split())
        if text and len(text) <= _HEADER_CHARS and (date := header_date(text)):
            (header if in_header else elsewhere).append(date)
    if header:
        return header[0]
    return elsewhere[0] if len(set(elsewhere)) == 1 else None


def _mend(tree: HtmlElement) -> None:
    """Emphasis dropped, description lists and tables of labelled values as items, captions
    as headings (see the module docstring). In place."""
    from lxml.html import Element

    inline = [e for tag in _INLINE for e in tree.iter(tag)]
    inline += [
        e
        for tag in _INLINE_CODE
        for e in tree.iter(tag)
        if not any(a.tag == "pre" for a in e.iterancestors())
    ]
    for element in inline:
        element.drop_tag()
    for dl in reversed(list(tree.iter("dl"))):  # an inner list before the one it is in
        ul = Element("ul")
        terms: list[str] = []
        for child in dl.iter("dt", "dd"):
            text = _text(child)
            if child.tag == "dt":
                if text:
                    terms.append(text)
            elif text:
                ul.append(_item(_labelled(terms, text)))
                terms = []
        if terms:  # a term with no description is said all the same
            ul.append(_item("、".join(terms)))
        ul.tail = dl.tail
        dl.getparent().replace(dl, ul)
    # Captions first: a table of labelled values, made items below, would take its caption.
    for caption in list(tree.iter("caption")):
        table = caption.getparent()
        title = Element("h4")  # it names what the table holds, as a heading would
        title.text = _text(caption)
        table.remove(caption)
        table.addprevious(title)
    for table in reversed(list(tree.iter("table"))):  # an inner table before its outer one
        if (labelled := _labelled_rows(table)) is not None:
            ul = Element("ul")
            for label, value in labelled:
                # either said alone if the other cell is empty, as a <dt> or <dd> is
                ul.append(_item(_labelled([label], value) if label and value else label or value))
            ul.tail = table.tail
            table.getparent().replace(table, ul)


def _labelled_rows(table: HtmlElement) -> list[tuple[str, str]] | None:
    """A table each row of which is a header cell naming the data cell beside it (<th>賃料</th>
    <td>86,000円</td>): its (label, value) pairs, to be stored as a description list's items
    are (賃料：86,000円). It has no header row: written as a table, its first row would be
    taken for one (trafilatura rules off every table's first row), and 賃料 | 86,000円 would
    be a heading, never quoted. A row with one empty cell gives ('', value) or (label, '').
    None for any other table."""
    rows = [r for r in table.iter("tr") if next(r.iterancestors("table"), None) is table]
    pairs: list[tuple[str, str]] = []
    for row in rows:
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("th", "td")]
        if len(cells) != 2 or [c.tag for c in cells] != ["th", "td"]:
            return None
        label, value = _text(cells[0]), _text(cells[1])
        if label or value:
            pairs.append((label, value))
    return pairs or None


def _item(text: str) -> HtmlElement:
    from lxml.html import Element

    li = Element("li")
    li.text = text
    return li


def _labelled(terms: list[str], description: str) -> str:
    """'term：description', with a colon of the text's width (会場：…, Address: …)."""
    if not terms:
        return description
    wide = any(is_wide(ch) for ch in "".join(terms) + description[:1])
    term = ("、" if wide else ", ").join(terms)
    colon = "：" if wide else ": "
    return f"{term}{colon}{description}"


def _text(element: HtmlElement) -> str:
    """An element's words in reading order, a line break or a block inside it read as a
    space."""
    parts: list[str] = []

    def read(node: HtmlElement) -> None:
        if isinstance(node.tag, str):  # not a comment, whose text is no reader's
            if node is not element and node.tag in (*_BLOCKS, "br"):
                parts.append(" ")
            parts.append(node.text or "")
            for child in node:
                read(child)
                parts.append(child.tail or "")

    read(element)
    return " ".join("".join(parts).split())
