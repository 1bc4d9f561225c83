"""What the piece writes: is a question's naming word (or its abbreviation) anywhere in it?

A question's noun compounds and proper nouns are looked up in the piece with loose spelling
(see `normalize.loose_fold`), by dictionary form, and as abbreviations and full names (国連 /
国際連合, セクハラ / セクシャル・ハラスメント). A proper noun, or a whole compound none of whose
parts the piece ever writes, means the question is about something else: one of the signals
of `relevance`. The question's compounds are `compounds.question_compounds`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.core.article import Article
from bot.core.compounds import LATIN_WORD, SCRIPT_NOUNS, Compound, is_content, question_compounds
from bot.core.language import language_code
from bot.core.normalize import loose_fold
from bot.core.once import Once, once_per
from bot.core.respell import MIN_READING, compound_readings
from bot.core.romaji import Spellings, name_readings, spellings
from bot.core.scripts import KANA_CHAR, KANJI, KATAKANA, is_katakana
from bot.core.tokenize import SYMBOL_WORDS, UNIT_WORDS, Morpheme, morphemes, stem

_KANJI = KANJI + "ヶ"  # 関ヶ原: the small katakana ke is written among kanji
_KANJI_ONLY = re.compile(f"^[{_KANJI}]+$")
_KATAKANA_RUN = re.compile(r"[ァ-ヴー・]{2,}")


# An English word written right after a number (20 years, fifty years ago, 5 metres, a
# 30-minute walk, 38 million dollars): the unit or the thing the number counts.
_AFTER_NUMBER = re.compile(
    r"(?:\b[0-9][0-9,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|(?:thir|four|fif|six|seven|eigh|nine)teen)\b)"
    r"[\s-]*(?:(?:hundred|thousand|million|billion)[\s-]+)?([A-Za-z]+)",
    re.I,
)
_LATIN_IN_TEXT = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]+")
# Suffixes that make an English word of another (rent → rental, book → booking).
_DERIVING = frozenset(
    "al als age ages ing ings er ers ion ions ation ations ment ments ance ence ity ness".split()
)
_DERIVING_MAX = max(map(len, _DERIVING))
_BASE_MIN = 4  # no shorter word is a base (wat is no base of water)


@dataclass(frozen=True, slots=True)
class KeyTermCheck:
    """Which of the question's naming words the piece never writes."""

    compounds: tuple[Compound, ...]
    missing_proper: tuple[str, ...]  # proper nouns the piece never mentions
    missing_compounds: tuple[str, ...]  # compounds none of whose content parts it mentions
    missing_parts: tuple[str, ...]  # every content part it never mentions

    @property
    def key_term_missing(self) -> bool:
        return bool(self.missing_proper or self.missing_compounds)


def _abbreviation(folded: str, *, word_start: bool = False) -> re.Pattern[str] | None:
    """What a word of 2–6 kanji or katakana abbreviates: its characters in order, up to four
    of the same script between each (国連 matches 国際連合, and 国連 itself); `word_start`:
    only where a run of that script begins (ロシア is not in ジヒドロキシアセトン)."""
    if not 2 <= len(folded) <= 6:
        return None
    if _KANJI_ONLY.match(folded):
        cls = _KANJI
    elif is_katakana(folded):
        cls = KATAKANA
    else:
        return None
    gap = f"[{cls}]{{0,4}}"
    start = f"(?<![{cls}])" if word_start else ""
    letters = re.escape(folded[0]) + "".join(gap + re.escape(c) for c in folded[1:])
    return re.compile(start + letters)


def writes_full_form(term: str, folded: str) -> bool:
    """Whether the loosely folded text `folded` writes `term` in a longer form: a word that
    `term` abbreviates (国連 → 国際連合) or, for a katakana name, the name with more before it
    (マーラー → グスタフ・マーラー, folded グスタフマーラー)."""
    t = loose_fold(term)
    pattern = _abbreviation(t, word_start=True)
    if pattern is None:
        return False
    if any(m.group() != t for m in pattern.finditer(folded)):
        return True
    named = f"[{KATAKANA}]+{re.escape(t)}(?![{KATAKANA}])"
    return is_katakana(t) and re.search(named, folded) is not None


@dataclass(frozen=True, slots=True)
class _PieceWords:
    forms: frozenset[str]  # dictionary forms and lexemes, folded
    readings: dict[str, str]  # noun compounds by reading (`respell.compound_readings`)
    names: dict[str, str]  # proper nouns by reading (`romaji.name_readings`)


@dataclass(frozen=True, slots=True)
class _LatinWords:
    words: frozenset[str]  # English (Latin-letter) words, case-folded
    names: frozenset[str]  # those of them written only capitalised
    stems: frozenset[str]  # their stems


@once_per
def folded_text(article: Article) -> str:
    """The piece's whole text (title and header included) folded by `loose_fold`: what
    presence checks read. Worked out once per article, and shared."""
    return loose_fold(article.text)


class PieceVocabulary:
    """What the piece writes, for presence checks (loose spelling; title and header included)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = folded_text(article)
        self._words: Once[_PieceWords] = Once()  # the whole piece tagged: seconds if large
        self._katakana: Once[tuple[str, ...]] = Once()
        self._latin: Once[_LatinWords] = Once()
        self._counted: Once[frozenset[str]] = Once()
        self._derived: Once[dict[str, tuple[str, ...]]] = Once()
        self._name_spellings: Once[Spellings] = Once()
        self._compound_spellings: Once[Spellings] = Once()

    def prepare(self) -> None:
        """Work out now what `mentions` may need, rather than for the first question."""
        self._words.get(self._tag_words)
        self._latin.get(self._latin_words)

    def _tag_words(self) -> _PieceWords:
        """The dictionary forms and lexemes of the piece's words (平壌 gives ピョンヤン too),
        and its noun compounds and proper nouns by their reading, from one pass of the tagger."""
        forms: set[str] = set()
        names: dict[str, str] = {}
        nouns: dict[str, set[str]] = {}  # each noun's readings, wherever it is read

        def tagged(text: str) -> list[Morpheme]:
            # One paragraph's words at a time: the whole piece's would be held at once.
            words = morphemes(text)
            for w in words:
                forms.add(w.orth_base or "")
                forms.add(w.lexeme or "")
                forms.add(SYMBOL_WORDS.get(w.surface, ""))  # ％ is the word パーセント
                forms.add(UNIT_WORDS.get(w.surface.lower(), ""))  # cm is the word センチ
                if w.pos1 == "名詞" and w.reading:
                    nouns.setdefault(w.surface, set()).add(w.reading)
            for reading, surface in name_readings([words]).items():
                names.setdefault(reading, surface)
            return words

        readings = compound_readings(tagged(p.text) for p in self.article.paragraphs)
        # A name is read as the tagger reads it anywhere in the piece: 小夜 is サヤ as a name
        # and サヨ as a word, and Sayo spells it.
        for surface in dict.fromkeys(names.values()):  # in reading order: the same each run
            for reading in sorted(nouns.get(surface, ())):
                names.setdefault(reading, surface)
        forms.discard("")
        return _PieceWords(frozenset(loose_fold(f) for f in forms), readings, names)  # folded once

    @property
    def words(self) -> frozenset[str]:
        """The dictionary forms and lexemes of the piece's words, folded."""
        return self._words.get(self._tag_words).forms

    @property
    def readings(self) -> dict[str, str]:
        """The piece's noun compounds by their reading in katakana (`respell`)."""
        return self._words.get(self._tag_words).readings

    @property
    def names(self) -> dict[str, str]:
        """The piece's proper nouns (高瀬, ふみ) by their reading in katakana (`romaji`)."""
        return self._words.get(self._tag_words).names

    @property
    def name_spellings(self) -> Spellings:
        """The piece's proper nouns by how romaji spells their reading (`romaji.spellings`)."""
        return self._name_spellings.get(lambda: spellings(self.names))

    @property
    def compound_spellings(self) -> Spellings:
        """The piece's noun compounds by how romaji spells their reading (of `MIN_READING` kana
        or more, as for kana: a shorter one has many words)."""
        return self._compound_spellings.get(
            lambda: spellings({r: w for r, w in self.readings.items() if len(r) >= MIN_READING})
        )

    @property
    def latin_stems(self) -> frozenset[str]:
        """The stems of the piece's English (Latin-letter) words."""
        return self._latin.get(self._latin_words).stems

    @property
    def latin_words(self) -> frozenset[str]:
        """The piece's English (Latin-letter) words, case-folded."""
        return self._latin.get(self._latin_words).words

    @property
    def latin_names(self) -> frozenset[str]:
        """The piece's English words written only capitalised (Ikegami, Omizu), case-folded:
        its names."""
        return self._latin.get(self._latin_words).names

    def derived(self, word: str) -> list[str]:
        """The piece's English words made from `word` by a suffix (rent → rental, store →
        storage, book → booking): what it may write for a word a question asks with, to search
        with only (spelling alone also makes state → station, show → shower)."""
        word = word.casefold()
        bases = {word, word[:-1]} if word.endswith("e") else {word}
        by_base = self._derived.get(self._derived_words)  # looked up, not a scan per word
        return sorted({w for base in bases for w in by_base.get(base, ())})

    def _derived_words(self) -> dict[str, tuple[str, ...]]:
        """The piece's English words that end with a suffix of _DERIVING, by what comes before
        it (rent: rental, renter), when that is _BASE_MIN letters or more."""
        derived: dict[str, list[str]] = {}
        for w in self.latin_words:
            for n in range(2, min(_DERIVING_MAX, len(w) - _BASE_MIN) + 1):
                if w[-n:] in _DERIVING:
                    derived.setdefault(w[:-n], []).append(w)
        return {base: tuple(words) for base, words in derived.items()}

    def _latin_words(self) -> _LatinWords:
        """The piece's English words, its names and their stems, from one pass over its text."""
        capitalised: dict[str, bool] = {}  # each word, case-folded: written only capitalised?
        for m in _LATIN_IN_TEXT.finditer(self.article.text):
            word = unicodedata.normalize("NFKC", m.group())
            folded = word.casefold()
            capitalised[folded] = capitalised.get(folded, True) and word[0].isupper()
        return _LatinWords(
            frozenset(capitalised),
            frozenset(w for w, only in capitalised.items() if only),
            frozenset(stem(w) for w in capitalised),
        )

    @property
    def counted(self) -> frozenset[str]:
        """The stems of the English words the piece writes right after a number (years of
        20 years, metre of 5 metres): what its figures count or measure."""
        return self._counted.get(self._counted_words)

    def _counted_words(self) -> frozenset[str]:
        found = _AFTER_NUMBER.finditer(unicodedata.normalize("NFKC", self.article.text))
        return frozenset(stem(m.group(1).casefold()) for m in found)

    @property
    def katakana(self) -> tuple[str, ...]:
        """The piece's katakana words, sorted (names split at ・), for `lexicon` to match
        English names to by sound, and `respell.in_katakana` words typed in hiragana."""
        return self._katakana.get(self._katakana_words)

    def _katakana_words(self) -> tuple[str, ...]:
        words = set()
        for run in _KATAKANA_RUN.findall(self.article.text):
            words.update(p for p in run.split("・") if len(p) >= 2)
        return tuple(sorted(words))

    def mentions(self, surface: str, lemma: str | None = None, lexeme: str | None = None) -> bool:
        """Whether the piece writes `surface`, or its dictionary form `lemma`, or another
        spelling of the word (`lexeme`: ピョンヤン where the piece writes 平壌), or an
        abbreviation or full name of it."""
        if LATIN_WORD.match(surface):
            # Whole words: the folded text has lost its spaces ("die" is in "soldiers").
            stems = self.latin_stems
            words = [w.casefold() for w in _LATIN_IN_TEXT.findall(surface)]
            return bool(words) and all(stem(w) in stems for w in words)
        s = loose_fold(surface)
        if s and s in self.text:
            return True
        if self.abbreviated(surface) or self.expanded(surface):
            return True  # checked first: the dictionary forms need the whole piece tagged
        forms = self._words.get(self._tag_words).forms
        return any(f and loose_fold(f) in forms for f in (lemma, lexeme))

    def abbreviated(self, term: str) -> bool:
        """`term` abbreviates a word of the piece: its characters, in order, open a longer
        word of the same script (国連 → 国際連合, セクハラ → セクシャルハラスメント)."""
        pattern = _abbreviation(loose_fold(term))
        return pattern is not None and pattern.search(self.text) is not None

    def expanded(self, term: str) -> bool:
        """The piece abbreviates `term`: the first character of each of its morphemes (kanji),
        or the first two of each (katakana), form a word the piece writes (国際連合 → 国連)."""
        t = loose_fold(term)
        if len(t) < 4:
            return False
        morphs = [w.surface for w in morphemes(t)]
        if len(morphs) < 2:
            return False
        if _KANJI_ONLY.match(t):
            short = "".join(m[0] for m in morphs)
        elif is_katakana(t):
            short = "".join(m[:2] for m in morphs)
        else:
            return False
        return len(short) >= 2 and short in self.text

    def check(self, question: str) -> KeyTermCheck:
        if language_code(self.article.meta.language) == "zh" and not KANA_CHAR.search(question):
            # Chinese: the tagger is Japanese, and reads 谁把 or 做了 as words the piece never
            # writes. With no analyser of Chinese at hand, the check knows nothing to be missing.
            return KeyTermCheck((), (), (), ())
        compounds = question_compounds(question)
        missing_proper: list[str] = []
        missing_compounds: list[str] = []
        missing_parts: list[str] = []
        for c in compounds:
            named = [is_content(p) for p in c.parts]
            if not any(named):
                continue
            # A language or script counts beside a word that names something (英語教室).
            content = [
                p for p, n in zip(c.parts, named, strict=True) if n or p.lemma in SCRIPT_NOUNS
            ]
            whole = self.mentions(c.surface)
            absent = [
                p for p in content if not whole and not self.mentions(p.surface, p.lemma, p.lexeme)
            ]
            missing_parts += [p.surface for p in absent]
            missing_proper += [p.surface for p in absent if p.proper]
            if absent and len(absent) == len(content):
                missing_compounds.append(c.surface)
        return KeyTermCheck(
            tuple(compounds), tuple(missing_proper), tuple(missing_compounds), tuple(missing_parts)
        )
