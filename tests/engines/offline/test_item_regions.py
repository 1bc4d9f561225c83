"""What explains each item of a list."""

from __future__ import annotations

from bot.core.article import parse_article
from bot.engines.offline.engine import OfflineEngine
from bot.engines.offline.factors import find_factors


def test_inline_items_are_explained_by_the_paragraphs_taking_them_up() -> None:
    text = (
        "値上げ\n\n値上げの要因は、①円安、②燃料価格の高騰、③補助金の縮小の三つだ。\n"
        "円安は輸入に頼る燃料の調達費を押し上げている。\n"
        "燃料価格は中東情勢を受けて上昇傾向にある。\n"
        "政府は補助金を段階的に縮小している。\n"
    )
    engine = OfflineEngine(parse_article(text))
    assert [[s.paragraph for s in f.region] for f in engine.factor_list.factors] == [
        [1, 2],
        [1, 3],
        [1, 4],
    ]


def test_without_relatedness_an_inline_item_is_its_sentence() -> None:
    text = "値上げ\n\n要因は、①円安、②燃料価格の高騰だ。\n円安は調達費を押し上げている。\n"
    factors = find_factors(parse_article(text)).factors
    assert [[s.paragraph for s in f.region] for f in factors] == [[1], [1]]


def test_no_two_inline_items_take_up_the_same_paragraph() -> None:
    text = (
        "値上げ\n\n要因は、①円安、②燃料価格の高騰、③円安の長期化だ。\n"
        "円安は調達費を押し上げている。円安の長期化も響く。\n関係のない話が続く。\n"
    )
    factors = OfflineEngine(parse_article(text)).factor_list.factors
    taken = [p for f in factors for p in {s.paragraph for s in f.region} - {1}]
    assert len(taken) == len(set(taken))  # ¶2 explains one item at most


def test_an_inline_item_no_paragraph_takes_up_keeps_what_follows_it_in_its_own() -> None:
    text = (
        "物価\n\n物価上昇の要因は、①円安、②燃料高だ。燃料価格は中東情勢の緊張で高止まりしている。\n"
        "関係のない話が続く。\n"
    )
    factors = OfflineEngine(parse_article(text)).factor_list.factors
    assert "燃料価格は中東情勢の緊張で高止まりしている。" in [s.text for s in factors[1].region]
