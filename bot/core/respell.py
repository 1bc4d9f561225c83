"""A question written in kana, spelt as the piece writes it: へいてんはいつ？ → 閉店はいつ？

Readers type a word's reading when they do not know or cannot type its kanji (ほすいせいほそう
for 保水性舗装). The tagger cuts such a run of hiragana into whatever words it can (干す・威勢・
舗装), so neither search nor the covered / not-covered decision finds the word. The piece's own
nouns, read by UniDic (`Morpheme.reading`), give the way back: a stretch of the question's
hiragana that reads exactly as a noun compound of the piece, and ends where a word may end
(before a particle, at the end of the run, or before a kanji; or before a form of する, as a
noun used as a verb: りようされる), is replaced by that compound.

Only the piece's own compounds are candidates, so a question is never respelt into a word the
piece does not write; a stretch that is itself a common word in kana (こと, どこ) is left alone.

`respell_homophones` does the same for a word typed in kanji that the piece never writes: the
input method offered another word of the same reading (保官方法 for 保管方法, 夕ご販 for 夕ご飯).
It is taken for the piece's compound of that reading only when the two share a character:
the reader meant one of the piece's words and mistyped a part of it.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from bot.core.normalize import loose_fold
from bot.core.scripts import has_kanji, is_hiragana, to_katakana
from bot.core.tokenize import JA_STOPWORDS, Morpheme, morphemes

log = logging.getLogger(__name__)

# A compound's reading must be this long (in kana) to stand for it: ヘイテン, not ジシン (地震,
# 自信, 自身: a short reading has many words, the piece's may not be the reader's).
MIN_READING = 4
# A word typed in kanji narrows its reading's words to those sharing a character: 保官 → 保管.
MIN_KANJI_READING = 3
MIN_KATAKANA = 3  # kana typed for a katakana word: きゃんせる, not りょう (an ending, a particle)
LOANWORD = 5  # kana as long as this may type a katakana word without ー or a small kana
_LOANWORD_MARK = re.compile("[ーぁぃぅぇぉゃゅょゎっ]")
_SYLLABLE_GOES_ON = re.compile("[ーぁぃぅぇぉゃゅょゎ]")  # a kana that ends the syllable before it
MAX_SLIP_WORDS = 4  # a mistyped word is cut into this many pieces at most
MAX_PART_WORDS = 4  # a run of a compound's words read alone has at most this many
_COMPOUND_POS = {"名詞", "接頭辞", "接尾辞"}
_LINKS = frozenset("ヶヵケ")  # 鶫ヶ岳, 霞ケ関: the tagger reads a particle that joins a name
# A word's first sound voiced in a compound (rendaku): はし → ばし.
_VOICED = dict(
    zip(
        "カキクケコサシスセソタチツテトハヒフヘホ",
        "ガギグゲゴザジズゼゾダヂヅデドバビブベボ",
        strict=True,
    )
)
_CONTENT_POS = {"名詞", "動詞", "形容詞", "形状詞", "接尾辞"}
# A run of hiragana, with the long-vowel mark of a loanword typed in hiragana (たくしー).
_HIRAGANA_RUN = re.compile(r"[ぁ-ゖ][ぁ-ゖー]{2,}")
# Particles that may end a word in a run of hiragana (や, か, よ also end many words).
_PARTICLE = "のはがをにでとも"
_PREFIXES = set("ごお御")  # honorific prefixes: a character shared that says nothing (ご飯, ご販)
# A noun used as a verb, typed in kana (りようされる, けんさくして): its reading may end before
# a form of する, and then be as short as MIN_KANJI_READING (リヨウ → 利用).
_SURU = re.compile(r"さ[れせ]|し[てたまなよ]|す[るれ]|でき")


def compound_readings(paragraphs: Iterable[Sequence[Morpheme]]) -> dict[str, str]:
    """The noun compounds with a kanji in them of the piece's paragraphs (each tagged), by
    their reading in katakana (the spelling the piece uses most for a reading), and by that
    reading with its last word's first sound voiced (`_rendaku`) where no word reads so. A
    name joined by ヶ (鶫ヶ岳) is one compound."""
    spellings: dict[str, Counter[str]] = {}
    voicings: dict[str, Counter[str]] = {}
    for words in paragraphs:
        for run in _compound_runs(words):
            # The whole compound and each run of up to MAX_PART_WORDS of its words:
            # 北野町消防署, and 北野町, 消防署, 消防 and 署 alone.
            n = len(run)
            ends = ((i, j) for i in range(n) for j in range(i + 1, min(n, i + MAX_PART_WORDS) + 1))
            for part in [run, *(run[i:j] for i, j in ends if j - i < n)]:
                surface = "".join(w.surface for w in part)
                reading = "".join(w.reading or "" for w in part)
                if (
                    len(reading) >= MIN_KANJI_READING
                    and part[0].surface not in _LINKS
                    and part[-1].surface not in _LINKS
                    and all(w.reading for w in part)
                    and has_kanji(surface)
                ):
                    spellings.setdefault(reading, Counter())[surface] += 1
                    if voiced := _rendaku(part):
                        voicings.setdefault(voiced, Counter())[surface] += 1
    for reading, c in voicings.items():
        spellings.setdefault(reading, c)  # a word's own reading first
    return {reading: c.most_common(1)[0][0] for reading, c in spellings.items()}


def _rendaku(part: Sequence[Morpheme]) -> str | None:
    """The reading of a compound with its last word's first sound voiced, as names often are
    said (小槌 + 橋 → コヅチバシ, Kozuchibashi; 鳩ヶ + 沢 → ハトガザワ, Hatogazawa), or None."""
    readings = [w.reading or "" for w in part]
    last = readings[-1]
    if len(part) < 2 or last[:1] not in _VOICED:
        return None
    return "".join(readings[:-1]) + _VOICED[last[0]] + last[1:]


def unwritten_kana(question: str, text: str) -> bool:
    """Whether the question has a word in hiragana that the piece's `text` (folded by
    `loose_fold`) never writes: only then may it need respelling (and the piece's readings,
    which need the whole piece tagged, be worked out)."""
    for w in morphemes(question):
        if (
            w.pos1 in _CONTENT_POS
            and w.pos2 != "非自立可能"
            and len(w.surface) >= 2
            and is_hiragana(w.surface)
            and w.surface not in JA_STOPWORDS
            and loose_fold(w.surface) not in text
        ):
            return True
    return False


def in_katakana(question: str, katakana: Sequence[str]) -> str:
    """`question` with each stretch of hiragana that opens a run of hiragana and that the
    piece writes in katakana (`katakana`: the piece's katakana words, sorted) written so:
    きゃんせる料 → キャンセル料, てにすこーとは → テニスコートは; the longest such stretch of
    at least MIN_KATAKANA kana (LOANWORD without ー or a small kana), opening one of the
    piece's katakana words, unless it is one word of its own to the tagger or ends inside a
    syllable (しょっ of しょっちゅう, no ショッ of ショップ)."""

    def written(m: re.Match[str]) -> str:
        run = m.group()
        for end in range(min(len(run), longest), MIN_KATAKANA - 1, -1):
            if end < LOANWORD and not _LOANWORD_MARK.search(run[:end]):
                continue  # あるか is no アルカ: a short stretch needs a loanword's ー or ゃ
            if run[end - 1] == "っ" or _SYLLABLE_GOES_ON.match(run, end):
                continue
            kana = to_katakana(run[:end])
            i = bisect_left(katakana, kana)
            if i < len(katakana) and katakana[i].startswith(kana):
                # A word the tagger knows in hiragana is the reader's own (いくら, not イクラ).
                return run if len(morphemes(run[:end])) == 1 else kana + run[end:]
        return run

    if not katakana:
        return question
    longest = max(map(len, katakana))  # no stretch longer opens a word: a long run is cheap
    return _HIRAGANA_RUN.sub(written, question)


def respell(question: str, readings: Mapping[str, str]) -> str:
    """`question` with each stretch of hiragana that reads as one of the piece's compounds
    (`compound_readings`) written as the piece writes it; unchanged if none does."""
    if not readings:
        return question
    longest = max(map(len, readings))
    out: list[str] = []
    last = 0
    for m in _HIRAGANA_RUN.finditer(question):
        run = m.group()
        i = 0
        # A word starts at the run's start or after a particle there (ソラリス｜の｜じゅうでん),
        # or right after a respelt word and its particle (そだいごみ｜の｜りょうきん).
        particle_skipped = False
        while i < len(run):
            found = _reading_at(run, i, readings, longest)
            if found is None:
                if particle_skipped or run[i] not in _PARTICLE:
                    break
                i += 1
                particle_skipped = True
                continue
            out.append(question[last : m.start() + i] + readings[found])
            i += len(found)
            last = m.start() + i
            particle_skipped = False
    if not out:
        return question
    respelt = "".join(out) + question[last:]
    log.debug("respelt %r as %r", question, respelt)
    return respelt


_KATAKANA_RUN = re.compile(rf"[ァ-ヺ][ァ-ヺー]{{{MIN_READING - 1},}}")


def unwritten_katakana(question: str, text: str) -> list[str]:
    """The question's runs of katakana of MIN_READING kana or more that the piece's `text`
    (folded by `loose_fold`) never writes."""
    return [r for r in _KATAKANA_RUN.findall(question) if loose_fold(r) not in text]


def respell_katakana(question: str, runs: Sequence[str], readings: Mapping[str, str]) -> str:
    """`question` with each of its katakana `runs` (`unwritten_katakana`) that reads exactly
    as a compound of the piece written so: ダンボール → 段ボール, where the piece writes the
    word with a kanji."""
    for run in runs:
        spelt = readings.get(run)
        if spelt is not None:
            log.debug("respelt %r as %r", run, spelt)
            question = question.replace(run, spelt)
    return question


def _reading_at(run: str, start: int, readings: Mapping[str, str], longest: int) -> str | None:
    """The longest reading of `readings` (katakana) that the hiragana `run` spells from
    `start`, ending where a word may end (before a particle or at the end of the run, or
    before a form of する); None if there is none."""
    for end in range(min(len(run), start + longest), start + MIN_KANJI_READING - 1, -1):
        ends_word = end == len(run) or run[end] in _PARTICLE
        used_as_verb = _SURU.match(run, end) is not None
        if not used_as_verb and not (ends_word and end - start >= MIN_READING):
            continue
        if run[start:end] in JA_STOPWORDS:
            continue
        candidate = to_katakana(run[start:end])
        if candidate in readings and (not used_as_verb or _verbal_noun(readings[candidate])):
            return candidate
    return None


def _verbal_noun(word: str) -> bool:
    """Whether a word of the piece ends in a noun that する makes a verb of (利用, 相談; not
    今日 or 小, which read as a word before される by chance)."""
    words = morphemes(word)
    return bool(words) and words[-1].pos3 == "サ変可能"


def respell_homophones(
    question: str,
    readings: Callable[[], Mapping[str, str]],
    text: str,
    known: Callable[[str], bool] = lambda word: False,
) -> str:
    """`question` with each part of a noun compound in kanji that the piece (`text`, folded by
    `loose_fold`) never writes, but that reads as a compound of the piece sharing a character
    with it, written as the piece writes it (the longest such part first); unchanged if there
    is none. `readings()` (`compound_readings`, which needs the whole piece tagged) is asked
    only for such a word; `known(word)`: whether a dictionary has it (二次会, 御用: the
    reader's own word, not a slip for the piece's 二次回, 誤用)."""
    out = question
    for run in _compound_runs(morphemes(question)):
        whole = "".join(w.surface for w in run)
        i = 0
        while i < len(run):
            for j in range(min(len(run), i + MAX_SLIP_WORDS), i + 1, -1):
                surface = "".join(w.surface for w in run[i:j])
                spelt = _homophone(run[i:j], surface, readings, text)
                if spelt is not None and not (known(surface) or known(whole)):
                    log.debug("respelt %r as %r", surface, spelt)
                    out = out.replace(surface, spelt, 1)
                    i = j
                    break
            else:
                i += 1
    return out


def _homophone(
    words: Sequence[Morpheme], surface: str, readings: Callable[[], Mapping[str, str]], text: str
) -> str | None:
    if not _mistyped(words) or loose_fold(surface) in text:
        return None
    reading = "".join(w.reading or "" for w in words)
    if len(reading) < MIN_KANJI_READING or not all(w.reading for w in words):
        return None
    spelt = readings().get(reading)
    if spelt is None or spelt == surface or not set(spelt) & set(surface) - _PREFIXES:
        return None
    return spelt


def _mistyped(words: Sequence[Morpheme]) -> bool:
    """Whether words read together look like one word the input method chose wrongly: no
    word, so the tagger cut it, leaving a kanji alone as a noun that no whole word before it
    takes as its last part (保|官, 夕|ご|販; not 乾燥|機, 山田|市, 使用|料, nor a count: 三|階).
    A word the tagger knows whole (国花, 指令) is the reader's own, not a slip for 国家."""
    if len(words) < 2 or any(w.pos2 == "数詞" for w in words):
        return False
    return any(
        len(w.surface) == 1
        and has_kanji(w.surface)
        and w.pos1 == "名詞"
        and (k == 0 or len(words[k - 1].surface) == 1)
        for k, w in enumerate(words)
    )


def _compound_runs(words: Sequence[Morpheme]) -> list[list[Morpheme]]:
    """The runs of nouns, prefixes and suffixes: the noun compounds as `compound_readings`
    reads them."""
    runs: list[list[Morpheme]] = [[]]
    for w in words:
        if w.pos1 in _COMPOUND_POS or (w.surface in _LINKS and runs[-1]):
            runs[-1].append(w)
        elif runs[-1]:
            runs.append([])
    return [r[:-1] if r[-1].surface in _LINKS else r for r in runs if r]
