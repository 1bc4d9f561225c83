"""HTML to stored text: the page's main text, without navigation or boilerplate (trafilatura).

trafilatura was chosen by measurement (see the README, "A library of pieces"): on our test
pages it keeps every paragraph of the article, drops menus, share buttons, related links and
comments, and is the only candidate that also finds the author, date and site name.

What it gives is mended where a reader would be misled:
* a description list's term and its description are one line (会場：川霧市民文化ホール), not two
  bullets, the label cut off from its value;
* a table's caption is a heading above the table, not a row of it, and the table's rows are stored
  as a Markdown document's are (cells between ` | `, the header row set off, no `|---|` lines);
* a page that dates itself only in its header (<p class="updated">2026年6月15日 更新</p>) is
  dated so.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from bot.core.dates import header_date
from bot.library.errors import PieceError, Reason
from bot.library.formats.markdown import render_markdown
from bot.library.formats.markup import front_matter

if TYPE_CHECKING:
    from lxml.html import HtmlElement

log = logging.getLogger(__name__)

_LIST_MARKER = "- "  # trafilatura's plain-text list items
_CHATTY = ("trafilatura", "htmldate", "courlan", "justext")
_ROW = re.compile(r"^\|(.*)\|$")
_RULE_ROW = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+$")  # under a table's header row
_TERM_SEPARATOR = "："  # between a description list's term and its description
# Where a page dates itself when its metadata does not: its header, a <time>, a date's class.
_DATED = re.compile(r"date|time|updated|published|posted|modified", re.I)
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
    text = doc.text
    if doc.title and text.lstrip().startswith(f"# {doc.title.strip()}\n"):
        text = text.lstrip().split("\n", 1)[1]  # the page's <h1>, already the piece's title
    # trafilatura's formatted text is Markdown (## headings, | tables |, - items, **bold**):
    # stored as a Markdown document's text is, headings and tables' header rows set off.
    return render_markdown(front_matter(meta) + text)


def _page_date(tree: HtmlElement) -> str | None:
    """The first short line of the page's <header>, <time> or date-classed element that is a
    date as a header writes one (`core.dates`), as it is written."""
    for element in tree.iter("header", "time", "p", "span", "div"):
        if not (element.tag in ("header", "time") or _DATED.search(element.get("class", ""))):
            continue
        for line in element.text_content().splitlines():
            line = line.strip()
            if line and len(line) <= _HEADER_CHARS and (date := header_date(line)):
                return date
    return None


def _mend(tree: HtmlElement) -> None:
    """Description lists as lists of 'term：description' items; tables' captions as
    headings above them (see the module docstring). In place."""
    from lxml.html import Element

    for dl in list(tree.iter("dl")):
        ul = Element("ul")
        term = ""
        for child in dl:
            text = " ".join(child.text_content().split())
            if child.tag == "dt":
                term = text
            elif child.tag == "dd" and text:
                li = Element("li")
                li.text = f"{term}{_TERM_SEPARATOR}{text}" if term else text
                ul.append(li)
        ul.tail = dl.tail
        dl.getparent().replace(dl, ul)
    for caption in list(tree.iter("caption")):
        table = caption.getparent()
        title = Element("h4")  # it names what the table holds, as a heading would
        title.text = " ".join(caption.text_content().split())
        table.remove(caption)
        table.addprevious(title)
