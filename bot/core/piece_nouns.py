"""What readers call the piece itself: この記事, 本稿, このエッセイ, this essay, the lecture.

Said once for every reader of questions about the piece as a whole (its gist, its header
fields, its list) and for the key-term check, where such a word is never a topic the piece
fails to mention: a lecture never calls itself 講演.
"""

from __future__ import annotations

from bot.core.scripts import KANJI, KATAKANA

JA = (
    "記事", "論考", "論文", "文章", "本文", "文中", "本稿", "稿", "コラム", "エッセイ", "エッセー",
    "随筆", "評論", "社説", "講演", "演説", "スピーチ", "話", "作品", "小説", "レポート",
)  # fmt: skip
EN = (
    "piece", "article", "essay", "text", "story", "lecture", "talk", "speech", "column",
    "post", "paper", "editorial", "report", "document",
)  # fmt: skip

# One of them, as a regular expression (longest first: 本文 before 文).
JA_PATTERN = "(?:" + "|".join(sorted(JA, key=len, reverse=True)) + ")"
EN_PATTERN = r"(?:\b(?:" + "|".join(EN) + r")\b)"
# Where a Japanese noun ends as a whole word (記者, not 記者会見). The class is compiled
# case-sensitively even inside a re.I pattern, where case-folding its 21,000 characters
# would cost 2.5 times as much at every use (the header patterns hold it dozens of times).
WORD_END = f"(?-i:(?![{KANJI}{KATAKANA}]))"
# One of them as a whole word: この話 and この小説, not この話題 or この小説家.
JA_WORD = f"{JA_PATTERN}{WORD_END}"
# The piece itself: この記事, 本稿 (not the 本 of 日本小説).
THIS_JA = f"(?:この|(?-i:(?<![{KANJI}]))本){JA_WORD}"
# "this essay", "the article"; "the" only with the nouns a piece rarely has as its subject
# (a piece about a report or a speech says "the report" of that).
THIS_EN = rf"(?:\bthis {EN_PATTERN}|\bthe (?:piece|article|essay|text)\b)"
