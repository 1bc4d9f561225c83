"""Japanese names written in Latin letters (Takase, Tōkyō, Shin'ichi), read against the piece's.

An English question names Japanese people and places in romaji, while the piece writes them in
kanji or kana (高瀬, ふみ, 東京). UniDic reads each of the piece's proper nouns (`Morpheme.reading`,
collected by `name_readings`; its kanji compounds are read by `respell.compound_readings`);
`spellings` romanises those readings with a small table (`romanise`), once per piece, and
`names_read_as` compares them with the question's word after both are brought to one spelling
(`spelling_key`), so the ways romaji
is written meet: long vowels marked, doubled or left out (Tōkyō, Toukyou, Tokyo → トウキョウ;
Ōno, Ohno, Oono → オオノ), ン before a vowel with or without an apostrophe (Shin'ichi, Shinichi
→ シンイチ), m before b/p (Shimbashi), Kunrei-shiki's si/ti/tu/hu.

Romanising the reading rather than converting the romaji to kana is what lets the unmarked
forms meet: a converter to kana (jaconv's alphabet2kata) reads Shinichi as シニチ and Gumma as
グッマ. On a hand list of 83 spellings of 46 readings, this way matched all 83, jaconv with the
same long-vowel folding 78, so the project takes no converter on.

A reading is only compared, never guessed: a word names something of the piece only when it
spells exactly the reading of a word the piece writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from bot.core.scripts import to_katakana
from bot.core.tokenize import Morpheme

# A name's spelling must be this long (in letters) to stand for it: Ono, Ito, not Ai.
MIN_LETTERS = 3

_KANA = (
    "ア a イ i ウ u エ e オ o カ ka キ ki ク ku ケ ke コ ko サ sa シ shi ス su セ se ソ so "
    "タ ta チ chi ツ tsu テ te ト to ナ na ニ ni ヌ nu ネ ne ノ no ハ ha ヒ hi フ fu ヘ he "
    "ホ ho マ ma ミ mi ム mu メ me モ mo ヤ ya ユ yu ヨ yo ラ ra リ ri ル ru レ re ロ ro "
    "ワ wa ヲ o ン n ガ ga ギ gi グ gu ゲ ge ゴ go ザ za ジ ji ズ zu ゼ ze ゾ zo ダ da ヂ ji "
    "ヅ zu デ de ド do バ ba ビ bi ブ bu ベ be ボ bo パ pa ピ pi プ pu ペ pe ポ po ヴ vu"
).split()
_ROMAJI = dict(zip(_KANA[::2], _KANA[1::2], strict=True))
_SMALL = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ャ": "ya", "ュ": "yu", "ョ": "yo"}

# Long vowels marked with a macron or a circumflex (Tōkyō, Tôkyô): the plain vowel.
_MARKED = "āīūēōâîûêôĀĪŪĒŌÂÎÛÊÔ"
_UNMARKED = str.maketrans(_MARKED, "aiueoaiueoAIUEOAIUEO")
# Kunrei-shiki and other spellings of Hepburn's sounds (si → shi, tya → cha), none of which
# Hepburn writes itself (hu only after s or c: shu, chu).
_KUNREI = (
    (r"sy", "sh"),
    (r"si", "shi"),
    (r"ty", "ch"),
    (r"ti", "chi"),
    (r"tu", "tsu"),
    (r"(?<![sc])hu", "fu"),
    (r"[zj]y", "j"),
    (r"[zd]i", "ji"),
    (r"du", "zu"),
)
_NOT_ROMAJI = re.compile(r"[^a-z]")


def unmark_long_vowels(text: str) -> str:
    """`text` with macrons and circumflexes dropped: Tōkyō → Tokyo (the kana are untouched)."""
    return text.translate(_UNMARKED)


def romanise(katakana: str) -> str:
    """Katakana in Hepburn romaji: ティモフェーエフ → timofeeefu, キョウト → kyouto."""
    out = ""
    double = False
    for ch in katakana:
        if ch == "ッ":
            double = True
            continue
        if ch == "ー":
            out += out[-1:] if out and out[-1] in "aeiou" else ""
            continue
        if ch in _SMALL:
            small = _SMALL[ch]
            if out and out[-1] in "aeiou":
                # キャ → kya, シャ → sha, ティ → ti, フェ → fe
                base = out[:-1]
                if small.startswith("y") and base.endswith(("sh", "ch", "j")):
                    small = small[1:]
                out = base + small
            else:
                out += small
            continue
        syl = _ROMAJI.get(ch, "")
        if double and syl:
            out += syl[0]
        double = False
        out += syl
    return out


def spelling_key(romaji: str) -> str:
    """One spelling for the ways a romanised word is written: lower case, no apostrophes or
    marks, long vowels as short ones (ou, oo, oh before a consonant → o; uu → u), m before
    b/p/m as n, tch as cch, Kunrei's si/ti/tu as shi/chi/tsu: Tōkyō, Toukyou → tokyo."""
    s = unmark_long_vowels(romaji).lower()
    s = re.sub(r"['’\-]", "", s)
    for kunrei, hepburn in _KUNREI:
        s = re.sub(kunrei, hepburn, s)
    s = re.sub(r"oh(?![aiueoy])", "o", s)  # Ohno, Satoh; not Ohashi's o-ha
    s = re.sub(r"m(?=[bpm])", "n", s)
    s = s.replace("tch", "cch")
    s = re.sub(r"o[ou]", "o", s)
    return re.sub(r"([aiue])\1", r"\1", s)


def romanise_reading(reading: str) -> str:
    """A reading in kana (hiragana or katakana) in Hepburn romaji: たかせ → takase."""
    return romanise(to_katakana(reading))


def reading_key(reading: str) -> str:
    """The `spelling_key` of a reading in kana (hiragana or katakana)."""
    return spelling_key(romanise_reading(reading))


def name_readings(paragraphs: Iterable[Sequence[Morpheme]]) -> dict[str, str]:
    """The proper nouns of the piece's paragraphs (each tagged), in any script (高瀬, ふみ,
    カゼノ), by their reading in katakana (the first spelling the piece uses for it)."""
    names: dict[str, str] = {}
    for words in paragraphs:
        for w in words:
            if w.pos1 == "名詞" and w.pos2 == "固有名詞" and w.reading:
                names.setdefault(w.reading, w.surface)
    return names


# Words by the `spelling_key` of their reading: (the reading in romaji as written, surface).
Spellings = dict[str, list[tuple[str, str]]]


def spellings(names: Mapping[str, str]) -> Spellings:
    """The piece's words by reading (`name_readings`, `respell.compound_readings`) as
    `names_read_as` looks them up, worked out once per piece: by the `spelling_key` of the
    reading, each with the reading romanised as written (トウキョウ → toukyou) and its surface."""
    keyed: Spellings = {}
    for reading, surface in names.items():
        romaji = romanise_reading(reading)
        keyed.setdefault(spelling_key(romaji), []).append((romaji, surface))
    return keyed


def names_read_as(
    word: str, keyed: Spellings, *, exact: bool = False
) -> list[str]:
    """The piece's names (`spellings`) whose reading `word` spells in romaji: Takase → 高瀬,
    Fumi → ふみ, Tokyo → 東京; [] for a word no name reads as, or too short to tell.

    `exact`: only a name `word` spells letter for letter, with its long vowels written or left
    out (Tokyo, Toukyou → トウキョウ), none of the other spellings folded together: for an
    English word, which is a name only when it is one (Mouse is not モーセ's mose)."""
    key = spelling_key(word)
    if len(key) < MIN_LETTERS or _NOT_ROMAJI.search(key):
        return []
    found = keyed.get(key, [])
    if exact:
        plain = re.sub(r"['’\-]", "", unmark_long_vowels(word).lower())
        found = [(r, s) for r, s in found if plain in (r, spelling_key(r))]
    return [surface for _, surface in found]


# A name written in parts joined by hyphens: Tsugumi-ga-take (鶫ヶ岳), Yatsu-Ga-Take.
_HYPHENATED_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Za-z][a-z]*)+\b")


def join_hyphenated(question: str, keyed: Callable[[], Sequence[Spellings]]) -> str:
    """`question` with each name written in hyphenated parts joined into one word where it
    spells a name of `keyed()` (Tsugumi-ga-take → Tsugumigatake, read as 鶫ヶ岳); the others as
    written (Check-in, Follow-up). The piece's spellings are worked out only for a question
    that writes such a name."""

    def joined(m: re.Match[str]) -> str:
        word = m.group().replace("-", "")
        return word if any(names_read_as(word, k) for k in keyed()) else m.group()

    return _HYPHENATED_NAME.sub(joined, question)
