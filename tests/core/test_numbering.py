"""A document's numbered parts, as both readers of a piece's lines see them."""

from __future__ import annotations

import re

import pytest

from bot.core.numbering import CODE_PART, PART_NUMBER

_PART = re.compile(PART_NUMBER)
_CODE_PART = re.compile(CODE_PART)


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


@pytest.mark.parametrize("text", ["第3条", "第２章", "第1節", "第1款", "第二〇編"])
def test_a_part_of_a_code_or_a_book(text: str) -> None:
    assert _CODE_PART.fullmatch(text)


@pytest.mark.parametrize("text", ["第2回", "第1部", "第2項", "第3位"])
def test_an_instalment_or_a_clause_is_no_part_of_a_code(text: str) -> None:
    # 第2回 numbers an event of a series (a date list's item), 第2項 a clause, not a section.
    assert not _CODE_PART.fullmatch(text)
