"""English questions about a Japanese piece: an offline bilingual term lexicon (JMdict).

`to_japanese_query("When did the State Duma ratify the treaty?", piece)` returns Japanese
search terms *that the piece itself uses* (批准 条約 …): each English word or phrase is looked
up in a compact English→Japanese table derived from JMdict (bot/data/jmdict_en_ja.tsv.gz,
EDRDG, CC BY-SA 4.0; see bot/data/README.md), and of its translations only those the piece
writes are kept — the piece disambiguates. Names no dictionary holds (Timofeev, Valdai) are
matched to the piece's katakana words by their romanised sound. Numbers pass through, month
names become 十月-style months.

`synonyms_in_piece(word, piece)`: Japanese words of the piece that mean what `word` means,
for questions worded differently from the piece: its Sudachi synonyms (`thesaurus`: 父親 →
父), then words sharing an English gloss with it in this table (罰 → 制裁, 兵隊 → 軍人).

`piece` is the piece's `vocabulary.PieceVocabulary`: what it writes (loosely folded) and its
katakana words, worked out once per piece and let go with it.

Nothing here loads until an English question (or a synonym lookup) needs it: the table
(`jmdict`) is read on first use and searched as text (about 0.03 s), keeping the cold start
short.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import NamedTuple

from bot.core.compounds import TITLES
from bot.core.jmdict import (
    WORD,
    entries_ending,
    entries_starting,
    forms_of,
    glossed_with,
    rare_forms_of,
    rare_kin_of,
    stem,
)
from bot.core.name_sound import match_name
from bot.core.normalize import loose_fold
from bot.core.romaji import join_hyphenated, names_read_as, unmark_long_vowels
from bot.core.scripts import KANJI, KATAKANA, is_hiragana, is_katakana
from bot.core.thesaurus import measures, synonyms
from bot.core.tokenize import EN_ASKING, EN_NEGATED_VERBS, EN_STOPWORDS, SYMBOL_WORDS
from bot.core.verb_stems import conjugated_stems
from bot.core.vocabulary import PieceVocabulary

PREFIX = 5  # English words sharing this many leading letters are taken as one stem
MAX_FORMS = 3
ONE_KANJI_AMONG = 2  # written forms of a word in which one of one kanji is taken (`_one_kanji`)
HEADED_MAX = 2  # compounds a word heads that may stand for it (`_headed`)
LOANWORD_MIN = 7  # letters of a known English word matched to the piece's katakana by sound

# A possessive's (or a contraction's) 's, which no name nor gloss spells: Fumi's, company’s.
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")
_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split(),
        start=1,
    )
}
# Question words and verbs that frame a question, and everyday words of asking (get rid of,
# is it ok to, don't); never looked up.
_FRAME = (
    EN_STOPWORDS
    | EN_ASKING
    | frozenset(
        "how many much long year years which whom whose why when where what who did does do "
        "carry out hold held happen happened mean means called can't won't".split()
    )
    | {f"{verb}n't" for verb in EN_NEGATED_VERBS}
)


def _present(
    forms: tuple[str, ...],
    text: str,
    *,
    whole_katakana: bool = False,
    words: Collection[str] = frozenset(),
    single: bool = False,
    short_kana: bool = False,
) -> list[str]:
    """The forms the piece writes (`whole_katakana`: a katakana form as a whole katakana word,
    not part of a longer one); short all-hiragana forms (ある, いう) match anywhere and say
    nothing, so they are left out (`short_kana`: one of three kana counts where it is one of
    the piece's words, うさぎ), and longer ones count only where they start a word (not
    しょうか in 送りましょうか); so are forms of one character, unless (`single`) one kanji
    that the piece writes as a word of its own (`words`, its words' dictionary forms, folded:
    橋 in 橋が86か所, 駅 in 川霧駅). A word the piece writes as a symbol (パーセント: ％) is
    written."""
    out = []
    for f in forms:
        # The cheap checks first: the piece's text is searched only for a form they let by.
        if len(f) == 1 and not (single and _ONE_KANJI.match(f) and loose_fold(f) in words):
            continue
        kana = is_hiragana(f)
        if kana and len(f) < 4 and not (short_kana and len(f) == 3 and loose_fold(f) in words):
            continue
        folded = loose_fold(f)
        if folded not in text and not (f in _SYMBOLS_READ and folded in words):
            continue
        if kana and not _starts_word(folded, text, words):
            continue
        whole = f"(?<![{KATAKANA}]){re.escape(folded)}(?![{KATAKANA}])"
        if whole_katakana and is_katakana(folded) and not re.search(whole, text):
            continue
        out.append(f)
    return out


_SYMBOLS_READ = frozenset(SYMBOL_WORDS.values())


def _starts_word(hiragana: str, text: str, words: Collection[str]) -> bool:
    """Whether the piece writes `hiragana` as a word, or at least not after other hiragana."""
    return hiragana in words or re.search(f"(?<![ぁ-ゖ]){re.escape(hiragana)}", text) is not None


def _without_head(forms: tuple[str, ...], key: str) -> tuple[str, ...]:
    """Katakana forms of a phrase with the form of its last word cut off, as Japanese clips
    them: studio apartment → ワンルームマンション, apartment → マンション, so ワンルーム."""
    heads = forms_of(key.rsplit(" ", 1)[1])
    return tuple(
        f[: -len(h)]
        for f in forms
        if is_katakana(f)
        for h in heads
        if is_katakana(h) and f.endswith(h) and len(f) - len(h) >= 4
    )


_ONE_KANJI = re.compile(f"^[{KANJI}]$")
_ANY_KANJI = re.compile(f"[{KANJI}]")
_NUMERALS = frozenset("〇一二三四五六七八九十百千万億兆")


_DEMONYM = ("語", "人")  # デンマーク語, デンマーク人


def _one_kanji(forms: tuple[str, ...]) -> tuple[str, ...]:
    """Forms of one kanji, no numeral, that are among the word's first ONE_KANJI_AMONG
    written forms (the table lists the entries that gloss the word most directly first:
    bridge → 橋, insect → 虫 after 昆虫), or that its other written forms are built on, two
    of them at least (car → 車 in 自動車 and 乗用車; shop → 店 in 店舗 and 商店). Looked for
    only when the piece writes none of the longer forms, since one kanji glosses many words
    in senses of their own (station → 次, a post town; first → 一)."""
    written = [f for f in forms if _ANY_KANJI.search(f)]
    return tuple(
        f
        for k, f in enumerate(written)
        if _ONE_KANJI.match(f)
        and f not in _NUMERALS
        and (k < ONE_KANJI_AMONG or sum(f in g for g in written if g != f) >= 2)
    )


def _headed(key: str, text: str, words: Collection[str]) -> list[str]:
    """The forms the piece writes of two-word glosses that `key` heads, when it writes none
    of the word's own: station → 駅 (glossed "train station"), total → 合計 ("sum total"),
    lunch → 給食 ("school lunch")."""
    by_key = []
    for _, forms in entries_ending(key):
        found = _present(forms, text, words=words)
        if len(forms[0]) == 1:
            # One kanji only as the compound's own first form (駅, not 次 of "post station").
            found += _present(forms[:1], text, words=words, single=True)
        if found:
            by_key.append(found)
    # Many compounds the piece writes (branch office 支店, head office 本店, city office
    # 市役所 …) say the word is too general to stand for any one of them.
    return [f for found in by_key for f in found] if len(by_key) <= HEADED_MAX else []


def translate(phrase: str, text: str, words: Collection[str] = frozenset()) -> list[str]:
    """Japanese forms of an English word or phrase that the piece (folded `text`; `words`,
    its words' dictionary forms, folded) uses."""
    key = " ".join(stem(w) for w in phrase.split())
    # A participle the dictionary glosses with its verb "to be": born → to be born → 生まれる.
    forms = forms_of(key) or forms_of(f"be {key}")
    found = _present(forms, text, words=words, short_kana=True)
    found = found or _present(_one_kanji(forms), text, words=words, single=True)
    if not found:
        # A language or a people names its country: Danish → デンマーク語 → デンマーク.
        demonyms = tuple(f[:-1] for f in forms if f.endswith(_DEMONYM) and len(f) > 2)
        found = _present(demonyms, text, words=words)
    if not found:
        # A verb the piece writes conjugated: born → 生まれる, written 生まれた.
        found = _present(conjugated_stems(forms), text, words=words)
    if not found and " " in key:
        found = _present(_without_head(forms, key), text, whole_katakana=True, words=words)
    if not found:
        # A word the piece writes in a less common form: landlord → 貸主, renewal fee → 更新料.
        rare = rare_forms_of(key) or rare_forms_of(f"be {key}")
        found = _present(rare, text, whole_katakana=True, words=words)
    if not found and " " not in key and key.endswith("e") and len(key) > 3:
        # The glosses' driving and closed are keyed driv and clos (`jmdict.stem`): drive and
        # close meet them there (運転, 閉館).
        found = _present(forms_of(key[:-1]), text, words=words)
    if not found and " " not in key:
        found = _headed(key, text, words)
    if not found and " " not in key and len(key) >= PREFIX:
        for _, forms in entries_starting(key[:PREFIX]):
            found += _present(forms, text, words=words)
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


def to_japanese_query(question: str, piece: PieceVocabulary) -> str:
    """Japanese search terms, from the piece's own words, for an English question."""
    return translate_question(question, piece).query


def translate_question(question: str, piece: PieceVocabulary) -> Translation:
    """The question's words, translated into the forms the piece writes (see `Translation`).

    A name is unknown only when none of its words is found: "Xi Jinping" is, "State Duma"
    (国家 found, Duma not) is not, its unfound word is merely absent.
    """
    text = piece.text
    question = unmark_long_vowels(question)  # Tōkyō → Tokyo
    question = join_hyphenated(question, lambda: (piece.name_spellings, piece.compound_spellings))
    question = _POSSESSIVE.sub("", question)  # Fumi's husband → Fumi husband
    words = WORD.findall(question.lower().replace("–", " ").replace("-", " ").replace("’", "'"))
    capitals = list(re.finditer(r"\b[A-Z][a-zA-Z'’]+", question))
    capital = {m.group().lower() for m in capitals}
    # A sentence's first word is capitalised whatever it is (List everything…, Mine works).
    opens = [_opens_sentence(question[: m.start()]) for m in capitals]
    opening = {m.group().lower() for m, o in zip(capitals, opens, strict=True) if o}
    mid_sentence = {m.group().lower() for m, o in zip(capitals, opens, strict=True) if not o}
    parts: list[str] = []
    found: set[int] = set()
    absent: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if (
            w[0].isdigit()
            and words[i + 1 : i + 2] in (["year"], ["years"])
            and words[i + 2 : i + 3] in (["old"], ["olds"])
        ):
            parts.append(f"{w}歳")  # a 6-year-old, 6 years old, 6-year-olds
            found.update(range(i, i + 3))
            i += 3
            continue
        if w[0].isdigit() and (counted := _counted(w, words[i + 1 : i + 2], piece)):
            parts.append(counted)  # 3 days, a 3-day pass → 3日, as the piece writes it
            found.update((i, i + 1))
            i += 2
            continue
        if w[0].isdigit() or w in _MONTHS:
            parts.append(f"{_MONTHS[w]}月" if w in _MONTHS else w)
            found.add(i)
            i += 1
            continue
        n = next((n for n in (3, 2) if _phrase(words, i, n, text, piece.words)), 1)
        if n > 1:  # longest phrase first: "security council", "north korea"
            parts += _phrase(words, i, n, text, piece.words)
            found.update(range(i, i + n))
            i += n
            continue
        if w not in _FRAME and len(w) > 1:
            got = translate(w, text, piece.words)
            if not got:  # a measure asked with an everyday word: often → interval → 間隔
                got = [f for m in measures(w) for f in translate(m, text, piece.words)]
            if not got:
                got = _japanese_name(
                    w, piece, capitalised=w in capital, mid_sentence=w in mid_sentence
                )
            # By sound: a word no dictionary knows (Mouse is マウス, not モーセ), or a longer
            # one whose forms the piece lacks, written as a loanword (segment → セグメント,
            # which the dictionary's common entries do not give).
            unknown_word = (w in capital or len(w) >= 5) and not forms_of(stem(w))
            weak = all(len(g) == 1 for g in got)  # none, or one kanji (segment → 総)
            if weak and (unknown_word or len(w) >= LOANWORD_MIN):
                got = match_name(w, piece) or got
            if not got and w in piece.latin_words:
                got = [w]  # WBGT, GHz: written in Latin letters in the piece too
            if got:
                found.add(i)
            elif w not in capital and len(w) >= 4 and forms_of(stem(w)):
                absent.append(w)
            parts += got
        i += 1
    unknown: list[str] = []
    # Only a word the dictionary does not know is a name when it opens a sentence.
    names = capital - {w for w in opening - mid_sentence if forms_of(stem(w))}
    for run in _name_runs(words, names):
        missed = [words[k] for k in run if k not in found]
        (unknown if len(missed) == len(run) else absent).extend(missed)
    query = " ".join(dict.fromkeys(parts)) or question
    return Translation(query, tuple(unknown), tuple(absent))


def _counted(figure: str, after: list[str], piece: PieceVocabulary) -> str | None:
    """A figure and the word after it as the piece writes the two together (3 day → 3日 of
    3日券): the longest of the word's first forms, of two characters at most, that the piece
    writes right after the figure, but for one that only opens the word the piece writes for
    it (2 hours, where the piece writes 時間 and 2時 is a time of day); None if none."""
    if not after or not after[0].isalpha():
        return None
    forms = forms_of(stem(after[0]))[: MAX_FORMS * 2]
    own = translate(after[0], piece.text, piece.words)
    written = [
        f
        for f in forms
        if len(f) <= 2
        and not is_hiragana(f)
        and loose_fold(figure + f) in piece.text
        and not any(g != f and g.startswith(f) for g in own)
    ]
    return figure + max(written, key=len) if written else None


def _opens_sentence(before: str) -> bool:
    """Whether a word after `before` opens a sentence: nothing but spaces, quotes and
    brackets since the question's start or the last sentence's end (not a title's full stop:
    Ms. Kana Ono, Dr. Brown)."""
    before = before.rstrip(" \t\n\"'“‘(")
    if before.endswith(".") and (title := re.search(r"([A-Za-z]+)\.$", before)):
        return title.group(1).lower() not in TITLES
    return not before or before[-1] in ".!?。？！"


def _japanese_name(
    word: str, piece: PieceVocabulary, *, capitalised: bool, mid_sentence: bool
) -> list[str]:
    """The piece's names (高瀬, ふみ), or else its kanji compounds (新橋), that `word` spells in
    romaji (`romaji`). A word the English dictionary knows is English before it is a name: it
    stands only for a proper noun it spells exactly (Tokyo, not Mouse for モーセ nor Koto for
    高騰), and only capitalised mid-sentence (a question's first word, Kana or Tone, is English).
    A word it does not know is read as a name in any spelling (Toukyou, Ohno), or as a
    compound when capitalised (Shimbashi → 新橋); lower case, as a proper noun only."""
    if forms_of(stem(word)):
        if not mid_sentence:
            return []
        return names_read_as(word, piece.name_spellings, exact=True)
    names = names_read_as(word, piece.name_spellings)
    if names or not capitalised:
        return names
    return names_read_as(word, piece.compound_spellings)


def _phrase(words: list[str], i: int, n: int, text: str, piece_words: Collection[str]) -> list[str]:
    span = words[i : i + n]
    if len(span) < n or span[0] in _FRAME or span[-1] in _FRAME:
        return []
    return translate(" ".join(span), text, piece_words)


def _name_runs(words: list[str], capital: set[str]) -> list[list[int]]:
    """Runs of consecutive capitalised words (question words aside): the question's names."""
    runs: list[list[int]] = []
    for k, w in enumerate(words):
        if w in capital and w not in _FRAME and len(w) > 1:
            if runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            else:
                runs.append([k])
    return runs


def synonyms_in_piece(word: str, piece: PieceVocabulary) -> list[str]:
    """Words of the piece that are Sudachi synonyms of `word` (which the piece lacks), then
    those sharing a JMdict gloss with it, then the rarer entries' words sharing a gloss and a
    kanji with it (`jmdict.rare_kin_of`: 家賃 → 賃料, as formal writing names the same thing)."""
    text = piece.text
    folded = loose_fold(word)
    out: list[str] = []
    for forms in (tuple(synonyms(word)), *glossed_with(word), rare_kin_of(word)):
        # Whole katakana words: フォン is not the end of スマートフォン.
        found = _present(forms, text, whole_katakana=True)
        out += [f for f in found if loose_fold(f) != folded]
    return list(dict.fromkeys(out))[:MAX_FORMS]
