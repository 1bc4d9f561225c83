"""A question's naming words: its noun compounds, their parts, and which of them name
something (not the question's frame: 名前, 理由, how many, list). `vocabulary` looks them up
in the piece."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core import piece_nouns
from bot.core.scripts import is_hiragana
from bot.core.tokenize import (
    EN_ASKING,
    EN_NEGATED_VERBS,
    EN_STOPWORDS,
    JA_STOPWORDS,
    morphemes,
)

_NUMERIC = re.compile(r"^[0-9０-９.,，．]+$")
# Nouns that ask rather than name (the question's frame, not its subject).
_FRAME_NOUNS = JA_STOPWORDS | frozenset(
    """
    名前 名称 正式 正式名称 別名 別称 略称 通称 呼称 意味 理由 原因 目的 特徴 種類 方法
    場所 時期 時代 年 月 日 年代 何年 人物 人 者 国 都市 市 町 村 地域 数 割合 単位 一つ
    語 言葉 言い方 読み方 由来 語源 役割 役職 立場 関係 関連 違い 部分 一部 全体 以外 以上
    以下 前 後 最初 最後 当時 現在 今 例 ひとつ 一番 最も 最大 最小 何人 何個 何回 とき
    時 頃 ころ 主 他 ほか 同じ 的 性 化 上 下 内 外 間 中心
    略 総称 一種 一般 呼び方 定義 読み 表記 訳
    筆者 著者 作者 要点 要約 要旨 概要 まとめ
    一緒 自分 順番 手順 用意 心配 代わり 最終 必要 追加
    """.split()
    + list(piece_nouns.JA)
)
# A language or script the answer is asked in (英語で何という？): no subject alone, but one
# inside a compound with a subject word names a thing (英語教室, 漢字検定).
SCRIPT_NOUNS = frozenset("英語 日本語 カタカナ ひらがな 漢字 アルファベット".split())
_NOT_CONTENT = _FRAME_NOUNS | SCRIPT_NOUNS


LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z'’-]*$")
# English words that ask rather than name (how often, what kind, which year, what share),
# and function words a piece need not write (before, other, herself), with everyday words
# of asking (`tokenize.EN_ASKING`), and take / bring (can I take it on board?): no subject a
# piece lacks, though translated (What should I bring? asks for 持ち物).
_EN_FRAME_WORDS = (
    frozenset(
        """
    name named called kind kinds type types sort sorts year years date time times number often
    many much
    long far old reason way ways example happen happened mean means meant
    share percentage proportion percent amount age
    before after other others another own same such only very just also too each both
    herself himself themselves itself myself yourself ourselves
    list give tell everything anything something all every please
    getting make makes late early soon
    take takes taking took bring brings bringing brought few several lot lots
    """.split()
    )
    | EN_ASKING
    | {f"{verb}n" for verb in EN_NEGATED_VERBS}  # the don of don't, as the tagger cuts it
)

_CONTRACTED = frozenset({"ll", "m", "re", "ve", "d", "s", "t"})  # I'll, I'm, we're, I've…


@dataclass(frozen=True, slots=True)
class Part:
    """One noun of a question: its surface, dictionary form, whether it is a proper noun, and
    whether it is an adverbial one (いつ頃, 当時, 近年: they place the question, not name)."""

    surface: str
    lemma: str
    proper: bool
    adverbial: bool = False
    lexeme: str | None = None  # the word whatever its spelling (`Morpheme.lexeme`)


@dataclass(frozen=True, slots=True)
class Compound:
    """A run of nouns in the question (with a leading prefix / trailing noun-like suffixes)."""

    surface: str
    parts: tuple[Part, ...]


# Counters that 何 takes (何本, 何枚, 何台): a word the tagger makes of one and what follows
# (何|本流|された for 何本|流された) is no noun of the question.
_COUNTERS = frozenset("本枚台回人個件匹冊杯軒階歳才分日年月時度番位着通頭羽足種倍割社")
# What ends a question's sentence, and the titles whose full stop does not (Dr. Sato).
_SENTENCE_ENDS = frozenset(".?!。？！")
TITLES = frozenset("mr mrs ms dr prof st mt no jr sr vs".split())


def question_compounds(question: str) -> list[Compound]:
    """Noun compounds of a question, in order (numbers and pronouns end a compound)."""
    out: list[Compound] = []
    run: list[tuple[str, str, str, str, str, str | None]] = []  # surface, lemma, POS 1-3, lexeme

    def flush() -> None:
        while run and run[-1][2] == "接頭辞":
            run.pop()
        nouns = [r for r in run if r[2] == "名詞"]
        if nouns:
            parts = tuple(
                Part(s, lemma, p2 == "固有名詞", p3 == "副詞可能", lexeme)
                for s, lemma, _, p2, p3, lexeme in nouns
            )
            out.append(Compound("".join(r[0] for r in run), parts))
        run.clear()

    opening = True  # the first word of a sentence (Where …? List them all.)
    last_word = ""
    previous = ""  # the word before, as tagged
    for w in morphemes(question):
        if LATIN_WORD.match(w.surface):
            # English words stand alone (the tagger glues them into one run of nouns); a
            # capitalised one inside a sentence names something.
            flush()
            folded = w.surface.casefold()
            # The tail the tagger cuts off a contraction (the 'll of I'll) names nothing.
            tail = last_word == "'" and folded in _CONTRACTED
            if folded not in EN_STOPWORDS and folded not in _EN_FRAME_WORDS and not tail:
                proper = not opening and w.surface[0].isupper()
                out.append(Compound(w.surface, (Part(w.surface, w.surface, proper),)))
            opening = False
            last_word = folded
            continue
        if w.surface.strip():
            # Not after a title's full stop (Dr. Sato).
            opening = w.surface.strip() in _SENTENCE_ENDS and last_word not in TITLES
        last_word = "'" if w.surface in ("'", "’") else ""
        noun = w.pos1 == "名詞" and w.pos2 not in {"非自立可能", "数詞"}
        if previous == "何" and len(w.surface) > 1 and w.surface[0] in _COUNTERS:
            noun = False  # 何|本流|された: the tagger's word holds 何本's counter, not a noun
        previous = w.surface
        prefix = w.pos1 == "接頭辞" and not run
        suffix = w.pos1 == "接尾辞" and w.pos2 in {"名詞的", "形状詞的"} and bool(run)
        if (noun and not _NUMERIC.match(w.surface)) or prefix or suffix:
            run.append((w.surface, w.base, w.pos1, w.pos2, w.pos3, w.lexeme))
        elif w.surface in {"・", "="} and run:
            run.append((w.surface, w.surface, "記号", "", "", None))
        else:
            flush()
    flush()
    return out


def names_something(question: str) -> bool:
    """Whether the question names anything beyond how it asks (その理由は？ names nothing:
    理由 is the kind of answer; その合意は？ names 合意)."""
    return any(is_content(p) for c in question_compounds(question) for p in c.parts)


def frames(word: str) -> bool:
    """Whether a noun asks rather than names: the kind of answer (理由, 名前, 時期), the
    piece's own writer (筆者), a language it is asked in (英語)."""
    return word in _NOT_CONTENT


def is_content(part: Part) -> bool:
    """A part that names something: not a frame word, not an adverbial noun, not a question
    word (何色, 何語), not one kana or one common kanji."""
    s = part.surface
    if part.lemma in _NOT_CONTENT or s in _NOT_CONTENT or is_hiragana(s):
        return False
    if part.adverbial or s.startswith("何"):
        return False
    return part.proper or len(s) >= 2
