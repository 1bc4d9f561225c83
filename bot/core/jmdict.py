"""The English → Japanese table derived from JMdict (bot/data/jmdict_en_ja.tsv.gz: EDRDG,
CC BY-SA 4.0; see bot/data/README.md): each line a gloss key (`gloss_key`), a tab, and the
Japanese forms of the entries glossed so, between `|`.

It is read on first use and searched as text: `forms_of` a key, `entries_with` a form,
`entries_starting` and `entries_ending` the keys around an English word.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from functools import lru_cache

from bot.core.data_files import DATA
from bot.core.once import Once

TABLE = DATA / "jmdict_en_ja.tsv.gz"
# An English word or a figure, as questions and glosses are split.
WORD = re.compile(r"[a-z][a-z'’-]*|[0-9]+(?:[.,][0-9]+)?")
_PAREN = re.compile(r"\([^)]*\)")


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
    g = _PAREN.sub(" ", gloss.lower())
    words = [w for w in WORD.findall(g) if w not in {"to", "a", "an", "the", "one's", "of"}]
    return " ".join(stem(w) for w in words)


def _read_table() -> str:
    """The table as one string, each line `gloss key<TAB>form|form|…` preceded by a newline.
    Looked up with `str.find` rather than parsed into dicts: reading it takes 0.04 s, where
    building an index of its 58,000 lines took 0.15 s on the first English question."""
    return "\n" + gzip.decompress(TABLE.read_bytes()).decode("utf-8")


_TABLE: Once[str] = Once()


def _text() -> str:
    return _TABLE.get(_read_table)


def _line_at(text: str, pos: int) -> tuple[str, tuple[str, ...]]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    key, _, forms = text[start : end if end >= 0 else len(text)].partition("\t")
    return key, tuple(forms.split("|"))


@lru_cache(maxsize=4096)
def forms_of(key: str) -> tuple[str, ...]:
    """The Japanese forms of a gloss key ("relinquish" → 手放す, 返上, …); () if none."""
    text = _text()
    pos = text.find(f"\n{key}\t")
    return _line_at(text, pos + 1)[1] if pos >= 0 else ()


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
