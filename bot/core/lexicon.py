"""English questions about a Japanese piece: an offline bilingual term lexicon (JMdict).

`to_japanese_query("When did the State Duma ratify the treaty?", article)` returns Japanese
search terms *that the piece itself uses* (批准 条約 …): each English word or phrase is looked
up in a compact English→Japanese table derived from JMdict (bot/data/jmdict_en_ja.tsv.gz,
EDRDG, CC BY-SA 4.0; see bot/data/README.md), and of its translations only those the piece
writes are kept — the piece disambiguates. Names no dictionary holds (Timofeev, Valdai) are
matched to the piece's katakana words by their romanised sound. Numbers pass through, month
names become 十月-style months.

`synonyms_in_piece(word, article)` uses the same table the other way round: Japanese words
of the piece that share an English gloss with `word` (禁輸 → 制裁 via "embargo"/"sanctions"
does not; 手放す → 放棄 via "relinquish" does), for questions worded differently from the piece.

Nothing here loads until an English question (or a synonym lookup) needs it: the table is
read on first use (about 0.2 s), keeping the offline engine's cold start unchanged.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from bot.core.article import Article
from bot.core.normalize import loose_fold
from bot.core.tokenize import EN_STOPWORDS

TABLE = Path(__file__).resolve().parents[1] / "data" / "jmdict_en_ja.tsv.gz"
PREFIX = 5  # English words sharing this many leading letters are taken as one stem
MAX_FORMS = 3
NAME_SIMILARITY = 0.75

_WORD = re.compile(r"[a-z][a-z'’-]*|[0-9]+(?:[.,][0-9]+)?")
_PAREN = re.compile(r"\([^)]*\)")
_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split(),
        start=1,
    )
}
# Question words and verbs that frame a question; never looked up.
_FRAME = EN_STOPWORDS | frozenset(
    "how many much long year years which whom whose why when where what who did does do "
    "carry out hold held happen happened mean means called name named".split()
)


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
    words = [w for w in _WORD.findall(g) if w not in {"to", "a", "an", "the", "one's", "of"}]
    return " ".join(stem(w) for w in words)


Index = dict[str, tuple[str, ...]]


@cache
def _table() -> tuple[Index, dict[str, list[str]]]:
    """Gloss key → Japanese forms; and one-word keys by their first PREFIX letters."""
    keys: Index = {}
    prefixes: dict[str, list[str]] = defaultdict(list)
    with gzip.open(TABLE, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            key, _, forms = line.rstrip("\n").partition("\t")
            keys[key] = tuple(forms.split("|"))
            if " " not in key and len(key) >= PREFIX:
                prefixes[key[:PREFIX]].append(key)
    return keys, prefixes


@lru_cache(maxsize=8)
def _piece_text(article: Article) -> str:
    return loose_fold(article.text)


@lru_cache(maxsize=8)
def _piece_katakana(article: Article) -> tuple[tuple[str, str], ...]:
    """The piece's katakana words (name parts split at ・) with their romanisation."""
    words = set()
    for run in re.findall(r"[ァ-ヴー・]{2,}", article.text):
        words.update(p for p in run.split("・") if len(p) >= 2)
    return tuple((w, _sound(romanise(w))) for w in sorted(words))


_HIRAGANA = re.compile(r"^[\u3040-\u309fー]+$")


def _present(forms: tuple[str, ...], text: str) -> list[str]:
    """The forms the piece writes; short all-hiragana forms (ある, いう) match anywhere and
    say nothing, so they are left out."""
    return [
        f
        for f in forms
        if len(f) >= 2 and not (_HIRAGANA.match(f) and len(f) < 4) and loose_fold(f) in text
    ]


def translate(phrase: str, text: str) -> list[str]:
    """Japanese forms of an English word or phrase that the piece (folded `text`) uses."""
    keys, prefixes = _table()
    key = " ".join(stem(w) for w in phrase.split())
    found = _present(keys.get(key, ()), text)
    if not found and " " not in key and len(key) >= PREFIX:
        for k in prefixes.get(key[:PREFIX], []):
            found += _present(keys[k], text)
    return list(dict.fromkeys(found))[: MAX_FORMS * 2]


class Translation(NamedTuple):
    """An English question in the piece's own Japanese words.

    `query`: the Japanese search terms the piece uses; `unknown`: capitalised names that
    match nothing in the piece, by dictionary or by sound (Xi Jinping); `absent`: other
    words the dictionary knows but the piece writes in none of their forms.
    """

    query: str
    unknown: tuple[str, ...]
    absent: tuple[str, ...]


def to_japanese_query(question: str, article: Article) -> str:
    """Japanese search terms, from the piece's own words, for an English question."""
    return translate_question(question, article).query


def translate_question(question: str, article: Article) -> Translation:
    """The question's words, translated into the forms the piece writes (see `Translation`)."""
    text = _piece_text(article)
    raw = _WORD.findall(question.lower().replace("–", " ").replace("-", " "))
    words = [w.lower() for w in raw]
    capital = {w.lower() for w in re.findall(r"\b[A-Z][a-zA-Z'’]+", question)}
    parts: list[str] = []
    unknown: list[str] = []
    absent: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w[0].isdigit():
            parts.append(w)
            i += 1
            continue
        if w in _MONTHS:
            parts.append(f"{_MONTHS[w]}月")
            i += 1
            continue
        done = False
        for n in (3, 2):  # longest phrase first: "security council", "north korea"
            span = words[i : i + n]
            if len(span) == n and not any(x in _FRAME for x in (span[0], span[-1])):
                got = translate(" ".join(span), text)
                if got:
                    parts += got
                    i += n
                    done = True
                    break
        if done:
            continue
        if w not in _FRAME and len(w) > 1:
            got = translate(w, text)
            if not got and (w in capital or len(w) >= 5):
                got = match_name(w, article)
            if not got and w in capital:
                unknown.append(raw[i])
            elif not got and len(w) >= 4 and stem(w) in _table()[0]:
                absent.append(raw[i])
            parts += got
        i += 1
    query = " ".join(dict.fromkeys(parts)) or question
    return Translation(query, tuple(unknown), tuple(absent))


def synonyms_in_piece(word: str, article: Article) -> list[str]:
    """Words of the piece sharing a JMdict gloss with `word` (which the piece lacks)."""
    keys = _table()[0]
    text = _piece_text(article)
    folded = loose_fold(word)
    out: list[str] = []
    for forms in keys.values():  # a scan (tens of ms) spares building a reverse index
        if word in forms:
            out += [f for f in _present(forms, text) if loose_fold(f) != folded]
    return list(dict.fromkeys(out))[:MAX_FORMS]


# ---------------------------------------------------------------- names by sound

_KANA = (
    "ア a イ i ウ u エ e オ o カ ka キ ki ク ku ケ ke コ ko サ sa シ shi ス su セ se ソ so "
    "タ ta チ chi ツ tsu テ te ト to ナ na ニ ni ヌ nu ネ ne ノ no ハ ha ヒ hi フ fu ヘ he "
    "ホ ho マ ma ミ mi ム mu メ me モ mo ヤ ya ユ yu ヨ yo ラ ra リ ri ル ru レ re ロ ro "
    "ワ wa ヲ o ン n ガ ga ギ gi グ gu ゲ ge ゴ go ザ za ジ ji ズ zu ゼ ze ゾ zo ダ da ヂ ji "
    "ヅ zu デ de ド do バ ba ビ bi ブ bu ベ be ボ bo パ pa ピ pi プ pu ペ pe ポ po ヴ vu"
).split()
_ROMAJI = dict(zip(_KANA[::2], _KANA[1::2], strict=True))
_SMALL = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ャ": "ya", "ュ": "yu", "ョ": "yo"}


def romanise(katakana: str) -> str:
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
                elif not small.startswith("y"):
                    pass
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


def _sound(s: str) -> str:
    """A rough sound key: l→r, v→b, c/ck→k, ph→f, doubled letters and final/epenthetic u
    dropped, so 'Timofeev' and ティモフェーエフ ('timofeeefu') come close."""
    s = s.lower()
    for a, b in (
        ("ph", "f"),
        ("ck", "k"),
        ("c", "k"),
        ("q", "k"),
        ("l", "r"),
        ("v", "b"),
        ("w", "u"),
        ("x", "ks"),
        ("th", "s"),
        ("tsu", "tu"),
        ("shi", "si"),
    ):
        s = s.replace(a, b)
    s = re.sub(r"(?<=[bcdfghjkmnprstvz])u(?=[bcdfghjkmnprstvz]|$)", "", s)
    s = re.sub(r"(?<=[bcdfghjkmnprstvz])o$", "", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s


def match_name(word: str, article: Article) -> list[str]:
    """Katakana words of the piece that sound like the English `word`."""
    if len(word) < 4:
        return []
    target = _sound(word)
    best: list[tuple[float, str]] = []
    for kata, key in _piece_katakana(article):
        r = SequenceMatcher(None, target, key).ratio()
        if r >= NAME_SIMILARITY:
            best.append((r, kata))
    best.sort(reverse=True)
    return [k for _, k in best[:2]]
