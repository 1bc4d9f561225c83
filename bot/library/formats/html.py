"""HTML to stored text: the page's main text, without navigation or boilerplate (trafilatura).

trafilatura was chosen by measurement (see the README, "A library of pieces"): on our test
pages it keeps every paragraph of the article, drops menus, share buttons, related links and
comments, and is the only candidate that also finds the author, date and site name.
"""

from __future__ import annotations

import logging

from bot.library.errors import PieceError, Reason
from bot.library.formats.markup import BULLET, front_matter, paragraphs_text

log = logging.getLogger(__name__)

_LIST_MARKER = "- "  # trafilatura's plain-text list items
_CHATTY = ("trafilatura", "htmldate", "courlan", "justext")


def render_html(data: bytes, *, url: str | None = None) -> str:
    """The stored text of an HTML page: front matter (title, author, date, site, URL), then
    one paragraph per line. `data` is raw bytes: trafilatura finds the page's encoding."""
    import trafilatura  # only HTML documents pay for the import (about 0.13 s)
    from trafilatura.settings import set_date_params

    if not log.isEnabledFor(logging.DEBUG):
        # Its complaints about a page ("empty HTML tree") are ours to give, in one line.
        for name in _CHATTY:
            logging.getLogger(name).setLevel(logging.CRITICAL)
    doc = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
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
        "date": doc.date,
        "source": doc.sitename,
        "url": doc.url or url,
    }
    lines = [line.strip() for line in doc.text.split("\n")]
    if lines and doc.title and lines[0] == doc.title.strip():
        lines = lines[1:]  # the page's <h1>, already the piece's title
    paragraphs = [
        BULLET + line[len(_LIST_MARKER) :] if line.startswith(_LIST_MARKER) else line
        for line in lines
    ]
    return paragraphs_text(front_matter(meta), paragraphs)
