"""A quoted sentence that announces a list brings the list's items with it."""

from __future__ import annotations

import pytest

from bot.core.article import Article, parse_article
from bot.engines.offline.announced import MAX_ITEMS, with_announced_items
from bot.engines.offline.engine import OfflineEngine
from tests.engines.offline.test_engine import assert_grounded

RECIPE = (
    "ぬか床の始め方\n\n"
    "ぬか漬けは家庭でも簡単に始められる発酵食品です。\n\n"
    "必要な材料は次のとおりです。\n\n"
    "• 生ぬか　1キログラム\n\n• 塩　130グラム（ぬかの13％）\n\n• 水　1リットル\n\n"
    "容器はふた付きのホーロー容器が扱いやすいでしょう。金属の容器は避けてください。\n"
)


def _index(article: Article, text: str) -> int:
    return next(s.index for s in article.sentences if s.text == text)


def test_the_items_after_an_announcing_sentence_come_with_it() -> None:
    article = parse_article(RECIPE)
    lead = _index(article, "必要な材料は次のとおりです。")
    quotable = {s.index for s in article.sentences}
    got = with_announced_items(article, [lead], quotable)
    assert [article.sentences[i].text for i in got] == [
        "必要な材料は次のとおりです。",
        "• 生ぬか\u30001キログラム",
        "• 塩\u3000130グラム（ぬかの13％）",
        "• 水\u30001リットル",
    ]
    # A sentence that announces nothing, or is not its paragraph's last, brings nothing.
    other = _index(article, "容器はふた付きのホーロー容器が扱いやすいでしょう。")
    assert with_announced_items(article, [other], quotable) == [other]


def test_numbered_items_come_too_and_a_long_list_is_cut() -> None:
    steps = "\n".join(f"{n}. 手順{n}の作業をていねいに行います。" for n in range(1, MAX_ITEMS + 4))
    article = parse_article(f"作り方\n\n作り方は以下のとおりです。\n{steps}\n以上です。\n")
    quotable = {s.index for s in article.sentences}
    got = with_announced_items(article, [0], quotable)
    assert len(got) == 1 + MAX_ITEMS
    assert article.sentences[got[-1]].text.startswith(f"{MAX_ITEMS}. ")


def test_items_numbered_before_a_figure_come_too() -> None:
    article = parse_article(
        "パンケーキ\n\n材料は次のとおりです。\n1. 200gの薄力粉\n2. 2個の卵\n3. 150mlの牛乳\n"
        "焼き上がったら、好みでバターをのせる。\n"
    )
    quotable = {s.index for s in article.sentences}
    assert [
        article.sentences[i].paragraph for i in with_announced_items(article, [0], quotable)
    ] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    "lead",
    [
        "材料として次のものを用意する。",
        "材料は以下の3つを用意します。",
        "用意するのは次の材料だ。",
        "You will need the following ingredients.",
        "The report makes the following recommendations to the government.",
        "改正のポイントは次のとおりで、来年4月1日から施行される。",
        "政府は次の5つの分野に重点的に予算を配分する方針だ。",
        "園内では、次に掲げる行為をしてはならない。",
    ],
)
def test_a_sentence_that_names_what_follows_hands_it_over(lead: str) -> None:
    article = parse_article(f"題\n\n{lead}\n\n• 200gの薄力粉\n\n• 2個の卵\n\n以上です。\n")
    quotable = {s.index for s in article.sentences}
    assert len(with_announced_items(article, [0], quotable)) == 3


def test_a_sentence_that_only_mentions_the_following_hands_nothing_over() -> None:
    article = parse_article(
        "Her Return\n\nAfter the war she worked in Lyon. She came back the following year.\n\n"
        "- Village hall opening hours are 9 to 5 on weekdays.\n"
        "- The library is closed on Sundays during the winter.\n"
    )
    quotable = {s.index for s in article.sentences}
    assert with_announced_items(article, [1], quotable) == [1]
    under = parse_article(
        "題\n\n入場料は大人500円、小学生以下の子どもは無料です。\n\n• 17時 開会式\n\n• 18時 花火\n"
    )
    assert with_announced_items(under, [0], {s.index for s in under.sentences}) == [0]
    for lead in (
        "次の目標は優勝だ。",
        "3kg以下の荷物は無料だ。",
        "Prices rose in the following quarter.",
    ):
        other = parse_article(f"題\n\n{lead}\n\n• 17時 開会式\n\n• 18時 花火\n")
        assert with_announced_items(other, [0], {s.index for s in other.sentences}) == [0]
    schedule = parse_article(
        "題\n\n祭りは下記の日程で開催します。\n\n• 8月10日 前夜祭\n\n• 8月11日 本祭\n"
    )
    assert len(with_announced_items(schedule, [0], {s.index for s in schedule.sentences})) == 3
    next_day = parse_article(
        "題\n\n彼女は次の日に村へ戻った。\n\n• 役場は平日9時に開く。\n\n• 図書館は日曜休館。\n"
    )
    assert with_announced_items(next_day, [0], {s.index for s in next_day.sentences}) == [0]


def test_one_bullet_is_no_list_and_prose_after_a_colon_is_not_an_item() -> None:
    article = parse_article("題\n\n材料は次のとおり：\n\n• 塩を少々。\n\nあとは混ぜるだけです。\n")
    quotable = {s.index for s in article.sentences}
    assert with_announced_items(article, [0], quotable) == [0]


async def test_asking_for_what_a_list_gives_quotes_the_list() -> None:
    article = parse_article(RECIPE)
    answer = await OfflineEngine(article).ask("材料は何ですか？")
    assert_grounded(answer, article)
    assert [c.passage for c in answer.citations] == [2, 3, 4, 5]
    assert "• 塩　130グラム" in answer.text


def test_a_sentence_that_only_names_examples_comes_with_the_one_before_it() -> None:
    """家でできることもある。窓の断熱、…などだ。: the examples are what the first means; a
    sentence with a predicate of its own (…などを使う。) or in the next paragraph is not."""
    article = parse_article(
        "冬の節電\n\n"
        "家でできる工夫もある。窓の断熱シート、厚手のカーテン、こたつの活用などだ。効果は大きい。\n"
        "店でできる工夫もある。照明、暖房、換気扇などを見直す。\n"
        "会社でできる工夫もある。\n"
        "照明の間引き、暖房の温度の見直しなどだ。\n"
    )
    quotable = {s.index for s in article.sentences}

    def quoted(text: str) -> list[str]:
        got = with_announced_items(article, [_index(article, text)], quotable)
        return [article.sentences[i].text for i in got]

    assert quoted("家でできる工夫もある。") == [
        "家でできる工夫もある。",
        "窓の断熱シート、厚手のカーテン、こたつの活用などだ。",
    ]
    assert quoted("店でできる工夫もある。") == ["店でできる工夫もある。"]
    assert quoted("会社でできる工夫もある。") == ["会社でできる工夫もある。"]


RULES = (
    "市民公園管理規則\n\n"
    "第5条（禁止行為）\n"
    "公園内においては、次に掲げる行為をしてはならない。\n"
    "（1）園内での花火（管理者が認めた催しを除く。）\n"
    "（2）指定の場所以外での焚き火\n"
    "（3）樹木を傷つけるなど公園の美観を損なう行為\n\n"
    "第6条（利用の制限）\n"
    "管理者は、前条に違反した者に対し、退園を命ずることができる。\n"
)


@pytest.mark.parametrize(
    ("asked", "whole"),
    [
        ("園内で禁止されていることは？", True),  # 園内: 公園内; 禁止: the heading's
        ("園内での花火は禁止されていますか？", False),  # 花火: the item's own word
        ("", False),
    ],
)
def test_an_item_asked_for_in_the_lists_own_words_brings_the_list(asked: str, whole: bool) -> None:
    article = parse_article(RULES)
    quotable = {s.index for s in article.sentences}
    item = _index(article, "（1）園内での花火（管理者が認めた催しを除く。）")
    picked = with_announced_items(article, [item], quotable, asked)
    got = [article.sentences[i].text for i in picked]
    if whole:
        assert got[0] == "公園内においては、次に掲げる行為をしてはならない。"
        assert len(got) == 4
    else:
        assert got == ["（1）園内での花火（管理者が認めた催しを除く。）"]


def test_the_entries_of_one_paragraph_after_an_announcing_sentence_come_with_it() -> None:
    article = parse_article(
        "運動会\n\n当日は、各学年から次の人数のお手伝いをお願いしています。\n\n"
        "受付・見回り：1年と2年の保護者から各6名\n駐輪場の整理：3年と4年の保護者から各5名\n\n"
        "お手伝いの方は、午前7時40分に集合してください。\n"
    )
    lead = _index(article, "当日は、各学年から次の人数のお手伝いをお願いしています。")
    quotable = {s.index for s in article.sentences}
    got = with_announced_items(article, [lead], quotable)
    assert {article.sentences[i].paragraph for i in got} == {1, 2}
    # A paragraph of prose after it is no list.
    prose = parse_article("案内\n\n次のとおりです。\n\n雨の日は中止です。\n晴れたら行います。\n")
    lead = _index(prose, "次のとおりです。")
    assert with_announced_items(prose, [lead], {s.index for s in prose.sentences}) == [lead]


@pytest.mark.parametrize("bullet", ["＊", "–"])
def test_entry_lines_of_one_paragraph_open_with_any_list_bullet(bullet: str) -> None:
    # The marks that open an entry are those that open a list item (`enumeration.BULLETS`):
    # ＊ and – had been missing here. (Lines opened by ・ or ▪ are paragraphs of their own.)
    article = parse_article(
        "持ち物\n\n当日は次のものをお持ちください。\n\n"
        f"{bullet} 上履き\n{bullet} 水筒\n{bullet} 雨具\n\n集合は午前8時です。\n"
    )
    lead = _index(article, "当日は次のものをお持ちください。")
    got = with_announced_items(article, [lead], {s.index for s in article.sentences})
    assert {article.sentences[i].paragraph for i in got} == {1, 2}


def test_lines_that_end_no_sentence_after_an_announcing_sentence_come_with_it() -> None:
    # A bulletin's figure lines have no bullet: 18日　南部 6メートル … after 次のとおりです。
    article = parse_article(
        "気象情報\n\n予想される波の高さは次のとおりです。\n\n"
        "18日　南部 6メートル　北部 4メートル\n\n19日　南部 10メートル　北部 7メートル\n\n"
        "海岸には近づかないでください。\n"
    )
    lead = _index(article, "予想される波の高さは次のとおりです。")
    got = with_announced_items(article, [lead], {s.index for s in article.sentences})
    assert {article.sentences[i].paragraph for i in got} == {1, 2, 3}
    # Sentences after it are no items.
    prose = parse_article("案内\n\n次のとおりです。\n\n雨の日は中止です。\n\n晴れたら行います。\n")
    lead = _index(prose, "次のとおりです。")
    assert with_announced_items(prose, [lead], {s.index for s in prose.sentences}) == [lead]


def test_lines_after_an_announcing_sentence_end_at_a_heading() -> None:
    # The lines run up to the next section's heading (＜高潮＞), which is no item: the heading,
    # never quotable, had cost every line (nothing came with 次のとおりです。).
    article = parse_article(
        "気象情報\n\n＜大雨＞\n予想される降水量は次のとおりです。\n南部 350ミリ\n北部 250ミリ\n"
        "＜高潮＞\n19日未明から潮位が高くなる見込みです。\n"
    )
    engine = OfflineEngine(article)
    lead = _index(article, "予想される降水量は次のとおりです。")
    got = with_announced_items(article, [lead], engine.analysis.quotable)
    assert [article.sentences[i].text for i in got] == [
        "予想される降水量は次のとおりです。",
        "南部 350ミリ",
        "北部 250ミリ",
    ]
