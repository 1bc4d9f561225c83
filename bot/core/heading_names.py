"""What a section heading names: the particular things it is about (a numbered part, a
model code and its name, a proper noun), or nothing when it names a kind of content (まとめ,
POINT, Introduction). A heading that names something names its section: quoted whole, it is
a citation of it at any length (`core.grounding`)."""

from __future__ import annotations

import re
import unicodedata

from bot.core.dates import ERA
from bot.core.numbering import CODE_PART_NUMBER
from bot.core.tokenize import EN_STOPWORDS, morphemes

_ERA = re.compile(ERA)
# What a heading names in Latin letters: a model code (S9, FL-300, iPhone), or a word of a
# sentence-case English heading.
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9]|[A-Za-z]")
# A katakana name right before a model code: the product's name (ミニモ Q2).
_KATAKANA_RUN = re.compile(r"[ァ-ヴー・]{2,}[ \t　]*$")
# The words, in capitals or cut short, a heading labels its kind of content with, numbered or
# not (POINT, STEP1, FAQ, NG例, Vol.2, おすすめPOINT): they name nothing.
_LABELS = frozenset(
    "point points step steps tip tips note notes memo faq ng ok vol no part check case "
    "info topic topics pickup summary index news extra bonus column lesson chapter".split()
)
# A name written with a capital inside it: a coined product name (iPhone, eBay, YouTube).
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")


def _code(word: str, text: str, start: int) -> bool:
    """Whether a Latin `word` of a heading, at `start` in `text`, is a model code: letters and
    figures (Q2, FL-300, S9), capitals after a katakana name (ソラマメ XR), or a capital inside a
    coined name (iPhone); not a label (STEP2, POINT, FAQ, Vol.2)."""
    letters = "".join(c for c in word if c.isalpha())
    if letters.casefold() in _LABELS:
        return False
    capitals = sum(c.isupper() for c in letters)
    if _INNER_CAPITAL.search(word):
        return True
    if capitals == 0:
        return False
    figures = any(c.isdigit() for c in word)
    return figures or (capitals > 1 and _KATAKANA_RUN.search(text, 0, start) is not None)


def heading_names(heading: str) -> tuple[str, ...]:
    """The particular things a section heading names, as it writes them: a numbered part
    (第7条（貸出期間）→ 第7条), a model code in Latin letters and the katakana name before it
    (ミニモ Q2 → Q2, ミニモ; iPhoneの使い方 → iPhone), a proper noun the tagger knows (北海道の冬 →
    北海道), and in a sentence-case English heading a capitalised word after the first (Early
    life in Copenhagen → Copenhagen). None for a heading that names a kind of content (はじめに,
    まとめ, 概要, 比較のしかた, 第二の理由, Introduction, Early Life, POINT, STEP2 にぎる, FAQ),
    nor for an era (大正時代) or the pronoun I."""
    text = unicodedata.normalize("NFKC", heading).strip().lstrip("#").strip()
    names: list[str] = []
    if (number := re.match(CODE_PART_NUMBER, text)) is not None:
        names.append(number.group())
    words = [m for m in _LATIN_WORD.finditer(text) if any(c.isalpha() for c in m.group())]
    # Title Case capitalises every word: then a capital says nothing.
    sentence_case = any(
        m.group()[0].islower() for m in words if m.group().casefold() not in EN_STOPWORDS
    )
    for m in words:
        word = m.group()
        code = _code(word, text, m.start())
        if code and (before := _KATAKANA_RUN.search(text, 0, m.start())) is not None:
            names.append(before.group().strip())
        capitalised = word[0].isupper() and word.casefold() not in EN_STOPWORDS | _LABELS
        if code or (sentence_case and m.start() > 0 and capitalised):
            names.append(word)
    tagged = morphemes(text)
    names += [
        w.surface
        for w, after in zip(tagged, [*tagged[1:], None], strict=True)
        if w.pos2 == "固有名詞" and len(w.surface) > 1 and not w.surface.isascii()
        # not an era, which dates (令和6年), nor a part of a name found (ハル of ハルカゼ)
        and not (after is not None and (after.pos2 == "数詞" or after.surface.startswith("元")))
        and _ERA.fullmatch(w.surface) is None
        and not any(w.surface in name for name in names)
    ]
    return tuple(dict.fromkeys(names))
