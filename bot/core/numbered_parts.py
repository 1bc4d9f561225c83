"""The numbered parts a text names (第8回, 第二十八条, 第3代), read as numbers: a question
naming one the piece never does (第8回の大賞は誰？ of the ninth contest's results) asks of
something else than the piece."""

from __future__ import annotations

import re

from bot.core.enumeration import to_int
from bot.core.numbering import CODE_PARTS, NUMERAL, SERIES_PARTS

# Anything numbered in order: a code's or a series' part (第28条, 第8回), a holder of an office
# (第3代), an issue, a round, a term, a volume, an episode, an edition (第2号, 第2次, 第5期,
# 第3巻, 第12話, 第2版, 第3世代).
_ORDINAL = re.compile(rf"第\s*([{NUMERAL}]+)\s*(世代|[{CODE_PARTS}{SERIES_PARTS}代号次期巻話版])")


def numbered(text: str) -> set[tuple[int, str]]:
    """The numbered parts `text` names, as (number, what is counted): 第8回 and 第八回 are
    both (8, "回"); a number not read (第百二十回) is left out."""
    found = {(to_int(n), part) for n, part in _ORDINAL.findall(text)}
    return {(n, part) for n, part in found if n > 0}
