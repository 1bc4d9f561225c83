"""Sentence splitting."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.text import MAX_SENTENCE_CHARS, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今日は晴れ。明日は雨！本当？", ["今日は晴れ。", "明日は雨！", "本当？"]),
        # A full stop inside quotes or brackets does not end the sentence.
        ("彼は「晴れだ。雨だ。」と言った。次だ。", ["彼は「晴れだ。雨だ。」と言った。", "次だ。"]),
        ("注(これは例。補足。)です。終わり。", ["注(これは例。補足。)です。", "終わり。"]),
        # Closing quotes after a terminator stay with their sentence.
        ("「行こう。」「うん。」", ["「行こう。」", "「うん。」"]),
        (
            "This is Mr. Smith. He paid 3.5 dollars! Really? Yes.",
            ["This is Mr. Smith.", "He paid 3.5 dollars!", "Really?", "Yes."],
        ),
        # a.m. / p.m. before a day or a month goes on; before another word, it ends.
        (
            "Quiet from 10 p.m. to 7 a.m. Sunday through Thursday. Opens at 8 a.m. Children wait.",
            [
                "Quiet from 10 p.m. to 7 a.m. Sunday through Thursday.",
                "Opens at 8 a.m.",
                "Children wait.",
            ],
        ),
        # A word that only starts like a month is no month (Market, Juniors, Maybe).
        (
            "Opens at 6 a.m. Market stalls wait. Starts at 9 a.m. Juniors come. At 1 p.m. Maybe.",
            [
                "Opens at 6 a.m.",
                "Market stalls wait.",
                "Starts at 9 a.m.",
                "Juniors come.",
                "At 1 p.m.",
                "Maybe.",
            ],
        ),
        ("Shut 9 p.m. December 1 to 8 a.m. Jan 3.", ["Shut 9 p.m. December 1 to 8 a.m. Jan 3."]),
        ("一行目\n二行目。", ["一行目", "二行目。"]),
        # A list item's number alone is no sentence: its full stop ends none.
        ("1. Boil water. 2. Warm the pot.", ["1. Boil water.", "2. Warm the pot."]),
        ("１．湯を沸かす。２．急須を温める。", ["１．湯を沸かす。", "２．急須を温める。"]),
        ("He scored 1. Then he left.", ["He scored 1.", "Then he left."]),
        ("終わりのない文", ["終わりのない文"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_point_into_text() -> None:
    text = "  前置き。 本文です！ 「引用。」と。"
    for span in split_sentences(text):
        assert text[span.start : span.end].strip() == text[span.start : span.end]
        assert span.end > span.start


def test_unbalanced_bracket_does_not_swallow_the_rest() -> None:
    text = "括弧が「閉じない。" + "次の文。" * 3
    # Unclosed quote: the text still comes back whole, nothing is lost.
    assert "".join(sentences(text)) == text


def test_a_bracket_left_open_stops_counting_as_a_quotation() -> None:
    # One stray 「 in a long paragraph must not make the rest of it one sentence.
    text = "括弧が「閉じない。" + "次の文である。" * 200
    parts = sentences(text)
    assert "".join(parts) == text
    assert len(parts) > 100 and max(len(p) for p in parts) <= 600
    # A real quotation of several sentences stays one sentence.
    quoted = "彼は「今日は雨だ。明日は晴れる。」と言った。次の文。"
    assert sentences(quoted) == ["彼は「今日は雨だ。明日は晴れる。」と言った。", "次の文。"]


def test_text_without_sentence_ends_is_cut_at_pauses_into_bounded_sentences() -> None:
    # An unpunctuated transcript: clauses joined by 、 and no 。 anywhere.
    clause = "北朝鮮とロシアの協力について話し合った" * 3 + "、"  # 58 characters
    text = clause * 40
    spans = split_sentences(text)
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    assert all(text[s.end - 1] == "、" for s in spans[:-1])  # each cut after a pause
    assert "".join(text[s.start : s.end] for s in spans) == text  # nothing lost or doubled
    # With no pause at all, at the bound itself.
    solid = "あ" * (2 * MAX_SENTENCE_CHARS + 7)
    assert [s.end - s.start for s in split_sentences(solid)] == [
        MAX_SENTENCE_CHARS,
        MAX_SENTENCE_CHARS,
        7,
    ]
    # English with no full stops is cut between words.
    words = " ".join(["word"] * 400)
    parts = [words[s.start : s.end] for s in split_sentences(words)]
    assert all(len(p) <= MAX_SENTENCE_CHARS and not p.endswith("wor") for p in parts)
    assert " ".join(parts) == words


@settings(max_examples=200, deadline=None)
@given(
    st.text(  # sentence ends here and there
        alphabet=st.sampled_from("あいう北朝鮮abc 、。,.!?「」\n"), max_size=3 * MAX_SENTENCE_CHARS
    )
    | st.text(  # none at all: only the bound cuts
        alphabet=st.sampled_from("あいう北朝鮮abc 、,「」"),
        min_size=MAX_SENTENCE_CHARS,
        max_size=3 * MAX_SENTENCE_CHARS,
    )
)
def test_sentences_are_bounded_ordered_and_cover_the_text(text: str) -> None:
    spans = split_sentences(text)
    assert all(0 < s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    assert all(a.end <= b.start for a, b in pairwise(spans))
    covered = "".join(text[s.start : s.end] for s in spans)
    assert "".join(covered.split()) == "".join(text.split())  # only whitespace left out


def test_a_line_opening_with_a_time_or_a_date_ends_the_sentence_before_it() -> None:
    # A chat's messages rarely end with 。: each line that opens with its time is one.
    lines = ["2026/10/03(土)", "19:02 山田 日にちを決めたい", "19:05 佐藤 12/5なら行ける"]
    lines.append("[19:06] 高橋 大丈夫")
    chat = "\n".join(lines)
    said = [chat[s.start : s.end] for s in split_sentences(chat, newline_ends=False)]
    assert said == lines
    # A wrapped line of prose is still no sentence end.
    prose = "開始は午後の予定で\n会場は体育館です。"
    assert len(split_sentences(prose, newline_ends=False)) == 1
