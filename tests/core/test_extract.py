from bot.core.article import parse_article
from bot.core.extract import choose, has_figure, holds_answer, novelty
from bot.core.question import analyse

PIECE = (
    "梅雨\n\n"
    "梅雨の半ばには一旦天気が回復する期間が出現することがある。"
    "この期間のことを梅雨の中休みという。梅雨は長い。\n"
    "グーテンベルクは印刷業者である。1468年に世を去った。\n"
)


def test_the_sentence_that_names_the_term_is_added() -> None:
    a = parse_article(PIECE)
    q = "梅雨の半ばに一旦天気が回復する期間を何という？"
    picked = choose(a, q, analyse(q), [0])
    assert picked == [0, 1]
    assert "梅雨の中休み" in a.sentences[1].text


def test_a_sentence_that_holds_the_answer_is_enough() -> None:
    a = parse_article(PIECE)
    q = "グーテンベルクが世を去ったのは何年？"
    assert choose(a, q, analyse(q), [4]) == [4]
    assert holds_answer(a.sentences[4].text, analyse(q), q)
    assert not holds_answer(a.sentences[3].text, analyse(q), q)


def test_figures_with_the_asked_unit() -> None:
    assert has_figure("没年齢は70歳頃と考えられる。", "何歳で亡くなった？") is True
    assert has_figure("10月24日に批准した。", "ティモフェーエフ氏は何歳？") is False
    assert has_figure("制裁には50カ国が加わる。", "何か国が加わった？") is True
    assert has_figure("何でもよい", "いつ？") is None


def test_novelty() -> None:
    assert novelty("梅雨は雨季の一種である。", "梅雨は雨季の一種である？") == 0.0
    assert novelty("梅雨は雨季の一種である。", "入梅はいつ？") == 1.0
