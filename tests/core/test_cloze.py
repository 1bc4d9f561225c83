"""Fill-in-the-blank questions: the gap's context found in the piece's sentences."""

from __future__ import annotations

import pytest

from bot.core.cloze import find_fill, gaps

SENTENCES = [
    (0, "東海ラジオ放送は名古屋市にあるラジオ局である。"),
    (1, "党は伊豆学習会館を研修施設として持つ。"),
    (2, "彼らは「共産党イコール既存社会主義国の手先」という像を覆した。"),
    (3, "The keeper lit the lamp of Skerry Point every night."),
]


def _fills(question: str) -> list[str]:
    texts = dict(SENTENCES)
    return [texts[k][f.start : f.end] for k, f in find_fill(question, SENTENCES)]


@pytest.mark.parametrize(
    ("question", "fill"),
    [
        ("東〇ラジオ放送に入る文字は？", "海"),
        ("〇〇学習会館の〇〇に入る言葉は何か？", "伊豆"),
        # The gap's own length is kept where it can be; Latin O marks a gap too.
        ("「共産党イコール既存OOOO国の手先」のOに当てはまる語句は？", "社会主義"),
        ("既存○○○○国の手先とは", "社会主義"),
        # Underscores stand for a word or a few, of any length.
        ("Fill in the blank: the keeper lit the ____ of Skerry Point.", "lamp"),
    ],
)
def test_the_words_around_a_gap_find_what_fills_it(question: str, fill: str) -> None:
    assert _fills(question) == [fill]


@pytest.mark.parametrize(
    "question",
    [
        "ラジオ局はどこにある？",  # no gap
        "WHO LIT THE LAMP OF SKERRY POINT? THE BOOK SAYS",  # the OO of BOOK is a word's
        "〇〇に入る言葉は何か？",  # only the question's framing around the gap
        "西〇放送局とは",  # the context is not in the piece
        "東〇〇〇〇〇ラジオ放送とは",  # a fill of the gap's length (5 to 10 marks) is not there
    ],
)
def test_no_fill_without_a_gap_or_its_context(question: str) -> None:
    assert _fills(question) == []


def test_the_words_before_a_gap_must_all_be_there() -> None:
    # They say what the gap is said of; the words after it may frame the question instead.
    assert _fills("北〇ラジオ放送に入る文字は？") == []
    assert _fills("電波学習会館の〇〇に入る言葉は？") == []
    assert gaps("電波学習会館の〇〇に入る言葉は？")[0].before == "電波学習会館の"
    assert _fills("党は〇〇学習会館を") == ["伊豆"]


def test_a_piece_quoting_the_blank_itself_does_not_fill_it() -> None:
    quoted = [(0, "問題：東〇ラジオ放送の〇に入る文字を答えよ。")]
    assert find_fill("東〇ラジオ放送に入る文字は？", quoted) == []
