"""Questions about the list a piece enumerates: for the list, for one item, by its kind."""

from __future__ import annotations

import pytest

from bot.core.article import parse_article
from bot.core.tokenize import morph_tokens
from bot.engines.offline.factors import find_factors
from bot.engines.offline.list_questions import (
    asks_for_every_item,
    asks_for_factors,
    asks_for_one_item,
    item_asked,
    names_listed_kind,
    topic_words,
)
from tests.engines.offline.test_factors import HOW_TO, MADE_UP


def test_a_step_is_asked_for_by_its_place() -> None:
    fl = find_factors(parse_article(HOW_TO))
    assert fl.announcement is not None and "four steps" in fl.announcement.text
    assert names_listed_kind("What is the second step?", fl)
    assert item_asked("What is the second step?", len(fl.factors)) == 2
    assert item_asked("最初の手順は？", len(fl.factors)) == 1


def test_next_in_a_question_asks_for_no_one_item() -> None:
    assert not asks_for_one_item("次に何が起きた？")
    assert asks_for_one_item("もう一つは？")


@pytest.mark.parametrize(
    ("question", "words", "why", "listed"),
    [
        ("売上の減少の理由は？", ["売上", "減少"], False, True),
        ("三つの理由を教えて", ["三", "理由"], False, True),  # a count in kanji is no subject
        ("売上が減った要因はいくつ？", ["売上", "減る"], False, True),  # any explaining noun
        ("What reasons does the piece give?", ["reason", "piec", "give"], False, True),
        ("なぜ売上は減少したのか", ["売上", "減少"], True, True),
        ("2つ目の理由は？", [], False, False),  # one item, not the list
        ("最初の理由は？", [], False, False),
        ("the last reason?", ["last", "reason"], False, False),
        ("店の対策の理由は？", ["店", "対策"], False, False),  # not what the list explains
        ("なぜ雨の日が多かった？", ["雨", "日", "多い"], True, False),
        ("売上はいくら？", ["売上"], False, False),  # no list asked for
    ],
)
def test_a_question_for_the_listed_reasons(
    question: str, words: list[str], why: bool, listed: bool
) -> None:
    fl = find_factors(parse_article(MADE_UP))
    assert asks_for_factors(question, words, why, fl) is listed


TITLED = (
    "川の水位はなぜ上がるのか　梅雨の増水を考える\n\n"
    "梅雨の時期、町を流れる川はしばしば増水する。\n"
    "要因は大きく二つに分けられる。一つ目は上流の雨量である。山に降った雨が数時間で流れ下る。\n"
    "二つ目は堤防の老朽化だ。古い堤防からは水がしみ出す。\n"
)


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        # The question's other words are the title's: what the whole list explains.
        ("川の水位が上がる要因は何ですか？", True),
        ("梅雨の増水の要因は？", True),
        # One item's detail: words the title does not hold.
        ("堤防から水がしみ出す要因は？", False),
        ("山に降った雨が流れ下る要因は？", False),
        ("2つ目の要因は？", False),
    ],
)
def test_a_question_in_the_titles_words_asks_for_the_list(question: str, listed: bool) -> None:
    """The announcement (要因は大きく二つに分けられる) names no topic: the title does."""
    fl = find_factors(parse_article(TITLED))
    title, words = TITLED.split("\n")[0], morph_tokens(question)
    assert asks_for_factors(question, words, False, fl, title) is listed
    if listed:
        assert not asks_for_factors(question, words, False, fl)  # the announcement alone


def test_where_the_piece_announces_no_list_only_the_factors_alone_are_asked_for() -> None:
    """理由は？ asks for what `factors` gives (there: the key points); a reason for something
    named (雨の理由は？) or one item (2つ目の理由は？) is a question like any other."""
    fl = find_factors(parse_article("ただの文章。\n特に列挙はない。\n"))
    assert asks_for_factors("理由は？", [], False, fl)
    assert asks_for_factors("What factors does the piece name?", [], False, fl)
    assert not asks_for_factors("雨の理由は？", ["雨"], False, fl)
    assert not asks_for_factors("2つ目の理由は？", [], False, fl)
    assert not asks_for_factors("売上はいくら？", ["売上"], False, fl)


def test_the_kind_of_item_a_piece_lists() -> None:
    fl = find_factors(parse_article(MADE_UP))  # 「3つの理由」
    assert names_listed_kind("2つ目の理由は？", fl) and names_listed_kind("その原因は？", fl)
    assert names_listed_kind("What is the second reason?", fl)
    assert not names_listed_kind("2つ目の特徴は？", fl)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("最初の要因は？", True),
        ("最初のは？", True),
        ("最初のって何？", True),
        ("2つ目は？", True),
        ("最初のって、どれ？", True),
        # て and っ alone are not particles: 最初のてがみ is the content's own first letter.
        ("最初のてがみは誰に宛てたもの？", False),
        ("最初の核実験はいつ？", False),
    ],
)
def test_an_item_is_asked_only_after_a_list_noun_or_particle(question: str, expected: bool) -> None:
    assert asks_for_one_item(question) is expected


def test_topic_words_leave_out_the_place_and_the_asking_but_keep_the_kind() -> None:
    assert topic_words("遵守事項の2番目は？") == morph_tokens("遵守事項")
    assert topic_words("入塾の流れを順番に教えて") == topic_words("入塾の流れを教えて")
    assert topic_words("手順は？") == ["手順"]
    assert topic_words("2つ目は？") == []
    assert topic_words("この記事が挙げる理由は？") == ["理由"]


def test_a_list_is_asked_for_in_the_words_of_the_sentences_before_its_announcement() -> None:
    # 客 and 減る are said just before 「原因は…三つのことが分かった」, not in it.
    fl = find_factors(
        parse_article(
            "商店街の講演\n\n"
            "客は四割減りました。原因はひとつではありませんが、大きく三つのことが分かりました。\n\n"
            "一つ目は、駐車場の不足です。\n\n二つ目は、大型店の進出です。\n\n"
            "三つ目は、後継者の不足です。\n"
        )
    )
    assert asks_for_factors("客が減った原因を全部教えて", ["客", "減る"], False, fl)
    assert not asks_for_factors("駅が混む原因を全部教えて", ["駅", "混む"], False, fl)


@pytest.mark.parametrize(
    ("question", "every"),
    [
        ("持ち物を全部教えて", True),
        ("全部で何がある？", True),
        ("What are all the fees?", True),
        ("全部で何に気をつける？", True),
        ("全部で何と何？", True),
        ("入塾までの流れを順番に教えて", True),  # every step, in order
        ("順に説明してください", True),
        # A total is one figure, not the items (全部で had asked for the list of fees).
        ("初期費用って全部でだいたいいくら？", False),
        ("全部で何人参加した？", False),
        ("How much does it cost in all?", False),
    ],
)
def test_a_total_asked_for_is_no_list(question: str, every: bool) -> None:
    assert asks_for_every_item(question) is every


def test_the_piece_pointed_at_is_no_topic_word() -> None:
    assert topic_words("この放送を聴く方法を全部教えて") == ["聞く", "方法"]
    # (この within a word is no pointing: ぬかどこの作り方)
    assert "作る" in topic_words("ぬかどこの作りかたは？")
    # (a word in hiragana is left whole: the も of このおもちゃ is no particle)
    assert "遊ぶ" in topic_words("このおもちゃの遊び方を全部教えて")
    assert "持つ" not in topic_words("このおもちゃの遊び方を全部教えて")
