"""Factor detection from generic enumeration cues, on made-up pieces and the real ones."""

from __future__ import annotations

import pytest

from bot.core.article import Article, parse_article
from bot.core.grounding import long_enough
from bot.engines.offline.factors import (
    Factor,
    find_factors,
    ordinal,
)
from bot.engines.offline.list_questions import (
    item_asked,
    names_listed_kind,
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("まず最も重要なのは、景気である。", 1),
        ("第一に、価格が高い。", 1),
        ("2つ目の要因は、天候である。", 2),
        ("二つ目の理由は人口だ。", 2),
        ("第三に、制度の問題がある。", 3),
        ("また、3番目の点として費用がある。", 3),  # a connective may open the sentence
        ("費用は3番目に大きい。", None),  # cue not at the start of the sentence
        ("3番目の点は費用である。", 3),
        ("最後に、文化の違いがある。", -1),
        ("First, prices rose.", 1),
        ("Secondly, wages fell.", 2),
        ("Finally, trust eroded.", -1),
        ("彼はまず家に帰った。", None),  # 'まず' mid-sentence is not an enumeration
        ("普通の文です。", None),
    ],
)
def test_ordinal(sentence: str, expected: int | None) -> None:
    assert ordinal(sentence) == expected


MADE_UP = (
    "売上が落ちた話\n\n記者\n新聞\n2020-01-01\n"
    "売上の減少には3つの理由がある。まず、価格の上昇である。客は値段に敏感だ。\n"
    "2つ目の理由は、競合の出店である。近所に新しい店ができた。\n"
    "3つ目の理由は、天候不順である。雨の日が多かった。\n"
    "店は対策を考えている。\n"
)


def test_enumeration_in_a_made_up_piece() -> None:
    fl = find_factors(parse_article(MADE_UP))
    assert fl.enumerated
    assert fl.announcement is not None and "3つの理由" in fl.announcement.text
    assert [f.title for f in fl.factors] == ["価格の上昇", "競合の出店", "天候不順"]
    assert [f.marker.paragraph for f in fl.factors] == [1, 2, 3]
    # Each item's region runs to the next item.
    assert fl.factors[0].region[-1].text == "客は値段に敏感だ。"


def one_paragraph(body: str) -> str:
    return f"見出し\n\n記者\n新聞\n2020-01-01\n{body}\n対策はまだない。\n"


@pytest.mark.parametrize(
    ("text", "announced", "titles"),
    [
        (
            one_paragraph(
                "在宅勤務が広がった理由は二つある。一つは、感染症の流行で出社が難しくなったことだ。"
                "もう一つは、通信の技術が進んだことだ。"
            ),
            "理由は二つある",  # the count after the noun announces the list too
            ["感染症の流行で出社が難しくなったこと", "通信の技術が進んだこと"],
        ),
        (
            one_paragraph("まず、起きる時刻を決める。次に、服を用意する。最後に、水を飲む。"),
            None,
            ["起きる時刻を決める", "服を用意する", "水を飲む"],  # 次に is the second
        ),
        (
            one_paragraph(
                "物価が上がる理由は三つある。①円安で輸入品が高くなった。"
                "②エネルギーの価格が上がった。③人手不足で賃金が上がった。"
            ),
            "理由は三つある",
            ["円安で輸入品が高くなった", "エネルギーの価格が上がった", "人手不足で賃金が上がった"],
        ),
        (
            "Cities\n\nThere are three reasons cities grow. (1) They offer more jobs. "
            "(2) They have schools. (3) They attract people.\nPlanners must keep up.\n",
            "three reasons",
            ["They offer more jobs", "They have schools", "They attract people"],
        ),
        (
            "Tea\n\nBrewing tea is simple. First, boil the water. Next, warm the pot. "
            "Finally, pour.\nEnjoy it.\n",
            None,
            ["boil the water", "warm the pot", "pour"],
        ),
    ],
    ids=["one-and-another", "first-next-last", "circled", "bracketed", "first-next-finally"],
)
def test_an_enumeration_inside_one_paragraph(
    text: str, announced: str | None, titles: list[str]
) -> None:
    article = parse_article(text)
    fl = find_factors(article)
    assert fl.enumerated
    assert [f.title for f in fl.factors] == titles
    if announced is None:
        assert fl.announcement is None
    else:
        assert fl.announcement is not None and announced in fl.announcement.text
    for f in fl.factors:  # each item is a sentence of the piece, as it is written there
        assert article.text[f.marker.start : f.marker.end] == f.marker.text


HOW_TO = (
    "How to brew tea\n\nJane Doe\n2024-01-01\n\n"
    "Brewing good tea takes four steps.\n"
    "1. Boil fresh water.\n2. Warm the pot.\n3. Add one spoon of tea per cup.\n"
    "4. Pour the water and wait three minutes.\nEnjoy it while it is hot.\n"
)
HOW_TO_JA = (
    "お茶のいれ方\n\n山田太郎\n2024-01-01\n\n"
    "おいしいお茶をいれる手順を紹介する。\n"
    "手順1 湯を沸かす。\n手順2 急須を温める。\n手順3 茶葉を入れて一分待つ。\n"
    "湯飲みに注いで完成だ。\n"
)


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            HOW_TO,
            ["Boil fresh water", "Warm the pot", "Add one spoon of tea per cup",
             "Pour the water and wait three minutes"],
        ),
        (HOW_TO_JA, ["湯を沸かす", "急須を温める", "茶葉を入れて一分待つ"]),
    ],
    ids=["numbered-lines", "手順N"],
)  # fmt: skip
def test_a_how_tos_numbered_steps_are_its_list(text: str, titles: list[str]) -> None:
    article = parse_article(text)
    fl = find_factors(article)
    assert [f.title for f in fl.factors] == titles
    # Each step is its whole line, number included, as the piece writes it.
    assert [f.marker.paragraph for f in fl.factors] == list(range(2, 2 + len(titles)))
    assert all(f.marker.text == article.paragraph(f.marker.paragraph).text for f in fl.factors)


def test_concerns_told_first_also_and_above_all_are_a_list() -> None:
    """まず…, 費用の問題も…, そして何より…: the middle concern is one too, said with も
    between a first and a closing one; a paragraph with も elsewhere adds nothing."""
    text = (
        "移行を急ぐな\n\n部活動の地域移行が進んでいる。だが懸念がある。\n"
        "まず気がかりなのは、指導者が足りないことだ。\n"
        "費用の問題も見過ごせない。会費が家計の負担になる。\n"
        "そして何より心配なのは、学校の役割が失われることである。\n"
        "教員の負担軽減も大切だ。だからこそ慎重に進めたい。\n"
    )
    fl = find_factors(parse_article(text))
    assert [f.title for f in fl.factors] == [
        "指導者が足りないこと",
        "費用の問題も見過ごせない",
        "学校の役割が失われること",
    ]
    # People told of with も between the items are no concern of the list.
    told = parse_article(
        "介護\n\nまず気がかりなのは、体力の問題だ。\n私も5年間、母を自宅で介護した。\n"
        "そして何より心配なのは、家族が孤立することだ。\n"
    )
    assert len(find_factors(told).factors) == 2
    trend = parse_article(
        "商店街\n\nまず気がかりなのは、店主の高齢化だ。\n物価高も店の経営を圧迫している。\n"
        "そして何より心配なのは、客を奪われていることだ。\n"
    )
    assert len(find_factors(trend).factors) == 3
    neutral = parse_article(
        "町\n\nまず気がかりなのは、店主の高齢化だ。\n売上高も観光客の増加で伸びている。\n"
        "伝統の文化も色濃く残る。\nそして何より心配なのは、客を奪われていることだ。\n"
    )
    assert len(find_factors(neutral).factors) == 2
    # 何より alone, with no first concern before it, makes no list.
    alone = parse_article("題\n\n費用の問題も見過ごせない。\n何より大事なのは、子どもの居場所だ。")
    assert not find_factors(alone).factors


def test_a_numbered_step_that_opens_with_a_figure_goes_on_the_list() -> None:
    """5. 1日2回… is step 5 after step 4, though 1. 5倍 alone is a figure typed with a space."""
    text = (
        "ぬか床の作り方\n\n"
        "ぬか床は次の手順で作る。\n1. 塩水を作る。\n2. ぬかに混ぜる。\n"
        "3. 昆布を埋める。\n4. 野菜くずを埋める。\n5. 1日2回かき混ぜる。\n10日で完成だ。\n"
    )
    fl = find_factors(parse_article(text))
    assert [f.title for f in fl.factors][3:] == ["野菜くずを埋める", "1日2回かき混ぜる"]
    alone = parse_article("値上げ\n\n電気代が上がった。\n1. 5倍に値上がりした。\n2. 5倍もある。\n")
    assert not find_factors(alone).factors


@pytest.mark.parametrize(
    ("intro", "items", "question"),
    [
        (
            "物価が上がっている理由は主に次の通りだ。",
            "①円安で輸入品が高くなった。②エネルギーの価格が上がった。",
            "2つ目の理由は？",
        ),
        (
            "Cities grow for several reasons.",
            "First, they offer jobs. Second, they have schools.",
            "What is the second reason?",
        ),
        (
            "The following reasons stand out.",
            "(1) It was cheap. (2) It was near.",
            "the second reason?",
        ),
    ],
    ids=["次の通り", "several", "following"],
)
def test_a_sentence_that_introduces_a_list_with_no_count_announces_it(
    intro: str, items: str, question: str
) -> None:
    opening = "前置きを一つ書く。" if intro.endswith("。") else "Some words, to open it."
    fl = find_factors(parse_article(f"Title\n\n{opening} {intro} {items}\n"))
    assert fl.announcement is not None and fl.announcement.text == intro
    assert names_listed_kind(question, fl)  # so the place asked for is an item of this list
    assert item_asked(question, len(fl.factors)) == 2


def test_a_sentence_before_a_list_that_introduces_nothing_announces_nothing() -> None:
    fl = find_factors(parse_article("Title\n\nThe problem was old. First, a. Second, b.\n"))
    assert fl.enumerated and fl.announcement is None


@pytest.mark.parametrize(
    ("body", "announced", "titles"),
    [
        (
            "物価が上がり続けている。その要因は、①円安、②燃料高、③人手不足である。",
            "その要因は、①円安、②燃料高、③人手不足である。",  # the lead alone says little
            ["円安", "燃料高", "人手不足"],
        ),
        (
            "Cities keep growing. They grow for three reasons: (1) they offer more jobs, "
            "(2) they have better schools, and (3) they attract young people.",
            "They grow for three reasons:",
            ["they offer more jobs", "they have better schools", "they attract young people"],
        ),
    ],
    ids=["ja", "en"],
)
def test_a_list_inside_one_sentence(body: str, announced: str, titles: list[str]) -> None:
    article = parse_article(f"Title\n\n{body}\nNothing more is said of it here.\n")
    fl = find_factors(article)
    assert fl.announcement is not None and fl.announcement.text == announced
    assert [f.title for f in fl.factors] == titles
    for f in [*fl.factors, fl.announcement]:  # items and all: verbatim spans of the piece
        quoted = f.marker if isinstance(f, Factor) else f
        assert article.text[quoted.start : quoted.end] == quoted.text
        assert long_enough(quoted.text)


def test_an_announcement_far_above_a_list_does_not_announce_it() -> None:
    """「3つの要素」 paragraphs before a list of steps is about something else."""
    text = (
        "Title\n\n党はその構造を3つの要素の結合と規定した。\n"
        + "".join(f"段落{i}の文章はここにある。\n" for i in range(5))
        + "その後、方針は段階論に転換した。（1）軍縮する。（2）存続する。（3）解消する。\n"
    )
    fl = find_factors(parse_article(text))
    assert [f.number for f in fl.factors] == [1, 2, 3]
    assert fl.announcement is None


def test_terms_one_sentence_counts_off_are_no_list_unless_it_says_what_they_are() -> None:
    terms = "住民票の対象に（1）中長期在留者、（2）特別永住者、（3）経過滞在者を加えた。"
    assert not find_factors(parse_article(f"Title\n\n{terms}\n")).enumerated
    said = "住民票を受ける条件は次の通りだ：（1）中長期在留者、（2）特別永住者又は仮滞在者。"
    fl = find_factors(parse_article(f"Title\n\n{said}\n"))
    # 又は (or) is no topic: the item's title keeps what comes before it.
    assert [f.title for f in fl.factors] == ["中長期在留者", "特別永住者又は仮滞在者"]


def test_no_enumeration_is_reported_as_such() -> None:
    fl = find_factors(parse_article("ただの文章。\n特に列挙はない。\n"))
    assert not fl.enumerated and fl.factors == ()


def test_default_piece_factors_come_from_cues(article: Article) -> None:
    fl = find_factors(article)
    assert fl.enumerated and fl.announcement is not None
    assert len(fl.factors) == 3
    for f in fl.factors:
        assert f.title and f.title.rstrip("…") in f.marker.text
        assert f.region[0] is f.marker


@pytest.mark.parametrize(
    "body",
    [
        # Ordinal words as adjectives of the content's own.
        "First World War veterans formed the guard.\nSecond Lieutenant Rendall led it.\n"
        "Third-party accounts praise it.\n",
        "First Nations leaders met on Tuesday.\nAnother round of talks began in 2019.\n",
        # A story told with まず, 次に, 最後に; the writer's plan with them.
        "まず彼は駅前の花屋に寄った。\n次に彼は古本屋をのぞいた。\n最後に彼は家に帰った。\n",
        "まず、現状を見てみよう。\n次に、課題を整理したい。\n最後に、筆者の考えを述べたい。\n",
        "First, we drove to the harbour.\nNext, we bought fish.\nFinally, we walked home.\n",
        # Numbered section headings, and ordinals before nouns of the content's own.
        "1. はじめに\n本稿は需要を扱う。データは市から得た。\n2. データ\n気温と需要を使った。\n",
        "第一の人生は数字との格闘だった。\n第二の人生は畑で始まった。\n",
        # Markers with nothing after them.
        "①\n②\n③\n",
    ],
    ids=["adjectives", "first-nations", "story", "plan", "story-en", "headings", "nouns", "bare"],
)
def test_what_only_looks_like_a_list_is_none(body: str) -> None:
    assert not find_factors(parse_article(f"Title\n\n{body}")).enumerated


def test_steps_told_with_sequence_words_are_a_list() -> None:
    body = "まず、湯を沸かす。\n次に、茶葉を入れる。\n最後に、三分待つ。\n"
    fl = find_factors(parse_article(f"お茶\n\n{body}"))
    assert [f.title for f in fl.factors] == ["湯を沸かす", "茶葉を入れる", "三分待つ"]


def test_a_list_nested_in_an_item_is_not_spliced_into_it() -> None:
    body = (
        "申請には次の手順を踏む。\n（1）事前相談を行う。\n①予約は電話でする。\n"
        "②見積書を持参する。\n（2）申請書を提出する。\n（3）実績を報告する。\n"
    )
    fl = find_factors(parse_article(f"補助金\n\n{body}"))
    assert [f.title for f in fl.factors] == ["事前相談を行う", "申請書を提出する", "実績を報告する"]


def test_paragraphs_that_add_one_more_are_items_inside_a_list_or_up_to_its_count() -> None:
    between = (
        "睡眠\n\n専門家は次の習慣を勧める。\nまず、同じ時間に起きることだ。\n"
        "また、寝る前に画面を見ないことだ。\nさらに、夕方にカフェインを控えることだ。\n"
        "最後に、寝室を涼しく保つことである。\n"
    )
    fl = find_factors(parse_article(between))
    assert [f.number for f in fl.factors] == [1, 2, 3, 4]
    assert fl.factors[2].title == "夕方にカフェインを控えること"
    counted = (
        "訪日客\n\n観光庁は、その背景に三つの要因があると分析している。\n"
        "第一に、歴史的な円安である。\n第二に、航空便の回復である。\n"
        "さらに、地方の魅力の発信も大きい。\nまた、混雑を懸念する声もある。\n"
    )
    fl = find_factors(parse_article(counted))
    # The third is added, as announced; the paragraph after it is not a fourth.
    titles = ["歴史的な円安", "航空便の回復", "地方の魅力の発信も大きい"]
    assert [f.title for f in fl.factors] == titles
    # Without a count or a closing item, また opens no item.
    plain = counted.replace("三つの要因があると", "要因があると")
    assert len(find_factors(parse_article(plain)).factors) == 2


def test_of_two_announced_lists_the_one_the_title_names_is_the_pieces() -> None:
    text = (
        "ローカル線が消えていく理由\n\n廃止が進む理由は二つある。第一に、人口の減少である。"
        "第二に、設備の老朽化である。\n存続した路線には三つの特徴がある。\n"
        "一つ目は、観光列車の導入である。\n二つ目は、上下分離である。\n三つ目は、利用運動である。\n"
    )
    fl = find_factors(parse_article(text))
    assert [f.title for f in fl.factors] == ["人口の減少", "設備の老朽化"]
    retitled = text.replace("消えていく理由", "の今")
    assert len(find_factors(parse_article(retitled)).factors) == 3


def test_bulleted_paragraphs_after_an_introduction_are_a_list() -> None:
    text = (
        "NISA\n\n使い方を誤ると損をする。ポイントは次の3つだ。\n・長期で保有すること。値動きに動じない。\n"
        "・手数料の低い商品を選ぶこと。\n・生活資金には手を付けないこと。\n投資は自己責任だ。\n"
    )
    fl = find_factors(parse_article(text))
    assert fl.announcement is not None and fl.announcement.text == "ポイントは次の3つだ。"
    titles = ["長期で保有すること", "手数料の低い商品を選ぶこと", "生活資金には手を付けないこと"]
    assert [f.title for f in fl.factors] == titles
    # Bullets with nothing introducing them are the piece's lines, not its list.
    plain = text.replace("ポイントは次の3つだ。", "")
    assert not find_factors(parse_article(plain)).enumerated


def test_an_announced_lists_items_may_stand_far_apart() -> None:
    filler = "".join(f"Paragraph {i} tells more of the story here.\n" for i in range(22))
    text = (
        "Town\n\nThe town changed for three reasons, each of them slow.\n"
        f"First, the mine closed.\n{filler}Second, the railway stopped.\n{filler}"
        "Third, the young left for the cities.\n"
    )
    assert len(find_factors(parse_article(text)).factors) == 3


def test_steps_told_by_we_in_the_present_are_a_list() -> None:
    text = (
        "Sauce\n\nFirst, we heat oil in a wide pan.\nNext, we add the chopped garlic.\n"
        "Finally, we pour in the tomatoes.\n"
    )
    assert len(find_factors(parse_article(text)).factors) == 3


@pytest.mark.parametrize(
    "announcement",
    ["理由は大きく二つに分けられる。", "課題は二つ挙げられる。", "要因は2つ考えられる。"],
)
def test_a_count_after_the_noun_announces_the_list(announcement: str) -> None:
    """原因は大きく三つに分けられる: the noun before its count says what is listed, as in
    理由は二つある; a count of something else (二つに割った) announces nothing."""
    items = "一つ目は駅から遠いことだ。\n二つ目は本が古いことだ。\n"
    text = f"町の図書館\n\n利用者が減った。{announcement}{items}"
    fl = find_factors(parse_article(text))
    assert fl.announcement is not None and fl.announcement.text == announcement
    assert names_listed_kind(f"二つ目の{announcement[:2]}は？", fl)
    cut = parse_article(f"町の図書館\n\nスイカは二つに分けられる。{items}")
    assert find_factors(cut).announcement is None


def test_a_last_cue_after_the_announced_items_closes_the_talk_not_the_list() -> None:
    text = (
        "商店街の客が減った理由\n\n"
        "この十年で、商店街の客は四割減った。減った理由は三つある。\n\n"
        "一つ目は、駐車場の不足である。車で来る客が郊外へ流れた。\n\n"
        "二つ目は、大型店の進出である。品ぞろえで太刀打ちできなかった。\n\n"
        "三つ目は、後継者の不足である。店主の高齢化で閉店が続いた。\n\n"
        "空き店舗を使った市場の取り組みは、今年で五年目を迎えた。\n\n"
        "最後に、皆さんにお願いがある。週に一度は商店街で買い物をしてほしい。\n"
    )
    fl = find_factors(parse_article(text))
    assert [f.number for f in fl.factors] == [1, 2, 3]
    # Announced three, told first, second and last: the last cue is the third item.
    short = (
        "商店街の客が減った理由\n\n減った理由は三つある。\n\n"
        "一つ目は、駐車場の不足である。\n\n二つ目は、大型店の進出である。\n\n"
        "最後に、後継者の不足である。\n"
    )
    assert len(find_factors(parse_article(short)).factors) == 3


def test_a_topic_names_the_items_a_count_of_things_announces() -> None:
    # 原因は…三つのことが分かった: three causes, though the count is of こと.
    text = (
        "商店街の講演\n\n"
        "客は四割減りました。原因はひとつではありませんが、大きく三つのことが分かってきました。\n\n"
        "一つ目は、駐車場の不足です。\n\n二つ目は、大型店の進出です。\n\n"
        "三つ目は、後継者の不足です。\n\n最後に、皆さんにお願いがあります。\n"
    )
    fl = find_factors(parse_article(text))
    assert fl.announcement is not None and "三つのこと" in fl.announcement.text
    assert [f.number for f in fl.factors] == [1, 2, 3]
    # Without a topic naming the items, a count of こと announces nothing.
    plain = text.replace("原因はひとつではありませんが、", "")
    assert find_factors(parse_article(plain)).announcement is None
