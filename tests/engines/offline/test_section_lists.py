"""A piece's sections as lists: its numbered headings (an agenda), and what one section holds."""

from __future__ import annotations

from bot.core.article import parse_article
from bot.core.structure import sections
from bot.engines.offline.section_lists import (
    asks_for_all,
    asks_for_the_topics,
    numbered_headings,
    section_named,
    section_sentences,
)

MINUTES = """第5回 さくら町内会 定例会 議事録

1. 会計報告について

田中会計から、今年度の収支は黒字で、繰越金は8万円になるとの報告があった。

2. 清掃活動について

4月20日に川沿いの清掃活動を行うことが決まった。参加者には軍手を配る。

3. その他

防犯灯の球切れが2か所あるとの指摘があった。
"""

STORY = """灯台守の娘

1. 嵐の夜

その夜、海は荒れていた。灯台守の娘ミナは、父の帰りを窓辺で待ち続けた。

2. 小さな舟

夜明け前、ミナは浜に打ち上げられた小さな舟を見つけた。舟には見知らぬ少年が眠っていた。

3. 別れ

春になると、少年は迎えに来た船に乗って島を去った。ミナは岬から手を振り続けた。
"""

DAY_PLAN = """京都日帰りモデルコース

春の京都を電車とバスで一日かけて回るコースを紹介する。

【午前】

9:00　京都駅を出発し、伏見稲荷大社へ向かう。千本鳥居は早朝なら人が少ない。

10:30　東福寺で庭園を見学する。拝観料は600円。

【午後】

13:00　清水寺を参拝する。舞台からは街が一望できる。坂の途中には店が多い。

15:00　祇園の甘味処で休憩する。抹茶パフェは1,200円。店は行列が絶えない。

17:00　鴨川の河原を歩く。夕暮れの川は特に美しい。

旅の費用

電車とバスの運賃が合計で約1,500円、拝観料と食事で約4,000円かかった。
"""

FLOOD = """川の氾濫と町の復興

背景

1950年の秋、長雨で川があふれ、町の半分が水につかった。

市の対応

市は仮設住宅を建て、被災した家族に毛布と食料を配った。こうした対策は翌月まで続いた。

堤防の建設

県は5年かけて新しい堤防を築いた。
"""


def _headings(text: str) -> list[str]:
    article = parse_article(text)
    heads = sorted(set(sections(article).values()))
    return [s.text for s in numbered_headings(article, heads)]


def test_numbered_headings_are_the_pieces_topics_in_order() -> None:
    assert _headings(MINUTES) == ["1. 会計報告について", "2. 清掃活動について", "3. その他"]


def test_headings_not_numbered_one_two_three_are_no_list() -> None:
    assert _headings(DAY_PLAN) == []
    skipping = MINUTES.replace("2. 清掃活動", "4. 清掃活動")
    assert _headings(skipping) == []


def test_a_question_for_the_topics_names_them_and_nothing_else() -> None:
    assert asks_for_the_topics("この会議で話し合われた議題は？")
    assert asks_for_the_topics("議題を教えて")
    assert asks_for_the_topics("What was on the agenda?")
    # near misses: one topic's detail, one item by its place, a story's content
    assert not asks_for_the_topics("清掃活動の議題で決まったことは？")
    assert not asks_for_the_topics("2番目の議題は？")
    assert not asks_for_the_topics("ミナが見つけたものは？")
    assert not asks_for_the_topics("嵐の夜の内容は？")


def test_a_question_for_all_is_not_one_for_a_sum() -> None:
    assert asks_for_all("午後に回る場所を全部教えて")
    assert asks_for_all("市がとった対策を挙げて")
    assert asks_for_all("List all the stops.")
    assert not asks_for_all("旅の費用は全部でいくら？")
    assert not asks_for_all("午後の休憩はどこ？")
    assert not asks_for_all("2番目の店を全部挙げて")


def test_the_section_a_question_names_by_its_heading_or_its_words() -> None:
    plan = parse_article(DAY_PLAN)
    under = sections(plan)
    head = section_named(plan, under, "午後に回る場所を全部教えて")
    assert head is not None and plan.paragraph(head).text == "【午後】"
    flood = parse_article(FLOOD)
    under = sections(flood)
    head = section_named(flood, under, "市がとった対策を挙げて")
    assert head is not None and flood.paragraph(head).text == "市の対応"
    # words in no heading, or a heading's word with the rest nowhere in its section
    assert section_named(flood, under, "堤防を築いたのは誰？") is not None
    assert section_named(flood, under, "市の予算をすべて挙げて") is None
    assert section_named(plan, under, "夜の予定を全部教えて") is None


def test_a_long_section_is_given_by_each_paragraphs_opening() -> None:
    plan = parse_article(DAY_PLAN)
    under = sections(plan)
    head = next(h for h in under.values() if plan.paragraph(h).text == "【午後】")
    assert [s.text for s in section_sentences(plan, under, head)] == [
        "13:00　清水寺を参拝する。",
        "15:00　祇園の甘味処で休憩する。",
        "17:00　鴨川の河原を歩く。",
    ]
    head = next(h for h in under.values() if plan.paragraph(h).text == "【午前】")
    assert len(section_sentences(plan, under, head)) == 4  # short: every sentence
