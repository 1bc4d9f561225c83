"""Follow-ups the offline engine understands, read from the question and the conversation."""

from __future__ import annotations

import pytest

from bot.core.answer import Turn
from bot.core.article import Article
from bot.engines.offline.factors import find_factors
from bot.engines.offline.follow_ups import (
    asks_for_more,
    factor_asked_for,
    is_anaphoric,
    is_courtesy,
    not_yet_quoted,
    read_on,
)

ABOUT_FACTORS = [Turn("ロシアと北朝鮮の接近の要因は？", "三つある。", ())]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("二つ目について詳しく", 2),
        ("第3の要因は？", 3),
        ("And the first one?", 1),
        ("What about the last?", 3),
        ("五つ目は？", None),  # the piece names three
        ("詳しく教えて", None),  # no ordinal at all
        ("最初の要因は？", 1),
        ("最後のものは？", 3),
        ("ふたつ目は？", 2),  # the count in kana
        ("ひとの理由は？", None),  # kana that only spell a count before つ目
        ("最初は？", 1),
        ("最後って何？", 3),
        # An ordinal of the content's own, even while the talk is about the list.
        ("北朝鮮の最初の核実験は何年？", None),
        ("3番目に大きい都市は？", None),
        ("Who was the first leader to visit?", None),
        ("What did Pyongyang test first?", None),
    ],
)
def test_the_factor_an_ordinal_means(article: Article, question: str, expected: int | None) -> None:
    factors = find_factors(article)
    assert len(factors.factors) == 3
    assert factor_asked_for(question, ABOUT_FACTORS, factors) == expected


def test_an_ordinal_means_a_factor_only_when_the_talk_is_about_them(article: Article) -> None:
    elsewhere = [Turn("北朝鮮が初めて核実験をしたのは何年？", "2006年。", (2,))]
    assert factor_asked_for("二つ目は？", elsewhere, find_factors(article)) is None
    # A question naming the list's kind of item means it from the first turn.
    assert factor_asked_for("一つ目の要因を説明して", (), find_factors(article)) == 1
    assert factor_asked_for("What is the second factor?", (), find_factors(article)) == 2
    assert factor_asked_for("二つ目は？", (), find_factors(article)) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("それはいつ？", True),
        ("What did they do?", True),
        ("北朝鮮の核実験は？", False),
        ("What did he write?", True),  # people too: he, she, his, her
        ("What happened to her later?", True),
        ("Where is the harbour?", False),
    ],
)
def test_anaphora(question: str, expected: bool) -> None:
    assert is_anaphoric(question) is expected


def test_tell_me_more_skips_what_was_quoted(article: Article) -> None:
    para = article.paragraph(3)
    last = Turn("q", para.sentences[0].text, (3,))
    more = not_yet_quoted(article, last)
    assert para.sentences[0].index not in more
    assert {article.sentences[i].paragraph for i in more} == {3}


def test_an_ordinal_asked_first_must_name_the_kind_of_item_listed() -> None:
    from bot.core.article import parse_article

    piece = parse_article(
        "町の特徴\n\n"
        "この町には3つの特徴がある。まず、海が近いことである。\n"
        "2つ目の特徴は、古い寺が多いことである。\n"
        "3つ目の特徴は、祭りがにぎやかなことである。\n"
    )
    factors = find_factors(piece)
    assert factor_asked_for("2つ目の特徴は？", (), factors) == 2
    # 理由 is not what this piece lists: asked first, it is searched, not taken for an item.
    assert factor_asked_for("2つ目の理由は？", (), factors) is None


def test_an_ordinal_of_reasons_means_an_item_of_a_list_that_says_not_what_it_lists() -> None:
    """まず…, そして何より…: a list of unsaid kind is the one a reader asking for its second
    reason means; the second 寺 (a thing of the content's own) is searched."""
    from bot.core.article import parse_article

    piece = parse_article(
        "駅前の再開発に思う\n\n再開発には不安がある。\n"
        "まず気がかりなのは、商店が立ち退くことだ。\n"
        "家賃の上昇も見過ごせない。\n"
        "そして何より心配なのは、祭りの場所が消えることである。\n"
    )
    factors = find_factors(piece)
    assert factor_asked_for("2つ目の理由は？", (), factors) == 2
    assert factor_asked_for("二つ目の寺は？", (), factors) is None


@pytest.mark.parametrize(
    ("question", "more"),
    [
        ("もっと詳しく", True),
        ("詳しく教えてください", True),
        ("続きは？", True),
        ("Tell me more, please.", True),
        ("and?", True),
        ("北朝鮮の制裁についてもっと詳しく", False),  # a topic of its own: searched
        ("more about sanctions", False),
        ("教えて", False),
        ("?", False),
    ],
)
def test_asking_only_to_go_on(question: str, more: bool) -> None:
    assert asks_for_more(question) is more


@pytest.mark.parametrize(
    ("question", "courtesy"),
    [
        ("ありがとう！", True),
        ("ありがとうございました。", True),
        ("Thanks!", True),
        ("thank you so much", True),
        ("OK", True),
        ("👍", True),
        ("🙏✨", True),
        ("?", False),  # puzzled, not thankful
        ("。", False),  # punctuation alone says nothing, and used to be thanked for
        ("…", False),
        ("!!!", False),
        ("ありがとう、制裁の話は？", False),
        ("ok so what about sanctions?", False),
    ],
)
def test_thanks_alone(question: str, courtesy: bool) -> None:
    assert is_courtesy(question) is courtesy


def test_reading_on_starts_at_the_paragraph_after_the_last_cited(article: Article) -> None:
    quoted = article.paragraph(3).sentences[0].text
    last = Turn("q", f"{quoted} [¶3]", (2, 3))
    assert {article.sentences[i].paragraph for i in read_on(article, last)} == {4}
    end = len(article.paragraphs)
    assert read_on(article, Turn("q", "a", (end,))) == []
    assert read_on(article, Turn("q", "a", ())) == []
    header = read_on(article, Turn("著者は？", "Ivan Timofeev [¶0]", (0,)))
    assert {article.sentences[i].paragraph for i in header} == {1}  # after the header, ¶1
    # A paragraph the conversation already quoted whole is skipped.
    said = "".join(s.text for s in article.paragraph(4).sentences)
    assert {article.sentences[i].paragraph for i in read_on(article, last, said)} == {5}
    # An interviewer's question is read past: what more the piece says is the next answer.
    assert {article.sentences[i].paragraph for i in read_on(article, last, "", {4})} == {5}
