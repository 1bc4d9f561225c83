"""Words a question names that the piece says otherwise: not missing from it.

A key term the piece never writes is a strong sign that it does not cover a question
(`vocabulary.KeyTermCheck`), unless the piece names the same thing another way: a proper noun
under the name the dictionary gives for it (米国 for アメリカ), or, in the best passages, a
word through a certain synonym, a measure, a value given unnamed or an amount.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.core.normalize import loose_fold
from bot.core.question import FEE
from bot.core.scripts import is_hiragana
from bot.core.thesaurus import measures, synonyms
from bot.core.values import as_read, value_given
from bot.core.vocabulary import KeyTermCheck, PieceVocabulary

_FEE = re.compile(FEE)


def named_otherwise(check: KeyTermCheck, vocabulary: PieceVocabulary) -> KeyTermCheck:
    """`check` without the proper nouns the piece writes under another name that the
    dictionary gives for the same thing (アメリカ where a Meiji text writes 米国)."""
    if not check.missing_proper:
        return check
    from bot.core.lexicon import synonyms_in_piece  # loads the dictionary on need

    found = {p for p in check.missing_proper if synonyms_in_piece(p, vocabulary)}
    return _without(check, found)


def said_otherwise(
    check: KeyTermCheck, texts: Sequence[str], *, priced: bool = False
) -> KeyTermCheck:
    """`check` without the words the best passages (`texts`) say through a certain synonym
    (エアポート where they write 空港, 父親 where they write 父), state as the measure they ask
    for (広さ where they write 面積: `thesaurus.measures`), or ask for a value they give
    unnamed (電話番号 where they write （0570-012-345）: `values`), or name the amount asked
    for where they give one (`priced`: 値段 where they write 価格：11,000円). Only there: a synonym
    elsewhere in the piece makes a near-miss look covered (討論 → 議論)."""
    words = set(check.missing_parts) | set(check.missing_compounds)
    if not words:
        return check
    passages = loose_fold(" ".join(texts))
    given = as_read("\n".join(texts))
    found = {
        w
        for w in words
        if any(
            len(s) > 1 and not is_hiragana(s) and loose_fold(s) in passages
            for s in (*measures(w), *synonyms(w, certain=True), *_english_synonyms(w))
        )
        or value_given(w, given)
        or (priced and _FEE.fullmatch(w) is not None)
    }
    return _without(check, found)


def _english_synonyms(word: str) -> list[str]:
    """`lexicon_en.english_synonyms` of an English word (stroller → pushchair), or none."""
    if not word.isascii() or not word.isalpha():
        return []
    from bot.core.lexicon_en import english_synonyms  # loads the dictionary on need

    return english_synonyms(word)


def _without(check: KeyTermCheck, found: set[str]) -> KeyTermCheck:
    if not found:
        return check
    return replace(
        check,
        missing_proper=tuple(p for p in check.missing_proper if p not in found),
        missing_parts=tuple(p for p in check.missing_parts if p not in found),
        missing_compounds=tuple(c for c in check.missing_compounds if c not in found),
    )
