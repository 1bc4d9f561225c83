"""Every list of a piece, with the lead that names it, and the one a question names."""

from __future__ import annotations

from bot.core.article import parse_article
from bot.engines.offline.piece_lists import find_lists, item_named, list_named

RULES = (
    "ひばり町民プール利用要綱\n\n"
    "第1条（趣旨）\n"
    "この要綱は、ひばり町民プールの利用について必要な事項を定めるものとする。\n\n"
    "第2条（休場日）\n"
    "プールの休場日は、次のとおりとする。\n"
    "（1）毎週火曜日（祝日に当たるときは、その翌日）\n"
    "（2）9月1日から翌年6月30日まで\n\n"
    "第3条（利用できる者）\n"
    "プールを利用できる者は、次の各号のいずれかに該当する者とする。\n"
    "（1）町内に住んでいる小学生以上の者\n"
    "（2）町内の事業所に通勤している者\n"
    "（3）保護者が同伴する未就学の幼児\n\n"
    "第4条（遵守事項）\n"
    "利用者は、プール内において次に掲げる行為をしてはならない。\n"
    "（1）プールサイドを走ること\n"
    "（2）飲酒\n"
    "（3）監視員の指示に従わずに飛び込むこと\n\n"
    "第5条（委任）\n"
    "この要綱に定めるもののほか、必要な事項は町長が別に定める。\n"
)

REVIEW = (
    "二つの電気ケトルを比べてみた\n\n"
    "毎朝お湯を沸かすので、評判の二台を半年ずつ使ってみました。\n\n\n"
    "アオバ K1\n\n"
    "1.0リットルで、満水から3分で沸きます。見た目も落ち着いています。\n\n"
    "良い点\n\n"
    "- 沸くまでが速く、朝の忙しい時間に助かる\n"
    "- 注ぎ口が細く、ドリップコーヒーを淹れやすい\n\n"
    "気になる点\n\n"
    "- 本体が熱くなり、触るとやけどしそうになる\n"
    "- 保温機能がついていない\n\n\n"
    "ミズホ T7\n\n"
    "0.8リットルと小ぶりで、温度を5度刻みで選べるのが特長です。\n\n"
    "良い点\n\n"
    "- 温度を選べるので、緑茶もおいしく淹れられる\n"
    "- 二重構造で本体の外側が熱くならない\n\n"
    "気になる点\n\n"
    "- 満水で沸くまでに5分近くかかる\n"
    "- 価格が1万円を超え、二台の中で高い\n"
)


def _paragraph_texts(article, lst) -> list[str]:  # type: ignore[no-untyped-def]
    return [article.paragraph(s.paragraph).text for s in lst.items]


def test_every_list_of_a_regulation_is_found_with_its_article_heading() -> None:
    article = parse_article(RULES)
    lists = find_lists(article)
    assert [len(lst.items) for lst in lists] == [2, 3, 3]
    assert [lst.lead.splitlines()[0] for lst in lists] == [
        "第2条（休場日）",
        "第3条（利用できる者）",
        "第4条（遵守事項）",
    ]
    assert lists[2].announcement is not None
    announcing = "利用者は、プール内において次に掲げる行為をしてはならない。"
    assert lists[2].announcement.text == announcing


def test_a_question_naming_a_list_by_its_lead_gets_that_list() -> None:
    lists = find_lists(parse_article(RULES))
    assert list_named("プールの休場日はいつ？", lists) is lists[0]
    assert list_named("プールを利用できる者は？", lists) is lists[1]
    assert list_named("遵守事項は？", lists) is lists[2]
    found = item_named("遵守事項の2番目は？", lists)
    assert found is not None and found[0] is lists[2] and found[1] == 2
    assert item_named("休場日の一つ目は？", lists) == (lists[0], 1)


def test_a_question_about_something_else_names_no_list() -> None:
    lists = find_lists(parse_article(RULES))
    # An item's own words, or words no lead holds: a question for search, not for a list.
    assert list_named("プールサイドを走ってもいいですか？", lists) is None
    assert list_named("飲酒は禁止ですか？", lists) is None
    assert list_named("この要綱の趣旨は？", lists) is None
    assert list_named("プールの料金は？", lists) is None
    # A place the list does not have, or one no list is named for.
    assert item_named("休場日の5番目は？", lists) is None
    assert item_named("2番目は？", lists) is None
    # Words that several leads hold name none of them: which one is meant is not said.
    assert list_named("次のものは？", lists) is None


def test_a_reviews_pros_and_cons_are_named_by_either_sides_words() -> None:
    article = parse_article(REVIEW)
    lists = find_lists(article)
    assert [lst.side for lst in lists] == ["good", "bad", "good", "bad"]
    bad = list_named("アオバ K1の欠点は？", lists)
    assert bad is lists[1]
    assert _paragraph_texts(article, bad)[0] == "- 本体が熱くなり、触るとやけどしそうになる"
    assert list_named("ミズホ T7の良い点は？", lists) is lists[2]
    assert list_named("ミズホ T7のメリットは？", lists) is lists[2]
    assert item_named("ミズホ T7の気になる点の2つ目は？", lists) == (lists[3], 2)


def test_a_review_question_that_names_no_one_list_names_none() -> None:
    lists = find_lists(parse_article(REVIEW))
    assert list_named("欠点は？", lists) is None  # two products' cons: which?
    assert list_named("アオバ K1は？", lists) is None  # its pros or its cons?
    assert list_named("アオバ K1の容量は？", lists) is None  # a detail: searched
    assert list_named("ミズホ T7は何度刻みで温度を選べる？", lists) is None


def test_numbered_lists_back_to_back_are_separate_lists() -> None:
    text = "手順の控え\n\n" + "".join(
        f"{n}. 第{k}組の作業{n}を済ませて記録する\n\n" for k in range(3) for n in (1, 2, 3)
    )
    lists = find_lists(parse_article(text))
    assert [len(lst.items) for lst in lists] == [3, 3, 3]


def test_a_lone_item_or_a_piece_without_lists_holds_no_list() -> None:
    text = "見出しのない文章\n\n今日は晴れた。散歩に出かけた。\n\n・ひとつだけの項目\n\n終わり。\n"
    assert find_lists(parse_article(text)) == ()


def test_a_schedule_s_days_are_a_list_under_its_heading() -> None:
    text = (
        "公民館だより\n\n"
        "今月も多くの講座を開きます。申し込みは窓口で受け付けます。\n\n"
        "6月の予定\n\n"
        "6月2日（月）　書道教室（和室）\n\n"
        "6月9日（月）～6月13日（金）　作品展\n\n"
        "6月20日（金）　映画会（ホール）\n\n"
        "どの講座も参加は無料です。\n"
    )
    (schedule,) = find_lists(parse_article(text))
    assert len(schedule.items) == 3 and schedule.lead == "6月の予定"


BAKERIES = (
    "駅前のパン屋\n\n"
    "駅前の三店を朝に回って比べた。どの店も焼きたてが並ぶ。\n\n"
    "店名 | 席数 | 開店\n\n"
    "こむぎ堂 | 12席 | 7時\n\n"
    "麦の家 | 20席 | 8時\n\n"
    "ぱんだ屋 | 6席 | 9時\n\n"
    "どの店も朝が早いので、出勤前に寄れる。\n"
)


def test_a_table_s_rows_are_a_list_handed_over_to_by_its_header_row() -> None:
    article = parse_article(BAKERIES)
    (rows,) = find_lists(article)
    assert rows.table and [s.paragraph for s in rows.items] == [3, 4, 5]
    assert rows.announcement is not None and rows.announcement.text == "店名 | 席数 | 開店"
