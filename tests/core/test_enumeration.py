"""The place in a list a sentence's opening cue gives it, and where the item itself begins."""

from __future__ import annotations

import pytest

from bot.core.enumeration import LAST, NEXT, cue_end, cue_kind, inline_items, ordinal


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("一つは、感染症の流行である。", 1),  # 一つは…。もう一つは…。
        ("ひとつは通信の技術だ。", 1),
        ("もう一つは、通信の技術だ。", LAST),
        ("次に、前の晩に服を用意する。", NEXT),
        ("続いて湯を注ぐ。", NEXT),
        ("Next, warm the pot.", NEXT),
        ("Next year the library closed.", None),  # not a step
        ("(1) They offer more jobs.", 1),
        ("（２）住宅費が高い。", 2),
        ("3) Wages fell.", 3),
        ("①円安で輸入品が高くなった。", 1),
        ("⑫最後の項目。", 12),
        ("⑵ 二つ目。", 2),
        ("1. Boil fresh water.", 1),  # a how-to's numbered steps
        ("１．湯を沸かす。", 1),
        ("12. Serve.", 12),
        ("手順2 急須を温める。", 2),
        ("ステップ３：茶葉を入れる。", 3),
        ("Step 4: Pour the water.", 4),
        ("1.5 million people moved.", None),  # a figure, not a number of a list
        ("2020. The year it ended.", None),
        ("1.の意味で使う人もいる。", None),  # a reference to an item, not the item
        ("1.は重要である。", None),
        ("1．まず湯を沸かす：沸くまで火から離れない。", 1),  # an item opening in hiragana
        ("先ず第一には純統計的の研究方面がある。", 1),  # まず before the ordinal it opens
        ("まず第二に、湯を沸かす。", 2),
        ("先ず湯を沸かす。", 1),
        ("一つの考え方がある。", None),  # a count, not the first of a list
        # An ordinal word is a list's only as one: not an adjective of the content's own.
        ("The first reason is corrosion.", 1),
        ("A third cause is the loss of meadows.", 3),
        ("Firstly, it is cheap.", 1),
        ("First of all, I was tired.", 1),
        ("First World War veterans formed the core.", None),
        ("Second Lieutenant Rendall commanded the guns.", None),
        ("Third-party accounts describe the town.", None),
        ("First light came late in winter.", None),
        ("Another cause is the varroa mite.", NEXT),
        ("Another round of talks began in 2019.", None),
        ("最初の理由は、長時間労働だ。", 1),
        ("最後の要因は天候である。", LAST),
        ("第一の人生は数字との格闘だった。", None),  # 第一の + a noun of its own
        ("二つ目の箱には絵が入っていた。", None),
        ("第二の重要な要因は、金利である。", 2),
        ("1. 5倍に値上がりした。", None),  # a figure typed with a space, not item 1
        ("二十一番目の要因は円安だ。", 21),
        ("彼は次に家に帰った。", None),  # not at the start
        ("1904年に図書館ができた。", None),
    ],
)
def test_the_place_a_cue_gives(sentence: str, expected: int | None) -> None:
    assert ordinal(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("(1) They offer jobs.", "(1)"),
        ("1. Boil water.", "1."),
        ("②燃料高。", "①"),
        ("手順2 急須を温める。", "step"),
        ("第二に、価格だ。", "word"),
        ("Second, prices.", "word"),
        ("First, boil the water.", "sequence"),  # what comes first, as a story says it too
        ("The first reason is cost.", "word"),
        ("一つは価格だ。", "word"),
        ("まず、湯を沸かす。", "sequence"),
        ("次に、茶葉を入れる。", "sequence"),
        ("Finally, pour.", "sequence"),
    ],
)
def test_the_kind_of_cue(sentence: str, kind: str) -> None:
    assert cue_kind(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        ("一つは、感染症の流行である。", "は、感染症の流行である。"),  # は stays: the topic
        ("次に、服を用意する。", "、服を用意する。"),
        ("(1) They offer more jobs.", "They offer more jobs."),
        ("②エネルギーの価格が上がった。", "エネルギーの価格が上がった。"),
        ("1. Boil fresh water.", "Boil fresh water."),
        ("手順2 急須を温める。", "急須を温める。"),
        ("Step 4: Pour the water.", "Pour the water."),
        ("先ず第一には純統計的の研究方面がある。", "純統計的の研究方面がある。"),
        ("普通の文です。", "普通の文です。"),
    ],
)
def test_the_item_begins_after_its_cue(sentence: str, item: str) -> None:
    assert sentence[cue_end(sentence) :] == item


@pytest.mark.parametrize(
    ("sentence", "items"),
    [
        ("要因は、①円安、②燃料高、③人手不足である。", ["①円安", "②燃料高", "③人手不足である。"]),
        ("理由は（1）価格および（2）品質だ。", ["（1）価格", "（2）品質だ。"]),
        ("その理由は、（1）と（2）のいずれも遅いためだ。", []),  # items referred to
        (
            "It grew for three reasons: (1) jobs, (2) schools, and (3) people.",
            ["(1) jobs", "(2) schools", "(3) people."],
        ),
        ("理由は①価格が高いこと、②品質。", ["①価格が高いこと", "②品質。"]),  # こと keeps と
        ("図①に示すように、式(1)と式(2)は等しい。", []),  # after a word: a reference
        ("(1) They offer jobs.", []),  # a marker opening the sentence: the sentence's own
    ],
)
def test_the_items_list_markers_open_inside_a_sentence(sentence: str, items: list[str]) -> None:
    assert [sentence[a:b] for a, b in inline_items(sentence)] == items
