"""A document's numbered parts, as both readers of a piece's lines see them."""

from __future__ import annotations

import re

import pytest

from bot.core.numbering import PART_NUMBER

_PART = re.compile(PART_NUMBER)


@pytest.mark.parametrize(
    "text", ["第3条", "第２章", "第十二条", "第1款", "第二〇編", "第 5 回", "第1部", "第2項"]
)
def test_a_numbered_part(text: str) -> None:
    assert _PART.fullmatch(text)


@pytest.mark.parametrize(
    # Near misses: a rank, an issue, a count with no 第, 第 before no figure.
    "text",
    ["第3位", "第42号", "3条", "第一人者", "次第"],
)
def test_not_a_numbered_part(text: str) -> None:
    assert not _PART.fullmatch(text)
