"""`ask` quotes the list a question names, or the item it asks for by its place there."""

from __future__ import annotations

from bot.core.article import parse_article
from bot.engines.offline.engine import OfflineEngine
from tests.engines.offline.test_engine import assert_grounded
from tests.engines.offline.test_piece_lists import BAKERIES, REVIEW, RULES


async def test_an_item_asked_for_by_its_place_in_a_named_list_is_quoted() -> None:
    article = parse_article(RULES)
    answer = await OfflineEngine(article).ask("休場日の2番目は？")
    assert answer.text.startswith("（2）9月1日から翌年6月30日まで")
    assert [article.paragraph(p).text for p in answer.passages] == [
        "（2）9月1日から翌年6月30日まで"
    ]
    assert_grounded(answer, article)


async def test_an_item_too_short_to_quote_comes_after_its_lists_announcement() -> None:
    article = parse_article(RULES)
    answer = await OfflineEngine(article).ask("遵守事項の2番目は？")
    announcing = "利用者は、プール内において次に掲げる行為をしてはならない。"
    assert answer.text.splitlines()[0].startswith(announcing)
    assert answer.text.splitlines()[1] == "（2）飲酒"  # shown, not cited: too short to support
    assert [c.quote for c in answer.citations] == [announcing]
    assert_grounded(answer, article)


async def test_a_question_naming_a_list_gets_all_its_items() -> None:
    article = parse_article(REVIEW)
    answer = await OfflineEngine(article).ask("ミズホ T7の欠点は？")
    assert answer.text.splitlines() == [
        f"- 満水で沸くまでに5分近くかかる [¶{answer.passages[0]}]",
        f"- 価格が1万円を超え、二台の中で高い [¶{answer.passages[1]}]",
    ]
    assert_grounded(answer, article)


async def test_a_question_about_one_items_detail_is_still_searched() -> None:
    article = parse_article(REVIEW)
    engine = OfflineEngine(article)
    answer = await engine.ask("ミズホ T7は何分で沸く？")
    assert "5分近く" in answer.text
    assert "1万円" not in answer.text  # the item that answers, not its whole list
    rules = OfflineEngine(parse_article(RULES))
    answer = await rules.ask("プールサイドを走ってもいいですか？")
    assert "プールサイドを走る" in answer.text
    assert "飲酒" not in answer.text and "休場日" not in answer.text


GUIDE = (
    "---\ntitle: キャンプの手引き\n---\n"
    "この手引きは、キャンプ場で雨や夜のときにまず何をすればよいかをまとめたものです。\n\n"
    "■ 雨が降ってきたら\n\n"
    "1．まず荷物を守る：テントの入口を閉め、荷物をシートで覆ってください。\n\n"
    "2．火の始末：たき火に水をかけ、炭が冷えるまでそばを離れないでください。\n\n"
    "3．高台への移動：川の水が増えたら、管理棟のある高台へ移ってください。\n\n"
    "■ 夜になったら\n\n"
    "管理棟の明かりを目印に、懐中電灯を持って行動してください。\n"
)


async def test_a_question_for_every_step_gets_every_item_of_the_list_it_finds() -> None:
    article = parse_article(GUIDE)
    answer = await OfflineEngine(article).ask("雨が降ってきたときの行動の手順は？")
    assert [c.passage for c in answer.citations] == [3, 4, 5]
    assert_grounded(answer, article)
    # Asked for one detail, only the step that has it.
    answer = await OfflineEngine(article).ask("雨のとき、テントの入口はどうする？")
    assert [c.passage for c in answer.citations] == [3]
    # Asked for all of what another heading's section holds: not these steps.
    engine = OfflineEngine(article)
    assert engine.lists.with_every_item("夜の持ち物を全部教えて", [4]) == [4]


async def test_a_table_s_rows_are_given_whole_only_when_all_are_asked_for() -> None:
    engine = OfflineEngine(parse_article(BAKERIES))
    every = await engine.ask("店を全部教えて")
    assert_grounded(every, engine.article)
    assert every.passages == (3, 4, 5) and every.text.startswith("店名 | 席数 | 開店")


async def test_a_question_naming_a_table_s_columns_is_no_question_for_all_its_rows() -> None:
    # 昨年 and 売上 are both columns of the shops' table, but the company's 売上 is a row of
    # the first table, under its 昨年 column.
    article = parse_article(
        "決算のまとめ\n\n今期の業績をまとめた。\n\n"
        "項目 | 今年 | 昨年\n\n売上 | 5億円 | 4億円\n\n利益 | 1億円 | 2億円\n\n"
        "店ごとの数字は次のとおり。\n\n"
        "店舗 | 売上 | 昨年比\n\n東店 | 3億円 | +5%\n\n西店 | 2億円 | -3%\n\n"
        "来期も出店を続ける。\n"
    )
    answer = await OfflineEngine(article).ask("昨年の売上は？")
    assert_grounded(answer, article)
    assert "4億円" in answer.text and "東店" not in answer.text, answer.text


TOOLS = (
    "メモアプリの比較\n\n"
    "三つのメモアプリを一週間ずつ使った。どれも無料で使える。\n\n"
    "アプリ | 同期 | 手書き | 価格\n\n"
    "ノートン | あり | なし | 0円\n\n"
    "カミメモ | なし | あり | 0円\n\n"
    "ペンノ | あり | あり | 0円\n\n"
    "手書きが多い人にはペンノを勧めたい。\n"
)


async def test_a_yes_or_no_column_picks_the_rows_a_question_asks_which_of() -> None:
    article = parse_article(TOOLS)
    engine = OfflineEngine(article)
    has = await engine.ask("手書きができるアプリはどれ？")
    assert_grounded(has, article)
    assert has.passages == (4, 5) and has.text.startswith("アプリ | 同期 | 手書き | 価格")
    lacks = await engine.ask("同期ができないアプリは？")
    assert_grounded(lacks, article)
    assert lacks.passages == (4,), lacks.text


async def test_a_figure_asked_of_a_list_that_gives_none_is_not_answered_with_it() -> None:
    """工事費はいくら？ names ◆主な工事の内容 by its word 工事, but asks for money: the line
    giving the cost answers, not the list of works."""
    article = parse_article(
        "修繕工事のお知らせ\n\n"
        "工事費：約2億1,600万円（税込）\n"
        "◆主な工事の内容\n"
        "・外壁を塗り直します。\n"
        "・屋上の防水工事を行います。\n"
        "・バルコニーの床の防水シートを張り替えます。\n"
    )
    engine = OfflineEngine(article)
    assert engine.lists.whole("工事費はいくら？") is None
    assert engine.lists.whole("主な工事の内容を全部教えて") is not None
    answer = await engine.ask("工事費はいくら？")
    assert "2億1,600万円" in answer.text
    assert_grounded(answer, article)


DEDUCTIONS = (
    "医療費控除の手引き\n\n"
    "この手引きでは、医療費控除についてまとめました。\n\n"
    "■聴き方\n\n"
    "・FMラジオ：83.6MHz\n\n"
    "・インターネット：アプリ「ラジまち」から\n\n"
    "■対象になる主なもの\n\n"
    "・病院の診療費\n\n"
    "・処方された薬の代金\n\n"
    "■対象にならない主なもの\n\n"
    "・美容のための整形手術\n\n"
    "・予防接種の費用\n"
)


def test_a_list_is_named_as_a_way_of_doing_by_a_verb_s_stem_and_kata() -> None:
    """聴く方法 is what ■聴き方 heads; この放送 is the piece's own subject, no list's word."""
    engine = OfflineEngine(parse_article(DEDUCTIONS))
    quoted = engine.lists.whole("この放送を聴く方法を全部教えて")
    assert quoted is not None and "83.6MHz" in quoted[0] and "ラジまち" in quoted[0]


def test_all_of_a_list_of_the_piece_s_subject_is_named_by_its_negation() -> None:
    """医療費控除の対象にならないもの: 医療費控除 is the title's, and of ■対象になる… and
    ■対象にならない…, the negated heading is the one asked for."""
    engine = OfflineEngine(parse_article(DEDUCTIONS))
    quoted = engine.lists.whole("医療費控除の対象にならないものを全部教えて")
    assert quoted is not None and "整形手術" in quoted[0] and "診療費" not in quoted[0]
    quoted = engine.lists.whole("医療費控除の対象になるものを全部教えて")
    assert quoted is not None and "診療費" in quoted[0] and "整形手術" not in quoted[0]
    # Not asked for all of it, a question of the subject names no list by the title's words.
    assert engine.lists.whole("医療費控除の対象は？") is None


def test_a_question_of_nothing_but_the_piece_s_subject_names_no_list() -> None:
    """医療費控除について全部教えて: the title's words aside, nothing is left to name a list by."""
    engine = OfflineEngine(parse_article(DEDUCTIONS))
    assert engine.lists.whole("医療費控除について全部教えて") is None
    one_list = parse_article(
        "医療費控除のしくみ\n\n"
        "医療費控除は、1年間に支払った医療費が一定額を超えたときに受けられます。\n\n"
        "■申告に必要な書類\n\n・源泉徴収票\n\n・医療費の明細書\n\n・マイナンバーカード\n"
    )
    assert OfflineEngine(one_list).lists.whole("医療費控除について全部教えて") is None
    assert OfflineEngine(one_list).lists.whole("申告に必要な書類を全部教えて") is not None


def test_a_list_for_those_who_do_is_no_way_of_doing() -> None:
    """■お申し込みの方へ is addressed to those applying: its notes are no 申し込みの方法."""
    article = parse_article(
        "市民講座のご案内\n\n"
        "今年も市民講座を開きます。申し込みは市のウェブサイトから受け付けます。\n\n"
        "■お申し込みの方へ\n\n"
        "・当日は身分証をお持ちください\n\n・駐車場はありません\n\n・飲食はできません\n"
    )
    assert OfflineEngine(article).lists.whole("申し込みの方法を全部教えて") is None


def test_one_at_a_time_is_no_negation() -> None:
    """■おひとり1つずつ持ち込めるもの is not negated (ずつ): of it and ■持ち込めないもの, each
    question names its own."""
    engine = OfflineEngine(
        parse_article(
            "機内への持ち込み\n\n"
            "機内に持ち込める手荷物についてご案内します。\n\n"
            "■おひとり1つずつ持ち込めるもの\n\n・ノートパソコン\n\n・折りたたみ傘\n\n"
            "■持ち込めないもの\n\n・刃物\n\n・スプレー缶\n"
        )
    )
    quoted = engine.lists.whole("持ち込めるものを全部教えて")
    assert quoted is not None and "ノートパソコン" in quoted[0] and "刃物" not in quoted[0]
    quoted = engine.lists.whole("持ち込めないものを全部教えて")
    assert quoted is not None and "スプレー缶" in quoted[0] and "ノートパソコン" not in quoted[0]


def test_an_adjective_ending_in_nai_is_no_negation() -> None:
    """■あぶない遊び says what the games are, not that they are not: of it and ■してはいけ
    ないこと, a question without a negation names the adjective's list."""
    engine = OfflineEngine(
        parse_article(
            "公園の使い方\n\n"
            "公園で遊ぶときのきまりです。\n\n"
            "■あぶない遊び\n\n・木登り\n\n・ボールの投げ合い\n\n"
            "■あぶない遊びのときにしてはいけないこと\n\n・一人で遊ぶ\n\n・走り回る\n"
        )
    )
    quoted = engine.lists.whole("あぶない遊びを全部教えて")
    assert quoted is not None and "木登り" in quoted[0] and "走り回る" not in quoted[0]
