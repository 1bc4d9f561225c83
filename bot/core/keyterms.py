"""Key terms of a piece (noun phrases recurring across paragraphs), computed from its text alone."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator

from bot.core.article import Article
from bot.core.scripts import is_hiragana
from bot.core.tokenize import EN_STOPWORDS, fold, morphemes

MAX_TERM_CHARS = 40
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_NOUNISH_SUFFIX = {"名詞的", "形状詞的"}


def _ja_phrases(text: str) -> Iterator[str]:
    """Noun compounds (prefix + nouns + noun-like suffixes) and their single nouns, verbatim."""
    run: list[tuple[int, int, str, str]] = []  # (start, end, pos1, pos2) of each token in text

    def flush() -> Iterator[str]:
        while run and run[-1][2] == "接頭辞":
            run.pop()
        if not run:
            return
        nouns = [text[a:b] for a, b, p1, p2 in run if p1 == "名詞" and p2 != "数詞"]
        if any(p2 == "数詞" for _, _, _, p2 in run):
            # Dates and figures are poor topics, but the words around them may not be.
            yield from (n for n in nouns if len(n) >= 2)
            return
        phrase = text[run[0][0] : run[-1][1]]
        if "\n" not in phrase:
            yield phrase
        if len(run) > 1:
            yield from (n for n in nouns if len(n) >= 2)

    pos = 0
    for word in morphemes(text):
        pos1, pos2 = word.pos1, word.pos2
        start = text.find(word.surface, pos)
        if start < 0:  # the tagger normalised something: skip the token, keep going
            yield from flush()
            run.clear()
            continue
        pos = start + len(word.surface)
        noun = pos1 == "名詞" and pos2 not in {"非自立可能", "代名詞"}
        opens = pos1 == "接頭辞" and not run
        continues = pos1 == "接尾辞" and pos2 in _NOUNISH_SUFFIX and bool(run)
        if noun or opens or continues:
            run.append((start, pos, pos1, pos2))
        else:
            yield from flush()
            run.clear()
    yield from flush()


def _latin_phrases(text: str) -> Iterator[str]:
    """Runs of up to three content words written next to each other (only spaces between
    them: a figure or a comma ends a run), and the content words themselves, verbatim."""
    run: list[re.Match[str]] = []

    def flush() -> Iterator[str]:
        for size in (3, 2, 1):
            for i in range(len(run) - size + 1):
                yield text[run[i].start() : run[i + size - 1].end()]
        run.clear()

    for m in _LATIN_WORD.finditer(text):
        folded = fold(m.group())
        if run and text[run[-1].end() : m.start()].strip(" "):
            yield from flush()
        if folded not in EN_STOPWORDS and len(folded) > 2:
            run.append(m)
        else:
            yield from flush()
    yield from flush()


def _good(term: str) -> bool:
    if not 2 <= len(term) <= MAX_TERM_CHARS:
        return False
    if is_hiragana(term):
        return False
    return any(unicodedata.category(c).startswith("L") for c in term)


def key_terms(article: Article, limit: int = 100) -> list[str]:
    """The piece's key terms, most characteristic first (the whole piece is tagged: callers
    keep what they need, as /quote's autocomplete does per piece).

    A term scores by how many paragraphs use it (a topic, not a one-off),
    weighted up for longer phrases (more specific) and down when nearly every
    paragraph has it (too general to pick quotes by). A term that only ever
    appears inside a longer term that scores as well is dropped.
    """
    japanese = article.meta.language.startswith("ja")
    n = len(article.paragraphs)
    df: Counter[str] = Counter()
    tf: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for p in article.paragraphs:
        phrases = _ja_phrases(p.text) if japanese else _latin_phrases(p.text)
        seen: set[str] = set()
        for phrase in phrases:
            if not _good(phrase):
                continue
            key = fold(phrase)
            shown.setdefault(key, phrase)
            tf[key] += 1
            if key not in seen:
                seen.add(key)
                df[key] += 1
    if not df:
        return []

    def score(key: str) -> float:
        spread = df[key] / n
        generic = 0.5 if n >= 4 and spread > 0.8 else 1.0
        return (df[key] + 0.25 * tf[key]) * math.log1p(len(key)) * generic

    ranked = sorted(df, key=lambda k: (-score(k), k))
    kept: list[str] = []
    for key in ranked:
        if any(key in longer and tf[key] <= tf[longer] for longer in kept):
            continue
        kept.append(key)
        if len(kept) >= limit:
            break
    return [shown[k] for k in kept]


def matching(terms: Iterable[str], typed: str, limit: int = 25) -> list[str]:
    """Terms for an autocomplete box: those starting with what was typed, then containing it."""
    needle = fold(typed.strip())
    if not needle:
        return list(terms)[:limit]
    starts: list[str] = []
    contains: list[str] = []
    for term in terms:
        folded = fold(term)
        if folded.startswith(needle):
            starts.append(term)
        elif needle in folded:
            contains.append(term)
    return (starts + contains)[:limit]
