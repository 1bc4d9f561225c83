"""Words a piece writes a question's one-kanji noun inside: 雷 in 落雷, 雨 in 雨天, 冬 in 冬季.

The tagger reads 落雷 as one word, so the piece's index has no 雷 for a reader's 雷 to meet;
the piece's words that hold it are searched for it instead (as related words, which weigh
less than the reader's own: `LexicalRetriever.search`).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.core.scripts import has_kanji
from bot.core.tokenize import COUNTED, morphemes

MAX_WORDS = 3  # per noun: the piece's most frequent words holding it
_NOT_NAMING = ("副詞可能", "助数詞可能")  # 今, 夜 place a question; 時, 年 count


def words_holding(question: str, idf: Mapping[str, float]) -> list[str]:
    """For each one-kanji common noun of `question` that the piece's index (`idf`, by term)
    has no term for, the index's words (not its bigrams, `~…`, nor a figure's counter, `#頭`
    of 30頭) of two to four characters holding it, the most frequent first (lowest IDF); not a
    kanji after a name (文 of 高瀬文, which the tagger cuts off a name it does not know), nor a
    day of the week (火曜 for 火).
    The index's terms are the piece's words as it was tagged once: nothing is tagged again."""
    out: list[str] = []
    before = None
    for m in morphemes(question):
        after_name = before is not None and before.pos2 == "固有名詞"
        before = m
        w = m.surface
        if (
            len(w) != 1
            or not has_kanji(w)
            or w in idf
            or (m.pos1, m.pos2) != ("名詞", "普通名詞")
            or m.pos3 in _NOT_NAMING
            or after_name
        ):
            continue
        holding = [
            x
            for x in idf
            if w in x
            and 2 <= len(x) <= 4
            and not x.startswith(("~", COUNTED))
            and w + "曜" not in x
        ]
        out += sorted(holding, key=lambda x: (idf[x], x))[:MAX_WORDS]
    return out
