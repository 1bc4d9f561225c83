"""Short titles for a list's items and for key points, cut from their sentences."""

from __future__ import annotations

import pytest

from bot.engines.offline.item_titles import TITLE_MAX, key_point_title, title_of


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("2つ目の重要な要因は、北の計画の力学である。", "北の計画の力学"),
        ("第一に、価格が高いことだ。", "価格が高いこと"),
        ("先ず第一には純統計的の研究方面がある。", "純統計的の研究方面がある"),
        ("First, prices rose sharply. Then more.", "prices rose sharply"),
        ("First, prices rose 3.5 percent in May.", "prices rose 3.5 percent in May"),
        ("Second, the U.S. economy slowed. Then more.", "the U.S. economy slowed"),
        ("And finally, costs fell.", "costs fell"),
        ("• cheap, so anyone can buy it", "cheap, so anyone can buy it"),  # not a connective
        ("• Italy, where prices fell by half.", "Italy, where prices fell by half"),
        ("Secondly, costs fell.", "costs fell"),
        # A topic that frames the item goes; one that says what it is about stays.
        ("（2）価格は3.5倍になった。", "価格は3.5倍になった"),
        ("第二に、図書館の貸出冊数は10代で増加傾向にある。", "図書館の貸出冊数は10代で増加傾向"),
        ("第二に、ロシアは、制裁に抵抗している。", "ロシアは、制裁に抵抗している"),
        ("まず最も重要なのは、欧州の危機であり、その中心は戦争である。", "欧州の危機"),
        ("3つ目の理由は人手不足だ。", "人手不足"),
        ("第二に、これは費用の問題である。", "費用の問題"),
        ("一つは、感染症の流行で出社が減ったことだ。", "感染症の流行で出社が減ったこと"),
        ("一つは父の古いカメラが入った箱だった。", "父の古いカメラが入った箱"),  # 一つは's は
        # The particle after an ordinal count (一つ目は, 2番目に、) is the cue's too.
        ("二つ目は水道料金の値上げだ。", "水道料金の値上げ"),
        ("3番目は駅前の再開発である。", "駅前の再開発"),
        ("三つ目に、部品の不足が続いた。", "部品の不足が続いた"),
        ("①はしごを立てかける。", "はしごを立てかける"),  # a word's は after a mark: the item's
        # Not a topic's は: the first letter of a word, 又は (or), では (a condition).
        ("1. はじめに、データを集める。", "はじめに、データを集める"),
        ("（3）一時庇護許可者又は仮滞在許可者", "一時庇護許可者又は仮滞在許可者"),
        ("第一に、一人の作業では在宅の方が生産性が高い。", "一人の作業では在宅の方が生産性が高い"),
        ("③政府補助金の縮小の三つだ。", "政府補助金の縮小"),  # the count closing the list
    ],
)
def test_title_is_cut_from_the_sentence(sentence: str, title: str) -> None:
    assert title_of(sentence) == title
    assert title.rstrip("…") in sentence


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # A key point keeps its subject: the predicate alone would say nothing.
        (
            "地震の予報は可能であるかという問題がしばしば提出される。",
            "地震の予報は可能であるかという問題がしばしば提出される",
        ),
        (
            "第三に地質学上の現象として地震を見るのもまた一つの見方である。",
            "地質学上の現象として地震を見るのもまた一つの見方である",
        ),
        (
            "Harwick had no public library until 1904.",
            "Harwick had no public library until 1904",
        ),
        ("一つは村に学校を建てることだった。", "村に学校を建てることだった"),
    ],
)
def test_a_key_points_title_is_its_sentence(sentence: str, title: str) -> None:
    assert key_point_title(sentence) == title
    assert len(key_point_title("長い文、" * 40 + "。")) <= TITLE_MAX + 1  # cut, with "…"
