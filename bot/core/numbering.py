"""How a document numbers its parts: 第3条, 第2章, 第1款, 第十二条, 第2部, 第5回.

Said once for the readers of a piece's lines: `core.structure` (a code's, a regulation's or a
book's numbered part opens a section: `CODE_PART_NUMBER`), `core.heading_names` (which part
a heading names) and `core.byline` (any numbered part under
the title is a heading or an item, never its issuer: `PART_NUMBER`).
"""

from __future__ import annotations

# The figures a part's number is written in: 3, ３, 十二, 百二十, 二〇.
NUMERAL = "0-9０-９一二三四五六七八九十百千〇"
# The parts of a code, a regulation or a book: an article, chapter, section, subsection,
# volume (第3条, 第2章, 第1節, 第1款, 第2編).
CODE_PARTS = "条章節款編"
# What else is numbered in order: a part of a work or a programme, an instalment of a series
# of events, a clause (第1部, 第5回, 第2項). A date list's lines (第2回　5月8日) are such items.
SERIES_PARTS = "部回項"


def _numbered(parts: str) -> str:
    """第 + a figure + one of `parts` (what is counted)."""
    return rf"第\s*[{NUMERAL}]+\s*[{parts}]"


CODE_PART = _numbered(CODE_PARTS)
# A code's part with its branch number, if any (第3条, 第3条の2): what a heading numbers.
CODE_PART_NUMBER = rf"{CODE_PART}(?:の[{NUMERAL}]+)?"
PART_NUMBER = _numbered(CODE_PARTS + SERIES_PARTS)
