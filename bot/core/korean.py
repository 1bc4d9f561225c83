"""Korean words for search: no analyser of Korean is at hand, so a word's commonest
particles and endings are cut off (한글날은 → 한글날) and question words dropped."""

from __future__ import annotations

import re

from bot.core.scripts import HANGUL_SYLLABLES

HANGUL_WORD = re.compile(f"[{HANGUL_SYLLABLES}]+")
# Korean writes a word and its particle or ending together (한글날은, 만들었나요): the
# commonest ones, longest first.
_KO_SUFFIXES = sorted(
    """
    은 는 이 가 을 를 의 에 에서 에게 께 로 으로 와 과 도 만 까지 부터 보다 처럼 이나 나 랑
    이다 입니다 인가요 인가 이에요 예요 였다 이었다 했다 한다 하다 하는 했나요 나요 습니까
    었나요 았나요 었다 았다 인지 는지 가요 요 다
    """.split(),
    key=len,
    reverse=True,
)
KO_STOPWORDS = frozenset(
    "누가 누구 언제 어디 무엇 뭐 왜 어떻게 몇 얼마 어느 무슨 어떤 그 이 저 것 수".split()
)


def korean_words(text: str) -> list[str]:
    """The words of Korean text without their commonest particles and endings (한글날은 →
    한글날), question words dropped."""
    out = []
    for word in HANGUL_WORD.findall(text):
        for suffix in _KO_SUFFIXES:
            if len(word) > len(suffix) and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        if word not in KO_STOPWORDS:
            out.append(word)
    return out
