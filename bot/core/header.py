"""The piece's header (title, author, source, date) as a citable passage: ¶0.

Paragraphs are ¶1…¶N; the header lines are not a paragraph. Here each header field the file
writes gets its offsets in `Article.text`; `Grounder.cite(quote, passage=0)` locates quotes in
them, and a citation of one is `Citation(passage=0, quote, start, end)` with
`article.text[start:end] == quote`, like any other. In `--json` it reads
`{"passage": 0, "quote": "梅雨", "start": 0, "end": 2}`; in answer text its marker is `[¶0]`.

A title the parser derived from the lead (`Metadata.title_derived`) is not in the header: the
lead paragraph holds it, so it is cited there as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.answer import Citation
from bot.core.article import Article
from bot.core.piece_nouns import JA_WORD as _PIECE
from bot.core.piece_nouns import THIS_EN, THIS_JA
from bot.core.scripts import KANJI, KATAKANA

HEADER_PASSAGE = 0
FIELDS = ("title", "author", "source", "date")

_ASKS = {
    "title": re.compile(
        r"タイトル|題名|表題|記事名|記事の名前|何という記事|何の記事|"
        r"\btitle\b|\bheadline\b|what is (?:this|the) (?:piece|article) (?:called|about)",
        re.I,
    ),
    "author": re.compile(
        r"(?:著者|筆者|作者|書き手|執筆者|寄稿者)(?:は|って|の名前|の名|とは)?(?:誰|だれ|何者|どんな人)|"
        r"誰が(?:書|執筆)|執筆者|(?:著者|筆者|作者)名|"
        rf"{THIS_JA}を(?:書いた|執筆した)(?:の|人)は|"
        r"who (?:wrote|is the author|is the writer)|\bauthor of\b|\bwritten by\b|"
        # The whole question is "the author?" (この記事の著者は？, 筆者って？, author?).
        rf"^\s*(?:(?:この|本)(?:{_PIECE})?の?)?"
        r"(?:著者|筆者|作者|書き手|執筆者)(?:は|って)?[？?。]?\s*$|^\s*(?:the\s+)?author\s*[?]?\s*$",
        re.I,
    ),
    "source": re.compile(
        r"出典|(?:どこ|何)に(?:掲載|載っ|発表)|(?:掲載|発表)(?:先|媒体|誌|紙)|初出|"
        # Which outlet (どこの記事？), not where a story is set (どこの話？).
        r"どこの(?:記事|論考|論文|コラム|社説|レポート|媒体|サイト|メディア|新聞|雑誌)"
        rf"(?![{KANJI}{KATAKANA}])|"
        r"\bsource of\b|what is the source|published (?:in|by)|which (?:site|outlet|magazine)|"
        rf"where (?:was|is) (?:it|{THIS_EN}|this) (?:published|from|printed)",
        re.I,
    ),
    "date": re.compile(
        r"日付|いつ書|いつ発表|いつ掲載|いつ公開|公開日|発表日|掲載日|何年に書|"
        # The whole question is "when is the piece from?" (いつの記事？, この話はいつのもの？).
        rf"^\s*(?:(?:これ|それ|{THIS_JA})は)?いつの{_PIECE}(?:です|でしょう)?か?[？?。]*\s*$|"
        rf"{THIS_JA}は(?:いつ|何年)(?:の(?:もの|{_PIECE})?)?(?:です|でしょう)?か?[？?。]*\s*$|"
        rf"\bdate\b|when (?:was|is) (?:it|{THIS_EN}|this) "
        r"(?:written|published|given|delivered)",
        re.I,
    ),
}


@dataclass(frozen=True, slots=True)
class HeaderField:
    """One header line's value (`name` in FIELDS) and its offsets in `Article.text`."""

    name: str
    start: int
    end: int
    text: str


def header_fields(article: Article) -> dict[str, HeaderField]:
    """Each header field the piece's file writes, with its offsets (in reading order)."""
    meta = article.meta
    values = {
        "title": None if meta.title_derived else meta.title,
        "author": meta.author,
        "source": meta.source,
        "date": meta.date,
    }
    out: dict[str, HeaderField] = {}
    for name in FIELDS:
        value = values[name]
        if not value:
            continue
        # The first occurrence outside every paragraph: the header line itself (it may
        # follow a lead paragraph, as in the seeds' shape).
        pos = article.text.find(value)
        while pos >= 0 and article.paragraph_at(pos) is not None:
            pos = article.text.find(value, pos + 1)
        if pos >= 0:
            out[name] = HeaderField(name, pos, pos + len(value), value)
    return out


def header_citation(article: Article, name: str) -> Citation | None:
    """The whole header field `name` as a ¶0 citation, if the file writes it."""
    f = header_fields(article).get(name)
    return Citation(HEADER_PASSAGE, f.text, f.start, f.end) if f else None


def asked_fields(question: str) -> list[str]:
    """Header fields a question asks about (著者は誰？ → ["author"]), in FIELDS order."""
    return [name for name in FIELDS if _ASKS[name].search(question)]
