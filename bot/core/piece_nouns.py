"""What readers call the piece itself: この記事, 本稿, このエッセイ, this essay, the lecture.

Said once for every reader of questions about the piece as a whole (its gist, its header
fields, its list) and for the key-term check, where such a word is never a topic the piece
fails to mention: a lecture never calls itself 講演.
"""

from __future__ import annotations

JA = (
    "記事", "論考", "論文", "文章", "本文", "文中", "本稿", "稿", "コラム", "エッセイ", "エッセー",
    "随筆", "評論", "社説", "講演", "演説", "スピーチ", "話", "作品", "小説", "レポート",
)  # fmt: skip
EN = (
    "piece", "article", "essay", "text", "story", "lecture", "talk", "speech", "column",
    "post", "paper", "editorial", "report",
)  # fmt: skip

# One of them, as a regular expression (longest first: 本文 before 文).
JA_PATTERN = "(?:" + "|".join(sorted(JA, key=len, reverse=True)) + ")"
EN_PATTERN = r"(?:\b(?:" + "|".join(EN) + r")\b)"
