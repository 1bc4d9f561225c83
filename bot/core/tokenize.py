"""Tokenisers for Japanese-aware retrieval: CJK bigrams, morphemes (fugashi + UniDic), or both."""

from __future__ import annotations

import csv
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial
from typing import NamedTuple

from bot.core.data_files import DATA, tsv_rows
from bot.core.korean import HANGUL_WORD, korean_words
from bot.core.scripts import HANGUL, KANA, KANJI, has_kanji, is_hiragana

Tokenizer = Callable[[str], list[str]]

# Runs of characters written without spaces between words (kana, kanji, hangul: searched as
# character bigrams), and words of any other script (Latin, Cyrillic, Greek…) or numbers.
_CJK = KANA + KANJI + HANGUL
_LETTERS = f"[^\\W_{_CJK}]+"  # letters and digits of any other script
_RUN = re.compile(f"(?P<cjk>[{_CJK}]+)|(?P<word>{_LETTERS}(?:['.]{_LETTERS})*)")
# Function words that say nothing about which passage answers: question words, light verbs;
# with the question words of Chinese, whose pieces share the script (什么时候 is "when").
JA_STOPWORDS = frozenset(
    """
    こと もの よう ため の ん 何 なに なん 誰 だれ いつ どこ どう なぜ
    どの どれ どんな どちら どのよう それ これ あれ その この あの 彼 彼ら
    私 する 為る なる 成る ある 有る いる 居る できる 出来る 言う いう 思う
    述べる 説明 教える ください 下さい 詳しい 詳しく 具体 的 について 中 場合
    点 方 等 など
    什么 什麼 时候 時候 谁 哪 哪里 哪裡 哪儿 哪个 哪個 为什么 為什麼 怎么 怎麼 怎样 怎樣
    如何 多少 几 吗 嗎 呢 是 的 了
    """.split()
)
EN_STOPWORDS = frozenset(
    """
    a an the and or but of to in on at by for with from as is are was were be been being
    do does did what which who whom whose when where why how that this these those it
    its they them their he she his her i you we us our your me my not no yes can could
    would should will shall may might must about into than then there here tell say says
    said piece article author please more some any all so if am
    i'm i've i'll i'd you're you've you'll you'd we're we've we'll we'd they're they've
    they'll they'd it's that's there's what's here's let's he's she's
    """.split()
)
# Everyday words of asking in English (get rid of, is it ok to, what happens if), and the
# verbs negated with n't (don't, isn't): a question's way of asking, never its subject.
EN_ASKING = frozenset("get gets got rid ok okay happens".split())
EN_NEGATED_VERBS = tuple("do does did is are was were have has should could would".split())


_LATIN = re.compile(r"^[a-z]+$")
_CYRILLIC = re.compile(r"^[\u0400-\u04ff]+$")
# Snowball's stemmer objects keep the word being stemmed: one thread at a time.
_STEMMER_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _stemmer(language: str):  # type: ignore[no-untyped-def]
    import snowballstemmer  # loaded on the first word that needs it

    return snowballstemmer.stemmer(language)


IRREGULAR = DATA / "irregular_english.tsv"


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    """An English word's irregular forms → the word (`bot/data/irregular_english.tsv`): a
    reader asks when a bridge was built, the piece says it took a year to build; a reader asks
    for women, the dictionary has woman."""
    forms: dict[str, str] = {}
    for irregular, word in tsv_rows(IRREGULAR):
        forms.update(dict.fromkeys(irregular.split(), word.strip()))
    return forms


def regular(word: str) -> str:
    """A lower-case English word's regular form: a verb's irregular past as the verb (ran →
    run), a noun's irregular plural as the noun (women → woman); any other word as it is."""
    return _irregular().get(word, word)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A folded word's stem (Snowball), so a question and a piece match across inflections:
    English for Latin words (arrived, arrives → arriv), Russian for Cyrillic ones (России,
    Россия → росс), an English word's irregular form as the word (built, ran → build, run;
    women → woman);
    any other word as it is."""
    if _LATIN.match(word):
        word = regular(word)
    if len(word) < 4 and not word.endswith("y"):
        return word  # a short word is its own stem, but for Snowball's y → i (dry, dried → dri)
    if _LATIN.match(word):
        language = "english"
    elif _CYRILLIC.match(word):
        language = "russian"
    else:
        return word
    with _STEMMER_LOCK:
        return str(_stemmer(language).stemWord(word))


def fold(text: str) -> str:
    """Search normal form: NFKC (full/half width) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def bigram_tokens(text: str) -> list[str]:
    """CJK runs as overlapping character bigrams (a lone character stays a unigram); words whole."""
    out: list[str] = []
    for m in _RUN.finditer(fold(text)):
        run = m.group("cjk")
        if run is None:
            word = m.group("word")
            if word not in EN_STOPWORDS:
                out.append(stem(word))
        elif len(run) == 1:
            if not is_hiragana(run):
                out.append(run)
        else:
            # All-hiragana pairs are mostly particles and endings (です, した): noise for ranking.
            pairs = (run[i : i + 2] for i in range(len(run) - 1))
            out.extend(p for p in pairs if not is_hiragana(p))
    return out


class Morpheme(NamedTuple):
    """One token as UniDic tags it: its text, part of speech and dictionary form."""

    surface: str
    pos1: str
    pos2: str
    pos3: str
    orth_base: str | None  # the dictionary form (orthBase); None when UniDic has none
    lexeme: str | None = None  # the word whatever its spelling (lemma): 平壌 and ピョンヤン
    reading: str | None = None  # how this spelling reads, in katakana (kana): 舗装 → ホソウ

    @property
    def base(self) -> str:
        """The dictionary form, or the surface when UniDic has none."""
        return self.orth_base or self.surface


@lru_cache(maxsize=1)
def _tagger():  # type: ignore[no-untyped-def]
    import fugashi  # imported here: the dictionary loads only when morphemes are asked for

    return fugashi.Tagger()


# The tagger parses into one lattice of its own, so two threads must never use it at once;
# its nodes are read out before the next parse may reuse that lattice.
_TAGGER_LOCK = threading.Lock()


# A parse holds the interpreter lock throughout (about 3 ms per 1,000 characters): a long
# text is tagged in parts cut after a sentence end, so other threads (the event loop) run
# in between.
_TAG_PART_CHARS = 4_000
_SENTENCE_END = re.compile(r"[。．！？!?\n]|\.\s")


def _tag_parts(text: str) -> list[str]:
    """`text` in parts of about `_TAG_PART_CHARS`, each ending at a sentence end when one is
    near (no word spans one); a text with none is cut where it must be."""
    parts = []
    start = 0
    while len(text) - start > _TAG_PART_CHARS:
        end = start + _TAG_PART_CHARS
        ends = [m.end() for m in _SENTENCE_END.finditer(text, start + _TAG_PART_CHARS // 2, end)]
        cut = ends[-1] if ends else end
        parts.append(text[start:cut])
        start = cut
    parts.append(text[start:])
    return parts


def _tagged(text: str) -> list[tuple[str, str]]:
    """(surface, UniDic feature string) of each token; safe to call from any thread."""
    out: list[tuple[str, str]] = []
    for part in _tag_parts(text):
        with _TAGGER_LOCK:
            out.extend((w.surface, w.feature_raw) for w in _tagger()(part))
    return out


@lru_cache(maxsize=1 << 16)
def _features(raw: str) -> tuple[str, str, str, str | None, str | None, str | None]:
    """(pos1, pos2, pos3, orthBase, lemma, kana) of a feature string. Words repeat, so each
    string is parsed once: far cheaper than fugashi's feature tuple for every token. UniDic's lemma
    (語彙素) is one spelling for all of a word's spellings (平壌 and ピョンヤン, 子ども and 子供);
    its loanwords carry their source word, which is dropped (ワシントン-Washington)."""
    fields = next(csv.reader([raw]))
    base = fields[10] if len(fields) > 10 and fields[10] not in ("", "*") else None
    lexeme = (fields[7].partition("-")[0] or None) if len(fields) > 7 and fields[7] != "*" else None
    pos3 = fields[2] if len(fields) > 2 else ""
    reading = fields[17] if len(fields) > 17 and fields[17] not in ("", "*") else None
    return fields[0], fields[1], pos3, base, lexeme, reading


def morphemes(text: str) -> list[Morpheme]:
    """`text` tagged by the shared UniDic tagger (fugashi), safe to call from any thread."""
    out = []
    for surface, raw in _tagged(text):
        out.append(Morpheme(surface, *_features(raw)))
    return out


_CONTENT_POS = {"名詞", "動詞", "形容詞", "形状詞", "副詞", "接頭辞"}
# Unit symbols, as the words they are read (20％ is 20 パーセント): UniDic tags them as
# symbols, which say nothing, so a question's パーセント would never meet a piece's ％.
SYMBOL_WORDS = {
    "%": "パーセント", "％": "パーセント", "¥": "円", "￥": "円", "$": "ドル", "＄": "ドル"
}
# Units of measure after a figure, as one word however written (7.2cm, 7.2センチ and 7.2センチ
# メートル are all センチ): a question's 何センチ meets a piece's cm. The Latin symbols count
# only after a figure (m alone is no metre), and they stay words of their own as well.
UNIT_WORDS = {
    "mm": "ミリ", "ミリメートル": "ミリ", "cm": "センチ", "センチメートル": "センチ",
    "km": "キロ", "kg": "キロ", "キロメートル": "キロ", "キログラム": "キロ", "m": "メートル",
    "g": "グラム", "l": "リットル", "ml": "ミリリットル", "db": "デシベル",
    "a": "アンペア", "w": "ワット", "kw": "キロワット", "kwh": "キロワット時", "v": "ボルト",
}  # fmt: skip
# UniDic's tags of a counter (条 of 第7条, 個 of 何個): a word that counts what a figure does.
COUNTER_POS = frozenset({"助数詞", "助数詞可能"})
# What marks a counter after a figure or 何 as a search term (#隻 of 2隻 and 何隻): the line
# that gives a count of ships is found for 何隻, which shares no word with it. Only counters
# written after a digit (a kanji numeral's 一つ asks no count) and tagged as counters (人 is
# not, and is in nearly every line about people).
COUNTED = "#"


@lru_cache(maxsize=1 << 16)
def _content_lemma(base: str) -> str | None:
    """A dictionary form as a search term, or None if it says nothing (a stopword, kana only)."""
    base = fold(base)
    if not base or base in JA_STOPWORDS or base in EN_STOPWORDS or is_hiragana(base):
        return None
    return stem(base) if _RUN.fullmatch(base) else None


def morph_tokens(text: str, *, counters: bool = False) -> list[str]:
    """Content-word lemmas from UniDic (via fugashi); Latin words and numbers kept whole.
    `counters`: and the counter of each figure and of 何 as a term of its own (`COUNTED`:
    2隻 and 何隻 share #隻), for search; not a word that names anything."""
    out: list[str] = []
    ordinal: list[str] = []  # 第 and its figure so far: 第 7 条 is also the term 第7条
    after_figure = False  # the word before is a figure (7.2 of 7.2cm)
    after_number = False  # the word before is a figure or 何 (2 of 2隻, 何 of 何隻)
    tagged = _tagged(fold(text))
    for k, (surface, raw) in enumerate(tagged):
        pos1, pos2, pos3, base, lexeme, _ = _features(raw)
        if len(ordinal) == 2 and pos3 in COUNTER_POS:
            out.append("".join(ordinal) + surface)  # a numbered part as one word: 第7条, 第3回
        if surface == "第" and pos1 == "接頭辞":
            ordinal = [surface]
        elif len(ordinal) == 1 and pos2 == "数詞":
            ordinal.append(surface)
        else:
            ordinal = []
        if surface in SYMBOL_WORDS:
            out.append(SYMBOL_WORDS[surface])
        elif counters and pos1 == "接尾辞" and pos3 in COUNTER_POS and after_number:
            out.append(COUNTED + surface)
        elif pos1 in _CONTENT_POS and pos2 != "非自立可能":
            lemma = _content_lemma(base or surface)
            if lemma is not None and lexeme:
                # One spelling for the word's spellings (平壌 / ピョンヤン).
                lemma = _content_lemma(lexeme) or lemma
            elif lexeme and _kana_for_kanji(
                surface, pos1, pos3, lexeme, partial(_in_kana_run, tagged, k)
            ):
                lemma = _kanji_lexeme(lexeme)
            unit = UNIT_WORDS.get(surface.lower())
            if unit is not None and (not surface.isascii() or after_figure):
                out.append(unit)
                if not surface.isascii():
                    lemma = None  # センチメートル is the word センチ only
            if lemma is not None:
                out.append(lemma)
        after_figure = surface[-1:].isdigit()
        after_number = pos2 == "数詞" and (surface[-1:].isdigit() or surface == "何")
    return out


def kana_stems(text: str) -> list[str]:
    """The content words a text writes in hiragana only (おいしかった, たのしい), which search
    terms leave out, as the stems their forms share (おいし, たのし): for a question with no
    other word to search by (いちばんおいしかったのは？). Not below three letters, nor a
    stopword (こと, ある)."""
    out: list[str] = []
    for _, raw in _tagged(fold(text)):
        pos1, pos2, _, base, _, _ = _features(raw)
        if pos1 not in _KANA_CONTENT_POS or pos2 == "非自立可能" or not base:
            continue
        if not is_hiragana(base) or len(base) < 3 or base in JA_STOPWORDS:
            continue
        out.append(base[:-1] if pos1 in ("形容詞", "動詞") else base)
    return out


_KANA_CONTENT_POS = {"名詞", "動詞", "形容詞", "形状詞"}


# A noun or verb written in kana only (りよう, きゅうり, たべる) is searched by its lexeme
# (利用, 胡瓜, 食べる), so that it meets the word in kanji. Not below these lengths (a verb's
# stem: よっ of によって; あめ is 飴 to UniDic, わけ 訳, however the piece writes them), not the
# nouns that serve as adverbs (あと, ため, ころ),
# not a stopword (こと), and not when the lexeme is one (どこ → 何処). すすめ of おすすめ does
# become 勧める: a reading's lexeme is UniDic's best guess (OFFLINE_QA.md, step 16).
_KANA_WORD_LENGTH = {"名詞": 3, "動詞": 3}
# A noun of two kana is, when its lexeme is two kanji or more (けが → 怪我, けが人 → 怪我 人):
# such a lexeme is seldom a guess among senses, as one kanji (あめ: 飴 or 雨) or kana in it
# (なし: 無し) are. Seldom, not never: UniDic reads かぜ as 風邪 where the piece means wind.
_KANJI_WORD = re.compile(f"[{KANJI}]{{2,}}")


def _kana_for_kanji(
    surface: str, pos1: str, pos3: str, lexeme: str, in_run: Callable[[], bool]
) -> bool:
    """Whether a word written in kana is searched by its lexeme (above). `in_run()`: it is
    written next to other kana, as part of a longer word (かぜ of うみかぜ鉄道, no cold)."""
    shortest = _KANA_WORD_LENGTH.get(pos1)
    two = pos1 == "名詞" and len(surface) == 2 and is_hiragana(surface)
    if two and _KANJI_WORD.fullmatch(lexeme) and not in_run():
        shortest = 2
    return (
        shortest is not None
        and len(surface) >= shortest
        and pos3 != "副詞可能"
        and is_hiragana(surface)
        and fold(surface) not in JA_STOPWORDS
    )


def _in_kana_run(tagged: Sequence[tuple[str, str]], k: int) -> bool:
    """Whether the word at `k` has a noun in hiragana written right before or after it."""
    for j in (k - 1, k + 1):
        surface, raw = tagged[j] if 0 <= j < len(tagged) else ("", "")
        if surface and is_hiragana(surface) and _features(raw)[0] == "名詞":
            return True
    return False


@lru_cache(maxsize=1 << 12)
def _kanji_lexeme(lexeme: str) -> str | None:
    """A lexeme written with kanji as a search term; None for one in kana, or a stopword."""
    return _content_lemma(lexeme) if has_kanji(lexeme) else None


def hybrid_tokens(text: str) -> list[str]:
    """Morphemes plus bigrams: morphemes match whole words, bigrams forgive segmentation
    (Korean words, which UniDic does not read, come from `korean_words`); a figure's counter is
    a term of its own too (`COUNTED`: #隻 of 2隻 and 何隻)."""
    words = morph_tokens(text, counters=True)
    if HANGUL_WORD.search(text):
        words += korean_words(text)
    return words + ["~" + t for t in bigram_tokens(text)]


def tokenize_each(
    texts: Iterable[str], tokenize: Tokenizer, seen: dict[str, list[str]] | None = None
) -> list[list[str]]:
    """`tokenize` of each text, a text met before (here, or in `seen`: texts tokenised by this
    `tokenize`) not tokenised again: its list is shared, to be read and never changed. A
    piece's lines often repeat (a refrain, a table's cells; 150,000 one-line paragraphs of
    1,261 different ones took 1.1 s to tokenise one by one)."""
    seen = {} if seen is None else seen
    return [seen[t] if t in seen else seen.setdefault(t, tokenize(t)) for t in texts]


TOKENIZERS: dict[str, Tokenizer] = {
    "bigram": bigram_tokens,
    "morph": morph_tokens,
    "hybrid": hybrid_tokens,
}
