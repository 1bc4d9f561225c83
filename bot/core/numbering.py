"""How a document numbers its parts: 第3条, 第2章, 第1款, 第十二条, 第2部, 第5回.

Said once for the readers of a piece's lines: `core.structure` (a numbered part's line opens
a section) and `core.byline` (such a line under the title is a heading, never its issuer).
"""

from __future__ import annotations

# The figures a part's number is written in: 3, ３, 十二, 百二十, 二〇.
NUMERAL = "0-9０-９一二三四五六七八九十百千〇"
# 第 + a figure + what is counted: an article, chapter, section, subsection, volume, part,
# instalment or clause (第3条, 第2章, 第1節, 第1款, 第2編, 第1部, 第5回, 第2項).
PART_NUMBER = rf"第\s*[{NUMERAL}]+\s*[条章節款編部回項]"
