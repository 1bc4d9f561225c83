"""Interviews: the interviewer's question paragraphs, and the paragraphs answering them."""

from __future__ import annotations

import pytest

from bot.core.article import parse_article
from bot.core.files import default_article_path, load_article
from bot.core.interview import NO_INTERVIEW, asks, find_interview, mark_of
from bot.settings import SEEDS_DIR
from tests.conftest import SHARED_PIECES, TEST_DATA

# A made-up interview in the shape of a magazine's: a lead, then question and answer.
INTERVIEW = (
    "島のパンを焼き続けて　パン職人・川島実さんに聞く\n\n"
    "聞き手・木村由紀\n"
    "月刊まちの暮らし\n"
    "2023-06-01\n"
    "瀬戸内の小さな島でパン店を営む川島実さん（52）。島の小麦だけで焼くパンが評判を呼び、"
    "昨年は東京の百貨店の催事にも出店した。\n"
    "――パン職人になったきっかけは何ですか。\n"
    "子どもの頃、祖母が薪の窯で焼いてくれた田舎パンの香りが忘れられなかったんです。"
    "高校を出てすぐ、神戸のベーカリーに住み込みで弟子入りしました。\n"
    "――島に店を出した理由は。\n"
    "港の近くの古い倉庫を安く譲ってもらえたからです。それに、畑で小麦を育ててくれる農家が"
    "見つかった。海を見ながら生地をこねるのは、今でも格別です。\n"
    "――東京の百貨店での催事はいかがでしたか。\n"
    "驚きました。5日間で延べ3,000人にお越しいただき、用意した900個のうち850個が売れました。"
    "特に、いちじくのパンが人気でした。\n"
    "――これからの目標を教えてください。\n"
    "地元の子どもたちとパンを焼く教室を開きたいですね。来年の夏から、月に2回、店の奥の工房で"
    "始める予定です。\n"
)


def piece(*paragraphs: str) -> str:
    return "A title\n\n" + "\n".join(paragraphs) + "\n"


def test_an_interview_s_questions_and_their_answers() -> None:
    interview = find_interview(parse_article(INTERVIEW))
    assert interview.questions == {2, 4, 6, 8}
    assert interview.answers == {2: (3,), 4: (5,), 6: (7,), 8: (9,)}
    assert interview.question_of == {3: 2, 5: 4, 7: 6, 9: 8}
    assert 1 not in interview.question_of  # the lead answers nothing


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("――島に店を出した理由は。", "dash"),
        ("―― 島に店を出した理由は。", "dash"),
        ("──島に店を出した理由は。", "dash"),
        ("——島に店を出した理由は。", "dash"),
        ("―島に店を出した理由は。", "dash"),
        ("-- Why the island?", "dash"),
        ("Q.島に店を出した理由は。", "q"),
        ("Q：島に店を出した理由は。", "q"),
        ("Ｑ．島に店を出した理由は。", "q"),
        ("Ｑ 島に店を出した理由は。", "q"),
        ("Ｑ島に店を出した理由は。", "q"),
        ("Q1. 島に店を出した理由は。", "q"),
        ("【Q】島に店を出した理由は。", "q"),
        ("Q: Why the island?", "q"),
        ("Q. Why the island?", "q"),
        ("Interviewer: Why the island?", "label"),
        ("聞き手：島に店を出した理由は。", "label"),
        ("問：島に店を出した理由は。", "label"),
    ],
)
def test_the_interviewer_s_marks(opening: str, kind: str) -> None:
    assert mark_of(opening) == kind


@pytest.mark.parametrize(
    "opening",
    [
        "- a list item",  # a bullet
        "――",  # a rule: no words after the dashes
        "Quite so, she said.",
        "Qatar signed the treaty in 2019.",
        "QRコードで支払える店が増えた。",
        "島に店を出したのは港の倉庫が安かったからだ。",
        "「――そうか」と彼は言った。",
    ],
)
def test_no_mark(opening: str) -> None:
    assert mark_of(opening) is None


def test_questions_and_requests_ask_statements_do_not() -> None:
    assert asks("――島に店を出した理由は。")
    assert asks("――これからの目標を教えてください。")
    assert asks("Q: How did the market stall go?")
    assert not asks("――燃料の値上がりが続いています。")
    # 何もかも, いつも, どこにも, what he had done: words of a statement.
    assert not asks("――何もかもが変わってしまった。")
    assert not asks("――あの頃はいつも、ここで夢を語り合っていた。")
    assert not asks("— and he knew what he had done.")
    assert not asks("Q3 is usually the quietest period for the chain.")  # a quarter, no Q
    # Read after the mark: Q: Tell us… asks.
    assert asks("Q: Tell us about your first restaurant.")
    assert asks("Interviewer: Describe a normal day.")


def test_an_english_q_and_a() -> None:
    article = parse_article(
        piece(
            "Maria Lopez has run a bakery on a small island for twenty years.",
            "Q: Why did you open the bakery on the island?",
            "A: An old warehouse near the harbour was offered to me at a low price.",
            "Q: How did the market stall go?",
            "A: Better than I hoped. We sold 700 of our 800 loaves in four days.",
            "That was the last of the interview; her bakery is open every day.",
        )
    )
    interview = find_interview(article)
    assert interview.questions == {2, 4}
    # What follows the last answer is read as part of it: no mark ends it.
    assert interview.answers == {2: (3,), 4: (5, 6)}


def test_a_heading_ends_an_answer() -> None:
    article = parse_article(
        piece(
            "――島に店を出した理由は。",
            "港の近くの古い倉庫を安く譲ってもらえたからです。",
            "――これからの目標は？",
            "パンを焼く教室を開きたいですね。来年の夏から始める予定です。",
            "プロフィール",
            "かわしま・みのる　1971年生まれ。神戸で修業し、2003年に島で開業した。",
        )
    )
    assert find_interview(article).answers == {1: (2,), 3: (4,)}


@pytest.mark.parametrize(
    "paragraphs",
    [
        # One dash is no interview: a line of thought in a story.
        (
            "彼は港に立って海を見ていた。",
            "――あの日も、こんな風が吹いていた。",
            "船が出ていくのを、彼は最後まで見送った。",
        ),
        # Dialogue: the dashes follow each other, few lines without one come after them.
        (
            "— Where are you going?",
            "— To the harbour, why?",
            "— Is the ferry running today?",
            "— Nobody knows.",
            "They walked on in silence.",
        ),
        # Dashes that state, and ask nothing.
        (
            "――あの日も、こんな風が吹いていた。",
            "船が出ていくのを、彼は最後まで見送った。",
            "――それから十年が過ぎた。",
            "港には新しい倉庫が建った。",
        ),
        # A novel's dash lines with 何も and いつも in them.
        (
            "――何もかもが変わってしまった。",
            "駅前の商店街はシャッターを下ろし、賑わいはどこにもなかった。",
            "――あの頃はいつも、ここで友人たちと夢を語り合っていた。",
            "店の窓には色あせた張り紙が残っていた。",
            "――それでも、この町で生きていくと決めたのだ。",
            "翌朝、彼は町役場を訪ねた。",
        ),
        # Each question holds its own answer (Q. … A. …): no paragraph stands for another.
        (
            "Q. 店は何時に開きますか？ A. 朝7時です。",
            "Q. 定休日はありますか？ A. 水曜日です。",
            "ご来店をお待ちしています。",
        ),
    ],
)
def test_what_is_no_interview(paragraphs: tuple[str, ...]) -> None:
    assert find_interview(parse_article(piece(*paragraphs))) == NO_INTERVIEW


def test_the_project_s_pieces_are_no_interviews() -> None:
    paths = [default_article_path(SEEDS_DIR), TEST_DATA / "jishin-zakkan.txt"]
    paths += sorted(SHARED_PIECES.glob("*.txt"))
    for path in paths:
        assert not find_interview(load_article(path)), path


def test_a_heading_stands_for_the_paragraphs_under_it_and_a_question_for_its_answer() -> None:
    from bot.core.interview import Interview, stands_for

    interview = Interview(frozenset({8}), {8: (9,)})
    assert stands_for(interview, {3: 2, 4: 2, 6: 5}) == {2: (3, 4), 5: (6,), 8: (9,)}
    assert stands_for(NO_INTERVIEW, {}) == {}
