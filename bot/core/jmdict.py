"""The English → Japanese table derived from JMdict (bot/data/jmdict_en_ja.tsv.gz: EDRDG,
CC BY-SA 4.0; see bot/data/README.md): each line a gloss key (`gloss_key`), a tab, and the
Japanese forms of the entries glossed so, between `|`.

It is read on first use and searched as text: `forms_of` a key, `entries_with` a form,
`entries_starting` and `entries_ending` the keys around an English word.

`rare_forms_of` a key reads a second table of the same shape, bot/data/jmdict_en_ja_rare.tsv.gz:
the entries without a frequency-of-use mark (賃料 rent, 貸主 landlord, 更新料 renewal fee,
定休日 regular holiday). They are looked up only for an English word whose common forms the
piece does not write, and never read the other way (a Japanese word's glosses), where their
senses would make synonyms of words that are not.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from bot.core.data_files import DATA
from bot.core.once import Once

TABLE = DATA / "jmdict_en_ja.tsv.gz"
RARE_TABLE = DATA / "jmdict_en_ja_rare.tsv.gz"
KIN_TABLE = DATA / "jmdict_kin_rare.tsv.gz"
# An English word or a figure, as questions and glosses are split.
WORD = re.compile(r"[a-z][a-z'’-]*|[0-9]+(?:[.,][0-9]+)?")
# A parenthesis holding none: nested ones go innermost first ("dog (Canis (lupus) familiaris)").
_PAREN = re.compile(r"\([^()]*\)")
_NESTING = 4  # parentheses deeper than this are left as they are


def stem(word: str) -> str:
    """A crude English stem (plural, past, -ing): enough to meet dictionary glosses."""
    w = word.lower().strip("'’-")
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ches", "ch")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + repl
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    if w.endswith("ing") and len(w) > 5:
        return w[:-3]
    if w.endswith("ed") and len(w) > 4:
        return w[:-2]
    return w


def gloss_key(gloss: str) -> str:
    """An English gloss or phrase as a lookup key: lower case, no parentheses or articles,
    each word stemmed ("nuclear (bomb) test" → "nuclear test")."""
    g = gloss.lower()
    for _ in range(_NESTING):
        g, dropped = _PAREN.subn(" ", g)
        if not dropped:
            break
    words = [w for w in WORD.findall(g) if w not in {"to", "a", "an", "the", "one's", "of"}]
    return " ".join(stem(w) for w in words)


def _read(path: Path) -> str:
    """A table as one string, each line `gloss key<TAB>form|form|…` preceded by a newline.
    Searched as text rather than parsed into dicts: reading the common table takes 0.04 s,
    where building an index of its 58,000 lines took 0.15 s on the first English question."""
    return "\n" + gzip.decompress(path.read_bytes()).decode("utf-8")


_TABLE: Once[str] = Once()
_RARE: Once[str] = Once()
_KIN: Once[str] = Once()


def _text() -> str:
    return _TABLE.get(lambda: _read(TABLE))


def _find_key(text: str, key: str) -> tuple[str, ...]:
    """The forms of `key` in a table, found by bisecting its lines (sorted by key, the
    licence line first): a few dozen short scans, where `str.find` read up to the whole
    table for a key it lacks."""
    lo, hi = text.find("\n", 1), len(text)  # past the licence line
    while lo < hi:
        mid = text.rfind("\n", lo, (lo + hi) // 2 + 1)
        if mid < lo:
            mid = lo
        after = text.find("\n", mid + 1)
        end = text.find("\t", mid + 1, after if after >= 0 else len(text))
        if end < 0:  # the empty line after the last
            hi = mid
            continue
        line_key = text[mid + 1 : end]
        if line_key == key:
            return _line_at(text, mid + 1)[1]
        if line_key < key:
            lo = text.find("\n", end)
            if lo < 0:
                break
        else:
            hi = mid
    return ()


def _line_at(text: str, pos: int) -> tuple[str, tuple[str, ...]]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    key, _, forms = text[start : end if end >= 0 else len(text)].partition("\t")
    return key, tuple(forms.split("|"))


@lru_cache(maxsize=4096)
def forms_of(key: str) -> tuple[str, ...]:
    """The Japanese forms of a gloss key ("relinquish" → 手放す, 返上, …); () if none."""
    return _find_key(_text(), key)


@lru_cache(maxsize=4096)
def rare_forms_of(key: str) -> tuple[str, ...]:
    """The forms of a gloss key among the entries without a frequency mark (see above)."""
    return _find_key(_RARE.get(lambda: _read(RARE_TABLE)), key)


@lru_cache(maxsize=4096)
def rare_kin_of(word: str) -> tuple[str, ...]:
    """The rarer entries' words that share a gloss and a kanji with a common word in kanji
    (家賃 → 賃料), from the table `benchmarks/build_lexicon.py` derives: a Japanese question
    need not read the rare table itself."""
    return _find_key(_KIN.get(lambda: _read(KIN_TABLE)), word)


@lru_cache(maxsize=4096)
def glosses_word(word: str) -> bool:
    """Whether `word` is a word of any English gloss in the table, as written."""
    return re.search(f"[\\n ]{re.escape(word)}[ \\t]", _text()) is not None


def entries_starting(prefix: str) -> list[tuple[str, tuple[str, ...]]]:
    """(gloss key, forms) of the one-word gloss keys that start with `prefix` (stems of one
    English word)."""
    text = _text()
    out = []
    pos = text.find("\n" + prefix)
    while pos >= 0:
        key, forms = _line_at(text, pos + 1)
        if " " not in key:
            out.append((key, forms))
        pos = text.find("\n" + prefix, pos + 1)
    return out


def entries_ending(word: str) -> list[tuple[str, tuple[str, ...]]]:
    """(gloss key, forms) of the two-word gloss keys whose last word is `word` (train
    station, sum total): the compounds a word heads."""
    text = _text()
    out = []
    pos = text.find(f" {word}\t")
    while pos >= 0:
        key, forms = _line_at(text, pos)
        if key.count(" ") == 1:
            out.append((key, forms))
        pos = text.find(f" {word}\t", pos + 1)
    return out


def entries_with(word: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(gloss key, forms) of every line of the table that has `word` among its forms."""
    if not word or any(c in word for c in "\t\n|"):
        return  # no form holds these: nothing to scan the table for
    text = _text()
    pos = text.find(word)
    while pos >= 0:
        before, after = text[pos - 1], text[pos + len(word) : pos + len(word) + 1]
        if before in "\t|" and after in "|\n":  # a whole form, not part of a longer one
            yield _line_at(text, pos)
            end = text.find("\n", pos)
            pos = text.find(word, end) if end >= 0 else -1
        else:
            pos = text.find(word, pos + 1)


def is_japanese_word(word: str) -> bool:
    """Whether `word` is a Japanese form of any entry of the table (a common word)."""
    return next(entries_with(word), None) is not None


def glossed_with(word: str) -> list[tuple[str, ...]]:
    """The form lists of every gloss that has `word` among its forms."""
    return [forms for _, forms in entries_with(word)]
