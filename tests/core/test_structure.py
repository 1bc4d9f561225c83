import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.article import ArticleError, parse_article
from bot.core.files import load_article
from bot.core.structure import (
    epigraph,
    headings,
    points_back,
    sections,
    table_headers,
)
from tests.conftest import SHARED_PIECES, TEST_DATA


def piece(*paragraphs: str) -> str:
    return "A title\n\n" + "\n".join(paragraphs) + "\n"


def test_a_lone_short_line_before_prose_is_a_heading() -> None:
    article = parse_article(
        piece(
            "Early years",
            "The library opened in 1904 with 4,800 books on its shelves.",
            "The war years",
            "During the war the reading room was used to pack parcels.",
        )
    )
    assert headings(article) == {1, 3}


def test_a_run_of_short_lines_is_a_list_and_a_last_line_is_no_heading() -> None:
    article = parse_article(
        piece(
            "The piece names three reasons.",
            "- money",
            "- land",
            "- people",
            "That is all it says about them, and it ends with a short line.",
            "The end",
        )
    )
    assert headings(article) == frozenset()


def test_a_line_opened_with_a_heading_mark_is_a_heading_though_a_bracket_closes_it() -> None:
    article = parse_article(
        piece(
            "市の案内です。",
            "■ 持ち出す物（避難するときに持って出るもの）",
            "リュックにまとめ、玄関の近くに置いてください。",
        )
    )
    assert headings(article) == {2}


def test_a_sentence_opened_with_a_heading_mark_is_no_heading() -> None:
    article = parse_article(
        piece(
            "町の運動会のお知らせです。",
            "■ 雨天の場合は翌週に延期します。",
            "集合場所は小学校の校庭です。",
        )
    )
    assert headings(article) == frozenset()


def test_a_posts_header_closing_with_its_day_and_time_is_a_heading() -> None:
    # A forum thread: each reply opens with its poster and time, however long the handle.
    article = parse_article(
        piece(
            "ぬか床の表面に白い膜が張りました。捨てるべきでしょうか。",
            "回答：nukazuke_daisuki_obaachan さん（2026/05/02 08:15）",
            "それは産膜酵母なので、混ぜ込めば大丈夫です。",
            "返信：ken_k さん（2026/05/02 09:40）",
            "ありがとうございます。毎日混ぜるようにします。",
        )
    )
    assert headings(article) == {2, 4}
    assert sections(article) == {3: 2, 5: 4}


@pytest.mark.parametrize(
    "line",
    [
        "会議は延期された。（2026/05/02 08:15）",  # a sentence, then its time
        # a sentence dated at its end, however short its words before the bracket are not
        "市議会は旧桟橋の閉鎖と新しい観光案内所の建設を賛成多数で可決した（2026年5月2日）",
        "会合は次の日に開く（5月の連休明け）",  # a bracket that is no day
    ],
)
def test_a_line_closing_with_a_bracket_of_no_day_or_after_a_sentence_is_no_heading(
    line: str,
) -> None:
    article = parse_article(piece("町の計画です。", line, "人手も予算も足りない。"))
    assert headings(article) == frozenset()


@pytest.mark.parametrize(
    "line",
    [
        "連載：第12回",
        "ポイント：その1",
        "課題：3つの壁",
        "対策：2030年までの工程",
        "Part 2: 5 lessons",
        "第1回：人口減少と2040年問題",  # a figure further on, but no unit closing the value
        "特集：月曜から始める朝活",  # a weekday, then words after it
    ],
)
def test_a_heading_with_a_colon_and_a_figure_is_still_a_heading(line: str) -> None:
    article = parse_article(piece("町の計画です。", line, "人手も予算も足りない。"))
    assert headings(article) == {2}


def test_a_label_with_its_figure_is_an_entry_not_a_heading() -> None:
    # The last of a run of contacts, shorter than the others, before a closing paragraph.
    article = parse_article(
        piece(
            "連絡先は次のとおりです。",
            "図書館 本館 受付係：03-0000-1234（平日9時～17時）",
            "蔵書検索（自動音声）：03-0000-5678",
            "家族で集合場所を決めておきましょう。",
        )
    )
    assert headings(article) == frozenset()


def test_a_table_s_header_row_heads_its_rows_which_stay_in_their_section() -> None:
    article = parse_article(
        piece(
            "結果",
            "店ごとの様子を表1に示す。",
            "店名 | 席数 | 開店時刻",
            "こむぎ堂 | 12席 | 7時",
            "麦の家 | 20席 | 6時半",
            "席数の多い店ほど、朝は混み合っていた。",
        )
    )
    assert headings(article) == {1, 3}
    assert sections(article) == {2: 1, 4: 1, 5: 1, 6: 1}
    assert table_headers(article) == {4: 3, 5: 3}


@pytest.mark.parametrize(
    "paragraphs",
    [
        # Prose that shows a shell's pipes ends a sentence: no row.
        ("Run du -sh * | sort -rh | head to see the largest.", "Then ls -1 | wc -l counts them."),
        # A schedule's first row gives a time, not its columns' names.
        ("式の次第です。", "9:00 | 開会のあいさつ", "10:00 | 講演", "12:00 | 閉会"),
        # A header row with no row after it.
        ("町の施設の一覧です。", "施設 | 住所", "詳しくは窓口へ。"),
    ],
)
def test_what_is_no_table(paragraphs: tuple[str, ...]) -> None:
    assert table_headers(parse_article(piece(*paragraphs))) == {}


def test_tables_under_headings_of_their_own_are_apart() -> None:
    # Plain text: each shop's line heads its table, which writes the same header again.
    article = parse_article(
        piece(
            "二店の品と値段です。",
            "東京店",
            "商品 | 価格",
            "食パン | 400円",
            "大阪店",
            "商品 | 価格",
            "食パン | 380円",
            "どちらも朝7時に開く。",
        )
    )
    assert headings(article) >= {2, 3, 5, 6}
    assert table_headers(article) == {4: 3, 7: 6}
    assert sections(article)[4] == 2 and sections(article)[7] == 5


@pytest.mark.parametrize(
    "line",
    [
        "定員：20名",
        "参加費：1,000円",
        "日時：4月12日（土）10時～13時",
        "残業：月平均12時間",  # a word or two before the figure
        "料金：約500円",
    ],
)
def test_a_label_with_a_figure_and_its_unit_is_an_entry(line: str) -> None:
    article = parse_article(piece("北公民館で料理教室を開きます。", line, "持ち物はエプロンです。"))
    assert headings(article) == frozenset()


def test_a_marked_line_above_a_bulleted_list_is_its_heading_an_unmarked_label_is_not() -> None:
    article = parse_article(
        piece(
            "外来の案内です。",
            "■ 受診のときにお持ちいただくもの",
            "・診察券",
            "・お薬手帳",
            "良い点",
            "・待ち時間が短い",
            "・駅から近い",
        )
    )
    assert headings(article) == {2}
    assert sections(article) == {3: 2, 4: 2, 5: 2, 6: 2, 7: 2}


def test_a_marked_heading_over_a_second_list_is_a_heading_too() -> None:
    article = parse_article(
        piece(
            "検査の案内です。",
            "■ お持ちいただくもの",
            "・診察券",
            "・お薬手帳",
            "■ 服装について",
            "・脱ぎやすい服",
            "・金属のないもの",
        )
    )
    assert headings(article) == {2, 5}
    assert sections(article) == {3: 2, 4: 2, 6: 5, 7: 5}


def test_a_marked_heading_after_a_timeline_is_a_heading() -> None:
    """◇ 記念酒のご案内 after the timeline's last year opens a section of its own: a line
    with a heading's mark, which no neighbour shares, is no item of the run above it."""
    article = parse_article(
        piece(
            "蔵の歩みを振り返ります。",
            "2008年　純米酒だけの蔵になる",
            "2024年　仕込み蔵「新蔵」が完成",
            "◇ 記念酒のご案内",
            "品名：穂月 百五十年（純米大吟醸）",
            "容量・価格：720ミリリットル 11,000円（税込）",
        )
    )
    assert 4 in headings(article)
    assert sections(article).get(6) == 4


def test_a_line_in_angle_brackets_after_a_signature_is_a_heading() -> None:
    """〈公演概要〉 opens a section as 【公演概要】 does, though the line above it (the
    greeting's signature) is short too."""
    article = parse_article(
        piece(
            "〈ごあいさつ〉",
            "本日はご来場いただき、まことにありがとうございます。",
            "劇団かたつむり坂 代表　久住 遥",
            "〈公演概要〉",
            "公演期間：2027年11月20日（土）〜11月28日（日）",
            "開演時間：平日は19:00",
        )
    )
    assert {1, 4} <= headings(article)
    assert sections(article).get(6) == 4


def test_a_marked_line_above_labelled_lines_is_their_heading() -> None:
    """◆工程（予定） heads the months under it, as ■ heads bullets: a run of labelled lines is
    a list whose heading it is, not a run it belongs to."""
    article = parse_article(
        piece(
            "次の修繕で検討します。",
            "◆工程（予定）",
            "4月：現場事務所の設置",
            "5月〜6月：A棟の外壁の補修と塗装",
            "7月：B棟の外壁の補修と塗装",
        )
    )
    assert headings(article) == {2}
    assert sections(article) == {3: 2, 4: 2, 5: 2}


def test_a_short_bulleted_line_is_a_lists_item_not_a_heading() -> None:
    article = parse_article(
        piece(
            "Tea is popular for three reasons:",
            "• cheap",
            "• healthy (no sugar).",
            "• tasty",
            "That is all the piece says about them, in one long sentence.",
        )
    )
    assert headings(article) == frozenset()
    # A mark that opens each section heading, each followed by prose, is no bullet.
    sections = parse_article(
        piece(
            "◆ 経緯",
            "町立図書館は1972年に建てられ、耐震性の不足が長年指摘されてきた。",
            "◆ 計画",
            "町は2027年度に図書館を建て替えると発表した。",
        )
    )
    assert headings(sections) == {1, 3}


def test_a_line_set_off_after_a_list_is_a_heading() -> None:
    """Two blank lines before a short line (how a Markdown document's stored text sets off
    its headings) make it a heading even right after a list's short lines; a list's last
    item, as far from the item above as the items are from each other, stays an item."""
    article = parse_article(
        "---\ntitle: Tea\n---\nTea is popular for three reasons:\n\ncheap\n\nhealthy\n\ntasty\n\n\n"
        "History\n\nTea came from China long ago. It spread along the trade routes.\n"
    )
    assert headings(article) == {5}
    same_gap = parse_article(
        "---\ntitle: Tea\n---\nTea is popular for three reasons:\n\ncheap\n\nhealthy\n\ntasty\n\n"
        "History\n\nTea came from China long ago. It spread along the trade routes.\n"
    )
    assert headings(same_gap) == frozenset()


def test_the_sections_of_a_real_essay_are_headings() -> None:
    article = load_article(TEST_DATA / "jishin-zakkan.txt")
    titles = {article.paragraph(n).text for n in headings(article)}
    assert {"一　地震の概念", "二　震源", "三　地震の源因", "四　地震の予報"} <= titles
    assert all(len(t) <= 40 for t in titles)


def test_an_opening_quotation_with_its_source_is_an_epigraph() -> None:
    verse = "Beauty is truth, truth beauty. (John Keats, Ode on a Grecian Urn)"
    body = ["The first paragraph of the essay itself.", "And a second one, to close it."]
    assert epigraph(parse_article(piece(verse, *body))) == 1
    assert epigraph(parse_article(piece("“Know thyself.” — Socrates", *body))) == 1
    # A paragraph that merely ends in brackets, or a piece too short to have one: no epigraph.
    assert epigraph(parse_article(piece("It opened in 1904 (see below).", *body))) is None
    assert epigraph(parse_article(piece("The library opened (in 1904)", *body))) is None
    assert epigraph(parse_article(piece(verse, body[0]))) is None


@pytest.mark.skipif(not SHARED_PIECES.is_dir(), reason="needs ../shared/pieces")
def test_the_epigraph_of_a_real_essay() -> None:
    article = load_article(SHARED_PIECES / "denmaruku-koku-no-hanashi.txt")
    assert epigraph(article) == 1
    assert epigraph(load_article(SHARED_PIECES / "tensai-to-kokubou.txt")) is None
    assert epigraph(load_article(TEST_DATA / "jishin-zakkan.txt")) is None


def test_the_title_written_again_is_a_heading_even_before_another() -> None:
    """A Markdown file's `# Title` then `## Section` are two short lines in a row, which would
    read as a list: the one that repeats the title is a heading, and so is the other."""
    article = parse_article(
        "---\ntitle: The Harwick Library\n---\n"
        "The Harwick Library\n\nEarly years\n\n"
        "Harwick had no public library until 1904, when one opened on the square.\n"
    )
    assert headings(article) == {1, 2}


def test_a_title_made_up_from_the_first_line_is_not_that_line_written_again() -> None:
    # No title line: the title is cut from ¶1, which stays the piece's first words.
    article = parse_article(
        "Spring came late to the valley this year\n"
        "The snow stayed on the fields until May\n"
        "Farmers waited weeks longer than usual to plant their crops.\n"
    )
    assert article.meta.title_derived
    assert headings(article) == frozenset()


def test_an_epigraph_after_a_title_line_is_found() -> None:
    article = parse_article(
        "Deep work\n\nThe unexamined life is not worth living. — Socrates\n\n"
        "Focus is rare. Most people are distracted all day long.\n\n"
        "This essay argues that deep work is valuable.\n"
    )
    aside = headings(article)
    assert article.meta.title == "Deep work" and aside == frozenset()
    assert epigraph(article, aside) == 1


@pytest.mark.parametrize(
    ("sentence", "back"),
    [
        ("それは人間の団体の有機的結合が進化したためである。", True),
        ("この点で、両国の利害は一致する。", True),
        ("This means the lamp burned all night.", True),
        ("文明が進むに従って人間は次第に自然を征服しようとする野心を生じた。", False),
        ("Thistles grew by the tower.", False),
        # 同社, 同会: the company or group just named; 同期間: the time just given.
        ("同社は昨年、週3日の出社を義務づけた。", True),
        ("同会は3月中に署名を市に提出する予定だ。", True),
        ("市の人口は同期間に約21万人から減った。", True),
        ("もう一つの課題は、家主の理解だ。", True),
        ("Another storm hit the coast in 1912.", True),
        ("同年代の若者の多くが都市に移った。", False),  # people of the same age, not 同年
        ("同窓会は毎年開かれる。", False),  # a word of its own, not 同 + what was named
        ("3月の百貨店売上高は前年同月に比べ5%増えた。", False),  # it names the month itself
    ],
)
def test_a_sentence_that_points_back(sentence: str, back: bool) -> None:
    assert points_back(sentence) is back


_LINES = st.text(alphabet="あア漢a.。（）—- \n", min_size=1, max_size=60)


@given(st.lists(_LINES, min_size=1, max_size=8))
@settings(max_examples=200, deadline=None)
def test_any_piece_has_headings_among_its_paragraphs(paragraphs: list[str]) -> None:
    try:
        article = parse_article("Title\n\n" + "\n\n".join(paragraphs) + "\n")
    except ArticleError:
        return  # no body: refused before anything reads its structure
    numbers = {p.number for p in article.paragraphs}
    aside = headings(article)
    assert aside <= numbers
    assert epigraph(article, aside) in (None, min(numbers - aside, default=None))


def test_a_list_item_set_off_by_one_more_blank_line_is_no_heading() -> None:
    text = (
        "Prices\n\n物価が上がった要因は次の3つだ。\n\n1. 円安\n\n2. 燃料高\n\n\n3. 人手不足\n\n"
        "こうした要因が重なって、家計の負担は大きくなっている。\n"
    )
    assert headings(parse_article(text)) == frozenset()


def test_a_numbered_heading_set_off_after_other_short_lines_is_still_a_heading() -> None:
    text = (
        "在宅勤務の課題\n\n1. はじめに\n\n在宅勤務は広く普及したが、課題も多い。\n\n"
        "主な道具は次のとおりだ。\n\n・ノートパソコン\n\n・ヘッドセット\n\n\n2. 課題\n\n"
        "集中できる場所の確保が難しい。\n"
    )
    article = parse_article(text)
    assert {article.paragraph(n).text for n in headings(article)} == {"1. はじめに", "2. 課題"}


def test_a_short_numbered_item_between_longer_ones_is_no_heading() -> None:
    """（3）… after （2）…）: the next number of the line above goes on its list, however
    short, between items that close with a bracket; a numbered section heading after prose
    is still a heading."""
    text = (
        "市民プール利用規程\n\n"
        "第2条（休業日）\n"
        "プールの休業日は、次のとおりとする。\n"
        "（1）火曜日（その日が祝日に当たるときは、その翌日）\n"
        "（2）毎月第3水曜日（その日が祝日のときは、その翌日）\n"
        "（3）12月29日から翌年1月3日まで\n"
        "（4）設備点検の期間（年間7日以内で所長が定める期間）\n"
    )
    article = parse_article(text)
    assert "（3）12月29日から翌年1月3日まで" not in {
        article.paragraph(n).text for n in headings(article)
    }
    sections = parse_article(
        piece(
            "1. Early years",
            "The library opened in 1904 with 4,800 books on its shelves.",
            "2. The war years",
            "During the war the reading room was used to pack parcels.",
        )
    )
    assert headings(sections) == {1, 3}


REGULATION = piece(
    "第1条（趣旨）",
    "この要綱は、さくら町の公民館の使い方について定めるものとする。",
    "第2条（使用できる日）",
    "公民館を使用できる日は、次のとおりとする。",
    "（1）火曜日から金曜日まで",
    "（2）第1・第3土曜日（祝日に当たるときは、その翌週）",
    "（3）年末の3日間を除く日曜日",
    "（4）町長が特に認めた日（行事のある日に限る）",
    "第3条（使用料）",
    "使用料は、1時間につき200円とする。",
    "附則（令和2年3月1日要綱第5号）",
    "この要綱は、令和2年4月1日から施行する。",
)


def test_a_numbered_part_of_a_regulation_is_a_heading_even_after_a_list() -> None:
    # 第3条（使用料） comes right after the items of 第2条 and ends with a bracket.
    assert headings(parse_article(REGULATION)) == {1, 3, 9, 11}


def test_a_numbered_item_between_its_neighbours_is_no_heading() -> None:
    # （3） is short and ends with no sentence end, between items that close a bracket.
    assert 7 not in headings(parse_article(REGULATION))


@pytest.mark.parametrize(
    "line",
    [
        "第3条に定める日は休館とする（祝日を除く）",  # names an article, inside a sentence
        "第1条　この要綱は、公民館の使い方を定める。",  # the article's text on its line
        "第2条（使用できる日）の規定による日（祝日を除く）",
        "入口の案内板（第2条）",
        "写真は公民館の入口（町提供）",  # a caption closing a bracket
    ],
)
def test_a_line_that_only_names_a_numbered_part_is_no_heading(line: str) -> None:
    article = parse_article(
        piece(
            "公民館は町の施設である。毎日多くの人が集まる。",
            line,
            "使用料は、1時間につき200円とする。",
            "申し込みは窓口で受け付ける。",
        )
    )
    assert 2 not in headings(article)


@pytest.mark.parametrize("indent", ["    ", "\u00a0" * 4, "\t"])
def test_a_line_indented_in_plain_text_may_be_a_heading(indent: str) -> None:
    # Only the stored Markdown's code indent makes a line code.
    article = parse_article(
        f"A title\n\n{indent}CHAPTER I\n\nIt was a dark and stormy night, and the rain fell.\n\n"
        f"{indent}CHAPTER II\n\nThe next morning the sea was calm again.\n"
    )
    assert headings(article) == {1, 3}


def test_a_schedule_s_entry_without_a_sentence_end_is_no_heading() -> None:
    # Among other days' lines, a day's line that ends with no bracket is still an entry.
    article = parse_article(
        piece(
            "今月の予定です。",
            "6月2日（月）　避難訓練（地震）",
            "6月9日（月）～6月13日（金）　読書週間",
            "6月20日（金）　音楽会（体育館）",
            "どの行事も雨天決行です。",
        )
    )
    assert headings(article) == frozenset()


def test_a_day_alone_on_its_line_heads_a_diary_s_entry() -> None:
    # A day and nothing else (its weekday in brackets at most) heads the entry below it,
    # though the bracket would end a sentence; not a day's line among other days' lines.
    article = parse_article(
        piece(
            "3月22日（土）",
            "ついに来た。名前は「こむぎ」にした。",
            "3月23日（日）",
            "ベッドの下から出てこない。",
            "2026/3/26 21:40",
            "玄関まで来てくれた。",
        )
    )
    assert headings(article) == {1, 3, 5}
    article = parse_article(piece("予定", "3月22日（土）", "3月23日（日）", "どちらも雨天決行。"))
    assert not {2, 3} & headings(article)


def test_a_line_wholly_in_brackets_is_a_stage_direction_not_a_heading() -> None:
    article = parse_article(
        piece(
            "○議長（田村誠君） 市長。",
            "〔市長 岡部浩一君 登壇〕",
            "◎市長（岡部浩一君） 佐伯議員のご質問にお答えいたします。",
            "（拍手）",
            "みなとバスは市民の足であると考えております。",
        )
    )
    assert not {2, 4} & headings(article)


def test_a_date_lists_numbered_instalments_are_its_items_not_headings() -> None:
    # 第N回 numbers a series of events, not a part of a code: a run of them is a list.
    article = parse_article(
        piece(
            "読書会を毎月開きます。日程は次のとおりです。",
            "第1回　7月3日（水）",
            "第2回　8月7日（水）",
            "第3回　9月4日（水）",
            "会場はいずれも図書館の二階です。",
        )
    )
    assert headings(article) == frozenset()


@pytest.mark.parametrize("line", ["第2部　質疑応答", "第3回　まとめ", "第2項"])
def test_a_numbered_instalment_is_a_heading_only_as_any_short_line_is(line: str) -> None:
    # Between two sentences of prose, alone, it is a heading as any short line there is;
    # after another short line it is not, as a code's numbered part would be.
    alone = parse_article(piece("前半は講演でした。", line, "後半は会場からの質問に答えました。"))
    assert headings(alone) == {2}
    listed = parse_article(piece("前半は講演でした。", "第1部　講演", line, "後半は質問でした。"))
    assert 3 not in headings(listed)


def test_each_paragraph_stands_under_the_nearest_heading_above_it() -> None:
    article = parse_article(REGULATION)
    under = sections(article)
    assert under[2] == 1 and under[4] == 3 and under[8] == 3 and under[10] == 9
    assert under[12] == 11
    assert not {1, 3, 9, 11} & under.keys()  # a heading stands under none


def test_paragraphs_before_any_heading_and_under_the_title_line_stand_under_none() -> None:
    article = parse_article(
        "---\ntitle: 町の図書室\n---\n"
        "町の図書室は役場の二階にある。\n\n"
        "町の図書室\n\n"
        "本は一人5冊まで借りられる。\n\n"
        "開室時間\n\n"
        "午前10時から午後4時まで開いている。\n"
    )
    assert headings(article) == {2, 4}
    assert sections(article) == {5: 4}


def test_a_day_with_a_long_run_of_spaces_is_read_at_once() -> None:
    # The rest of a day's line is matched without trying every split of its spaces.
    from bot.core.schedule import day_only

    assert not day_only("3月22日" + " " * 5000 + "雨")
    assert day_only("3月22日（土）  ")


def test_a_question_set_off_as_a_markdown_heading_heads_its_answer() -> None:
    # ### How do I cancel? in a help centre's FAQ: a heading, though it ends with "?"; a
    # question in running text (no wider gap around it) is none.
    faq = (
        "Help centre\n\nWe answer your questions here.\n\n\nHow do I cancel?\n\n"
        "Open Settings and tap Cancel.\n\n\nWhich payment methods do you accept?\n\n"
        "Visa, Mastercard and PayPal.\n"
    )
    assert headings(parse_article(faq)) == {2, 4}
    prose = "Notes\n\nWe answer your questions here.\n\nHow do I cancel?\n\nOpen Settings.\n"
    assert headings(parse_article(prose)) == frozenset()


def test_a_markdown_heading_closing_a_bracket_is_a_heading() -> None:
    # ## 前日受付（ナンバーカードの受け取り）: the bracket ends no sentence of a line set off as a
    # Markdown heading is, as it ends none after ■. In running text such a line is no heading.
    guide = (
        "参加者ガイド\n\n会場に来る前にお読みください。\n\n\n前日受付（ナンバーカードの受け取り）\n\n"
        "受付は大会前日のみです。\n\n• 日時：3月7日（土）10:00〜19:00\n"
    )
    assert headings(parse_article(guide)) == {2}
    prose = guide.replace("\n\n\n", "\n\n")
    assert headings(parse_article(prose)) == frozenset()
    # Nor in a text that puts two blank lines between all its paragraphs (review).
    spaced = (
        "案内\n\n\n受付は午前9時からです（予約は不要）\n\n\n会場は市民ホールです。\n\n\n"
        "Is there parking?\n\n\nNo, there is none.\n"
    )
    assert headings(parse_article(spaced)) == frozenset()


def test_a_line_set_off_as_a_markdown_heading_is_one_whatever_stands_next_to_it() -> None:
    # A stored Markdown or HTML document sets its headings off by two blank lines: a heading
    # over a subheading (## Check-in, then ### What time…?), over a list (## 初診の流れ, then
    # 1. 受付), after a dated line, and a heading that asks at length or in two sentences.
    faq = (
        "Welcome\n\n2026年1月改訂\n\n\n"
        "Check-in and check-out\n\n\nWhat time are check-in and check-out?\n\n"
        "Check-in is from 15:00 to 23:00.\n\n\n"
        "I'm arriving after 23:00. Can I still check in?\n\nYes, if you tell us by email.\n\n\n"
        "Can I leave my luggage before check-in or after check-out, and for how long?\n\n"
        "Yes, on the day.\n\n\n初診の流れ\n\n1. 受付\n\n2. 問診\n\n3. 検査\n\n"
        "順番にご案内します。\n"
    )
    article = parse_article(faq)
    assert headings(article) == {2, 3, 5, 7, 9}
    assert sections(article)[4] == 3 and sections(article)[10] == 9
    # The same lines one blank line apart, as plain text sets them, are read as before: no
    # line there ends no sentence above a paragraph, and 初診の流れ is its list's lead.
    assert headings(parse_article(faq.replace("\n\n\n", "\n\n"))) == frozenset()


@pytest.mark.parametrize(
    "line",
    [
        "休診日：木曜日・日曜日・祝日",  # a weekday for its value
        "保証期間：お買い上げ日から本体1年間",  # a figure further on in its value
        "補修用性能部品の保有期間：製造打ち切り後6年",
    ],
)
def test_a_label_with_a_weekday_or_a_figure_in_its_value_is_an_entry(line: str) -> None:
    article = parse_article(piece("当院のご案内です。", line, "受付は30分前までです。"))
    assert headings(article) == frozenset()


def test_a_labelled_line_next_to_an_entry_is_an_entry_too() -> None:
    # The run's last entry has no figure; it is no heading of the paragraph after it.
    article = parse_article(
        piece(
            "年額は前年の所得によって違います。",
            "住民税が課税されている方：年額12,000円",
            "住民税が非課税の方：年額1,000円",
            "生活保護を受けている方：無料",
            "有効期間は毎年10月1日から翌年9月30日までです。",
        )
    )
    assert headings(article) == frozenset()


def test_a_short_item_between_long_items_of_a_numbered_run_is_an_item() -> None:
    article = parse_article(
        piece(
            "4. 保証期間内でも、次の場合は有料修理になります。",
            "(4) 一般家庭用以外（飲食店での使用や、業務用の長時間使用など）に使用された場合の故障",
            "(5) 本書のご提示がない場合",
            "(6) 本書にお買い上げ年月日、お客様名、販売店名の記入がないか、書き換えた場合",
            "(7) パッキン、蒸気口キャップなどの消耗部品の交換",
            "5. 本書は日本国内においてのみ有効です。",
        )
    )
    assert headings(article) == frozenset()


@pytest.mark.parametrize("line", ["開場：18:00（2026年7月22日）", "受付開始：9:00（2026年4月1日）"])
def test_an_entry_closing_with_a_date_in_brackets_is_no_heading(line: str) -> None:
    # The bracket is a date, but the label's figure before it makes the line an entry.
    article = parse_article(piece("今年も夏祭りを開きます。", line, "会場は市民公園です。"))
    assert headings(article) == frozenset()


def test_a_post_s_header_closing_with_its_time_is_still_a_heading() -> None:
    article = parse_article(
        piece(
            "駐輪場について質問です。",
            "質問者：匿名希望（2026/07/09 06:40）",
            "駅前の駐輪場は何時まで使えますか。",
        )
    )
    assert headings(article) == {2}


def test_a_labelled_heading_over_an_entry_stays_a_heading() -> None:
    # Only a labelled line after an entry goes on with the run; one above it heads it.
    article = parse_article(
        piece(
            "次の順に手続きしてください。",
            "ステップ1：申し込み",
            "申込期間：4月1日～4月30日",
            "窓口またはWebで受け付けます。",
        )
    )
    assert headings(article) == {2}


@pytest.mark.parametrize(
    "text",
    [
        "遠足のお知らせ\n\n5月に行きます。\n\n\n・水筒\n\n・タオル\n\n・お弁当\n\n雨なら延期です。\n",
        "Trip\n\nWe leave at eight.\n\n\n- water bottle\n\n- towel\n\nIf it rains, we stay.\n",
        "日程\n\n次のとおりです。\n\n\n10月26日（月）開会式\n\n10月27日（火）講演会\n\n以上です。\n",
        "Dear Ms Hart,\n\nThank you for your letter.\n\n\nBest regards,\n\nTom Baker\n\nSales\n",
    ],
)
def test_a_list_s_item_or_a_closing_set_off_by_two_blank_lines_is_no_heading(text: str) -> None:
    # A plain text may leave two blank lines anywhere: before a list's first item, a day of
    # a schedule or a letter's closing, none of which heads anything.
    assert headings(parse_article(text)) == frozenset()


def test_a_long_run_of_spaces_after_a_label_is_read_in_linear_time() -> None:
    # A PDF's layout may leave a run of spaces after a label's colon; the value's spaces are
    # read once, not once per way of splitting them (20,000 took 15 s).
    article = parse_article(piece("氏名：" + " " * 20_000 + "記入してください", "以上です。"))
    started = time.perf_counter()
    headings(article)
    assert time.perf_counter() - started < 1.0


def test_an_unnumbered_labelled_line_over_an_entry_opens_the_run() -> None:
    # 採用担当：岸本 is the run's first entry, not a heading: ■お問い合わせ heads the run.
    article = parse_article(
        piece(
            "ご応募をお待ちしています。",
            "■お問い合わせ",
            "人事部 採用担当：岸本",
            "電話：0287-55-3140（平日9:00～17:00）",
            "メール：saiyo@example.jp",
        )
    )
    assert headings(article) == {2}


def test_a_marked_heading_over_labelled_lines_with_remarks_is_a_heading() -> None:
    # 開園時間：6:00〜21:00（…の貸切は8:00から）is an entry though its remark holds の, so
    # 所在地 above it is one too, and ■ 北町運動公園 heads them (not 野球場：両翼92m…).
    guide = parse_article(
        "施設の手引き\n\n"
        "コースの貸切：1時間 1,100円（平日のみ）\n"
        "■ 北町運動公園\n"
        "所在地：川端市河原町5-1\n"
        "開園時間：6:00〜21:00（陸上競技場・野球場の貸切は8:00から）\n"
        "休園日：12月29日〜1月3日\n"
        "陸上競技場：400mトラック（8レーン）、天然芝のフィールド\n"
        "野球場：両翼92m、中堅120m、夜間照明あり\n"
        "野球場の貸切：1時間 2,200円\n"
        "駐車場：280台（無料）。大会のある日は満車になることがあります。\n"
    )
    assert headings(guide) == {2}
