"""Sentence splitting with offsets: Japanese and Latin sentence ends, brackets and quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.scripts import HALFWIDTH_KATAKANA, KANA, KANJI

# Sentence terminators: Japanese full stops and marks, plus their ASCII forms.
_JA_TERMINATORS = "。！？!?．"
# What a line that is a sentence ends with (a heading, a title or a byline ends with none of
# them); a title may still ask, so a full-width ？ is not among them.
SENTENCE_END = tuple("。．.!?！")
_OPENERS = "「『（(［[〔【〈《“‘"
_CLOSERS = "」』）)］]〕】〉》”’"
_PAIR = dict(zip(_OPENERS, _CLOSERS, strict=True))
# What may trail a terminator and still belong to the same sentence.
_TRAILERS = set(_CLOSERS) | {'"', "'", "…", "‥"}
_LATIN_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "vs", "no", "e.g", "i.e", "etc", "u.s", "prof"}
# A time's a.m. / p.m. ends a sentence only before a word that is no day or month: "from 10
# p.m. to 7 a.m. Sunday through Thursday" is one sentence, "opens at 8 a.m. Children must…"
# two.
_TIMES = {"a.m", "p.m"}
_DAY_OR_MONTH = re.compile(
    r"\s+(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?s?\b|"
    r"\s+(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b|\s+[0-9]"
)
_CJK = re.compile(f"[{KANA}{KANJI}{HALFWIDTH_KATAKANA}]")
# A bracket or quote still open this many characters on is a stray mark, not a quotation:
# sentence ends count again (one stray 「 would otherwise make the rest of a paragraph, up to
# megabytes, one sentence).
_MAX_QUOTED_CHARS = 500
# A sentence never runs longer: text with no sentence ends (a transcript, OCR output, a script
# that marks none) is cut at the last pause (、 , ; or a space) before this many characters,
# or at this many if there is none. The longest sentence of the development split's 42
# articles and the project's pieces has 384 characters.
MAX_SENTENCE_CHARS = 500
_PAUSE = re.compile(r"[、，,;；:：]\s*|\s+")
# The characters `split_sentences` acts on; between two of them it only moves on.
_ACTED_ON = _JA_TERMINATORS + _OPENERS + _CLOSERS + ".!?\n"
_SPLIT_CHARS = frozenset(_ACTED_ON)
_MARKS = re.compile("[" + re.escape(_ACTED_ON) + "]")
_WORD_END = re.compile(r"[\w.]*$")
# A list item's number alone (the 1 of `1. Boil the water.`): the full stop after it ends
# no sentence.
LIST_NUMBER = r"[0-9０-９]{1,2}"  # a list item's number as it is written: 1. / （２）/ 12)
# A line that opens a new entry of a log or a chat: a time (19:03, [19:03]) or a date.
_ENTRY_OPENS = re.compile(r"[ \t]*(?:\[?\d{1,2}:\d{2}\b|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})")
_LIST_NUMBER = re.compile(rf"\s*{LIST_NUMBER}")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range `[start, end)` into some text."""

    start: int
    end: int


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def split_sentences(
    text: str, start: int = 0, end: int | None = None, *, newline_ends: bool = True
) -> list[Span]:
    """Split `text[start:end]` into sentences and return their spans in `text`.

    A terminator ends a sentence only outside brackets and quotes, so
    「…である。」と述べた。 stays one sentence; closing quotes and brackets that
    follow a terminator stay with the sentence they close. Latin text is split
    at `. ! ?` followed by space and a capital or digit. With `newline_ends=False`
    (wrapped paragraphs), a line break is just a space, unless the next line opens with a
    time or a date, as a log's or a chat's entries do (19:03 山田恵 候補日は…).
    """
    end = len(text) if end is None else end
    spans: list[Span] = []
    stack: list[str] = []
    opened_at = start  # where the outermost open bracket or quote opened
    sentence_start = start
    i = start
    while i < end:
        ch = text[i]
        if ch not in _SPLIT_CHARS:
            # Nothing happens at a letter: on to the next mark at once (stepping through
            # every letter in Python took 0.19 s on a megabyte of Latin text; now 0.03 s).
            mark = _MARKS.search(text, i, end)
            i = mark.start() if mark else end
            continue
        if stack and i - opened_at > _MAX_QUOTED_CHARS and ch in _JA_TERMINATORS + ".!?":
            stack.clear()
        if ch in _PAIR:
            if not stack:
                opened_at = i
            stack.append(_PAIR[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in _CLOSERS and ch in stack:
            # A mismatched closer: unwind to it so one stray bracket cannot swallow the text.
            while stack and stack.pop() != ch:
                pass
        closes_quoted_sentence = (
            not stack
            and ch in _CLOSERS
            and i > start
            and text[i - 1] in _JA_TERMINATORS
            and (i + 1 >= end or text[i + 1] in _OPENERS or text[i + 1].isspace())
        )
        if (
            (ch == "\n" and (newline_ends or _ENTRY_OPENS.match(text, i + 1, end)))
            or closes_quoted_sentence
            or (
                not stack
                and ch in _JA_TERMINATORS
                and _ends_here(text, i, end)
                and not (ch == "．" and _LIST_NUMBER.fullmatch(text, sentence_start, i))
            )
        ):
            j = i + 1
            while j < end and (text[j] in _TRAILERS or text[j] in _JA_TERMINATORS):
                j += 1
            span = _trim(text, sentence_start, j)
            if span:
                spans.append(span)
            sentence_start = j
            i = j
            stack.clear()
            continue
        if not stack and ch in ".!?":
            m = _LATIN_END.match(text, i, end)
            # The word before is read only at a possible end (not at every full stop).
            if (
                m
                and (word := _word_before(text, max(sentence_start, i - 12), i))
                not in _ABBREVIATIONS
                and not (word in _TIMES and _DAY_OR_MONTH.match(text, m.end(), end))
                and not (ch == "." and _LIST_NUMBER.fullmatch(text, sentence_start, i))
            ):
                span = _trim(text, sentence_start, m.end())
                if span:
                    spans.append(span)
                sentence_start = m.end()
                i = m.end()
                continue
        i += 1
    span = _trim(text, sentence_start, end)
    if span:
        spans.append(span)
    if any(sp.end - sp.start > MAX_SENTENCE_CHARS for sp in spans):
        spans = [part for sp in spans for part in _bounded(text, sp)]
    return spans


def _word_before(text: str, start: int, end: int) -> str:
    """The word (dots included: e.g) that `text[start:end]` ends with, in lower case."""
    return _WORD_END.search(text[start:end]).group().lower()


def _bounded(text: str, span: Span) -> list[Span]:
    """`span` cut into sentences of at most `MAX_SENTENCE_CHARS`, each at a pause if one
    falls in its second half."""
    out: list[Span] = []
    start = span.start
    while span.end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        pauses = [m.end() for m in _PAUSE.finditer(text, start + MAX_SENTENCE_CHARS // 2, limit)]
        cut = pauses[-1] if pauses else limit
        if piece := _trim(text, start, cut):
            out.append(piece)
        start = cut
    if piece := _trim(text, start, span.end):
        out.append(piece)
    return out


def _ends_here(text: str, i: int, end: int) -> bool:
    """An ASCII `!`/`?`/`．` ends a sentence only in Japanese context or at a boundary."""
    ch = text[i]
    if ch in "。！？":
        return True
    nxt = text[i + 1] if i + 1 < end else ""
    prev = text[i - 1] if i > 0 else ""
    if ch == "．":
        return not (prev.isdigit() and nxt.isdigit())
    return bool(_CJK.match(prev)) or nxt == "" or nxt.isspace() or bool(_CJK.match(nxt))
