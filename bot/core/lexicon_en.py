"""Japanese questions about an English piece: the JMdict table read the other way round.

`translate_to_english("カーネギーはいくら提供した？", piece)` returns English search terms that
the piece itself writes (Carnegie offered …): each content word of the question is looked up
among the Japanese forms of bot/data/jmdict_en_ja.tsv.gz (EDRDG, CC BY-SA 4.0), and of the
English glosses it has, only the words the piece writes are kept (the piece disambiguates).
Katakana names no dictionary holds are matched to the piece's capitalised words by sound
(カーネギー → Carnegie). Figures pass through.

The table is the one `lexicon` reads for English questions on Japanese pieces, loaded on
first use only.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import pairwise

from bot.core.compounds import frames
from bot.core.jmdict import entries_with, forms_of, gloss_key
from bot.core.jmdict import stem as jmdict_stem
from bot.core.lexicon import MAX_FORMS, Translation
from bot.core.name_sound import NAME_SIMILARITY, katakana_sound, sound, sounds_alike
from bot.core.scripts import KANJI, is_katakana
from bot.core.tokenize import EN_STOPWORDS, Morpheme, morphemes, regular, stem
from bot.core.vocabulary import PieceVocabulary

_CONTENT = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
_FIGURE = re.compile(r"^[0-9０-９]+(?:[.,][0-9]+)?$")
# Words of a gloss that say nothing on their own ("to", "one's", "something", "be").
_EMPTY = EN_STOPWORDS | frozenset(
    "one one's oneself someone something somebody thing things be being kind sort way "
    "etc esp used make made do get give".split()
)
# Verbs a question asks with (全部教えて, 挙げてください): its way of asking, not its subject,
# when they ask (教えて, 教えてください; not 何を教えていましたか, what someone taught).
_ASKING = frozenset({"教える", "挙げる"})
# Question words the tagger reads as nouns with glosses of their own (いくら: salmon roe).
_QUESTION_NOUNS = frozenset({"いくら", "いくつ", "幾ら", "幾つ"})
_REQUEST = frozenset(
    "くださる 下さる 頂戴 ちょうだい くれる ほしい 欲しい もらう もらえる 貰う 貰える"
    " いただく いただける 頂く 頂ける".split()
)
# A capitalised name, accents and all (Carnegie, Léa, Müller), compared by its letters alone.
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:[-'][A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+)*\b")


def english_glosses(word: str) -> Counter[str]:
    """The English glosses (as gloss keys, without empty words) of every entry that has
    `word` among its Japanese forms, counted by how many entries use them."""
    counts: Counter[str] = Counter()
    for key, _ in entries_with(word):
        words = [w for w in gloss_key(key).split() if w not in _EMPTY]
        if words:
            counts[" ".join(words)] += 1
    return counts


SYNONYM_FORMS = 3  # an English word's first Japanese forms, its most direct translations


def english_synonyms(word: str) -> list[str]:
    """One-word English glosses shared with `word` by its most direct Japanese translations,
    which are theirs too (stroller → ベビーカー → pushchair; bike → 自転車 → bicycle; not size →
    大 → admiral): what an English piece may write for a word of the question it never does."""
    own = jmdict_stem(word)
    if not forms_of(own):
        own = jmdict_stem(regular(word.lower()))  # women → woman
    forms = forms_of(own)[:SYNONYM_FORMS]
    found = [g for form in forms for g in english_glosses(form) if " " not in g and g != own]
    return [g for g in dict.fromkeys(found) if set(forms_of(g)[:SYNONYM_FORMS]) & set(forms)]


@lru_cache(maxsize=4)
def _word_stream(text: str) -> str:
    """A piece's English words, lower case, each between spaces: read once per piece, not
    on each question (on 1.7 MB, 0.2 s)."""
    return " ".join(["", *re.findall(r"[a-z][a-z'-]*", text.lower()), ""])


def phrase_synonyms(question: str, stems: frozenset[str], text: str) -> list[str]:
    """Glosses the piece writes of two words of the question the dictionary knows as one
    (front desk → フロント → reception): searched with where the piece (`text`) never writes
    the two words together. Only two words outside `EN_STOPWORDS` pair (the first of two
    letters or more), and a gloss counts only when every word of it is among the piece's
    `stems` and none is one of the pair's own."""
    words = re.findall(r"[a-z][a-z'-]*", question.lower())
    pairs = {
        (a, b): forms
        for a, b in pairwise(words)
        if a not in EN_STOPWORDS
        and b not in EN_STOPWORDS
        and len(a) > 1
        and (forms := forms_of(gloss_key(f"{a} {b}"))[:SYNONYM_FORMS])
    }
    if not pairs:
        return []  # the piece's words are read only for a pair the dictionary knows
    written = _word_stream(text)
    found: list[str] = []
    for (a, b), forms in pairs.items():
        if f" {a} {b} " in written:
            continue
        own = {stem(a), stem(b)}
        for form in forms:
            for gloss in english_glosses(form):
                said = gloss.split()
                if all(stem(w) in stems and stem(w) not in own for w in said):
                    found += said
    return [w for w in dict.fromkeys(found) if w not in words]


def _in_piece(word: str, piece: PieceVocabulary) -> list[str]:
    """The words of the English glosses of a Japanese `word` whose every word the piece
    writes ("staff member" needs both), most used glosses first."""
    found: list[str] = []
    for gloss, _ in english_glosses(word).most_common():
        words = [_as_written(w, piece) for w in gloss.split()]
        if all(w is not None for w in words):
            found += words
    return list(dict.fromkeys(found))[: MAX_FORMS * 2]


def _as_written(word: str, piece: PieceVocabulary) -> str | None:
    """A gloss key's word as the piece writes it, or None: the glosses' diving and closed are
    keyed div and clos (`jmdict.stem`), which the piece writes dive and close."""
    if len(word) <= 2:
        return None
    if piece.mentions(word):
        return word
    return word + "e" if not word.endswith("e") and piece.mentions(word + "e") else None


def _names_by_sound(katakana: str, piece: PieceVocabulary) -> list[str]:
    """Capitalised words of the piece that sound like a katakana word (カーネギー → Carnegie)."""
    target = katakana_sound(katakana.replace("・", ""))
    if len(target) < 3:
        return []
    scored = []
    for name in set(_NAME.findall(piece.article.text)):
        if name.casefold() in EN_STOPWORDS:
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", name) if c.isascii())
        ratio = sounds_alike(target, sound(plain))
        if ratio >= NAME_SIMILARITY:
            scored.append((ratio, name))
    return [name for _, name in sorted(scored, reverse=True)[:2]]


def _noun_run(words: list[Morpheme], i: int) -> list[str]:
    """The surfaces of the run of nouns (and noun-like suffixes) starting at `words[i]`:
    a compound, 図書+館."""
    run: list[str] = []
    for w in words[i:]:
        noun = w.pos1 == "名詞" and w.pos2 not in {"数詞", "代名詞"}
        suffix = w.pos1 == "接尾辞" and w.pos2 == "名詞的" and bool(run)
        if not (noun or suffix) or _FIGURE.match(w.surface):
            break
        run.append(w.surface)
    return run


def _counter_after(words: list[Morpheme], i: int, piece: PieceVocabulary) -> tuple[list[str], int]:
    """What a counter after a figure says in the piece's English, and how many words from
    `words[i]` that reading covers. A counter is translated only into the words the piece
    writes after a number (20年 → years of "20 years", 20ドル → dollars, 5メートル → metres),
    and the word after it is then read as any other (20年前 → ago). A counter that gives none
    counts things rather than measures (1台, 3冊: 台's stand, support, lot name nothing the
    question asks about), and is skipped with a one-kanji word after it (1台分, 1人当: worth,
    each)."""
    if i >= len(words) or words[i].pos3 != "助数詞可能":
        return [], 0
    units = [w for w in _in_piece(words[i].base, piece) if stem(w) in piece.counted]
    if units:
        return units, 1
    after = words[i + 1] if i + 1 < len(words) else None
    one_kanji = after is not None and after.pos3 == "副詞可能" and len(after.surface) == 1
    return [], 2 if one_kanji else 1


def _asks(words: list[Morpheme], i: int) -> bool:
    """Whether the verb `words[i]` asks (教えて, 教えてください, 挙げてもらえますか): て, then
    nothing, a mark, a sentence-final particle or a verb of asking a favour."""
    after = words[i + 1 : i + 3]
    if not after or after[0].surface not in ("て", "で"):
        return False
    return (
        len(after) == 1
        or after[1].pos1 == "補助記号"
        or after[1].pos2 == "終助詞"
        or after[1].base in _REQUEST
    )


def _unknown_name(run: list[Morpheme], piece: PieceVocabulary) -> bool:
    """Whether a compound holding a name (富士+山) is a name the dictionary knows (Mount Fuji)
    of which the piece writes nothing: not the whole, not a part, not a part's sound."""
    whole = "".join(m.surface for m in run)
    if not any(m.pos2 == "固有名詞" for m in run) or not english_glosses(whole):
        return False
    return not any(
        _in_piece(m.base, piece) or (is_katakana(m.surface) and _names_by_sound(m.surface, piece))
        for m in run
    )


def translate_to_english(question: str, piece: PieceVocabulary) -> Translation:
    """The question's words as the English words the piece writes (see `Translation`):
    `unknown` are katakana or proper names matching nothing in the piece, `absent` the
    other content words the dictionary knows but the piece does not write. A question naming
    two things or more, none of which the piece writes in any form (日本でいちばん長い川は？ of
    a seed list), speaks of nothing the piece does: those nouns are then all `unknown`. (With
    one noun, the verb may carry the question: 議会がためらったのはなぜ？, of a council that
    hesitated.)"""
    parts: list[str] = []
    unknown: list[str] = []
    absent: list[str] = []
    nouns: list[str] = []  # the question's naming nouns the piece does not write
    placed = False  # whether it writes any
    words = morphemes(question)
    skip = 0
    for i, m in enumerate(words):
        if skip:
            skip -= 1
            continue
        run = _noun_run(words, i)
        if len(run) > 1 and (found := _in_piece("".join(run), piece)):
            parts += found  # 図書館, not 図書 and 館
            placed = True
            skip = len(run) - 1
            continue
        if len(run) > 1 and _unknown_name(words[i : i + len(run)], piece):
            unknown.append("".join(run))  # 富士山: Mount Fuji, which the piece never names
            skip = len(run) - 1
            continue
        surface = m.surface
        if _FIGURE.match(surface):
            units, skip = _counter_after(words, i + 1, piece)
            parts += [surface, *units]
            continue
        if m.pos1 not in _CONTENT or m.pos2 in {"非自立可能", "数詞", "代名詞"}:
            continue
        if (m.base in _ASKING and _asks(words, i)) or m.base in _QUESTION_NOUNS:
            continue
        if len(surface) < 2 and not re.match(f"[{KANJI}]", surface):
            continue
        found = _in_piece(m.base, piece) or (_in_piece(surface, piece) if m.base != surface else [])
        if not found and m.lexeme and m.lexeme != m.base and not english_glosses(m.base):
            found = _in_piece(m.lexeme, piece)  # 乗れる, which no entry lists: 乗る
        if not found and is_katakana(surface):
            found = _names_by_sound(surface, piece)
        noun = m.pos1 == "名詞"
        if found:
            parts += found
            placed = placed or noun
        elif len(surface) >= 3 and (m.pos2 == "固有名詞" or is_katakana(surface)):
            unknown.append(surface)
        elif english_glosses(m.base):
            absent.append(surface)
            # Not a noun that asks (理由, 筆者, 時期) or places the question (今, 当時): it names
            # nothing the piece could lack.
            if noun and m.pos3 != "副詞可能" and not frames(m.base) and not frames(surface):
                nouns.append(surface)
    # One name of a full name found (レア of レア・モロー, Léa Moreau): the other is written
    # otherwise (Moreau), not a person the piece never mentions.
    for full in re.findall(r"[ァ-ヺー]+(?:・[ァ-ヺー]+)+", question):
        names = full.split("・")
        if any(n not in unknown for n in names):
            absent += [n for n in names if n in unknown]
            unknown = [n for n in unknown if n not in names]
    nouns = list(dict.fromkeys(nouns))  # two things, not one named twice (川はなぜ川と…)
    if len(nouns) > 1 and not placed:
        unknown += nouns
        absent = [a for a in absent if a not in nouns]
    query = " ".join(dict.fromkeys(parts)) or question
    return Translation(query, tuple(unknown), tuple(absent))
