"""The line naming what an answer is about: a section's heading quoted before its sentences."""

from __future__ import annotations

from bot.core.answer import Answer
from bot.core.article import Article, parse_article
from bot.core.grounding import Grounder
from bot.engines.offline.engine import OfflineEngine
from tests.engines.offline.test_engine import assert_grounded

REVIEW = (
    "---\ntitle: 三台の電気ケトルを使い比べた\n---\n"
    "一人暮らしの台所で、三台の電気ケトルを二週間ずつ使った。\n\n\n"
    "ハルカゼ T7\n\n"
    "湯が沸くまでの時間は三台で最も短く、1リットルが3分だった。注ぎ口が細く、ドリップにも使える。\n\n\n"
    "ユキミ AB-20\n\n"
    "値段は三台で最も安く、3,980円だった。ふたが外れるので、内側まで洗える。\n\n\n"
    "ツキノ K5\n\n"
    "ツキノは保温機能があり、沸かした湯を2時間70度に保つ。本体は重く、片手では注ぎにくい。\n\n\n"
    "まとめ\n\n"
    "毎朝コーヒーを淹れるなら、注ぎ口の細いものを選びたい。\n"
)

RULES = (
    "---\ntitle: 山の家利用要綱\n---\n"
    "第1条（目的）\n\n"
    "この要綱は、町営山の家の利用について必要な事項を定める。\n\n"
    "第2条（利用期間）\n\n"
    "山の家は、4月1日から11月30日まで利用することができる。\n\n"
    "２　1回の利用は、3泊以内とする。\n\n"
    "第3条（利用料）\n\n"
    "利用料は、1人1泊につき1,500円とする。\n\n"
    "２　小学生以下の利用料は、無料とする。\n"
)


def _verifies(answer: Answer, article: Article) -> None:
    assert_grounded(answer, article)
    grounder = Grounder(article)
    for c in answer.citations:
        assert grounder.verify([(c.passage, c.quote)]).citations == [c]


def _before(answer: Answer, heading: int, paragraph: int) -> bool:
    """Whether the answer quotes ¶`heading` right before its first quote of ¶`paragraph`."""
    passages = [c.passage for c in answer.citations]
    return heading in passages and passages.index(heading) + 1 == passages.index(paragraph)


async def test_a_products_heading_is_quoted_before_a_sentence_that_does_not_name_it() -> None:
    article = parse_article(REVIEW)
    answer = await OfflineEngine(article).ask("一番安いのはどれ？")
    # 値段は三台で最も安く… says which kettle only under its heading.
    assert _before(answer, 4, 5)
    assert "ユキミ AB-20 [¶4]\n値段は三台で最も安く" in answer.text
    _verifies(answer, article)


async def test_a_regulations_article_is_quoted_before_its_paragraph() -> None:
    article = parse_article(RULES)
    answer = await OfflineEngine(article).ask("1回に何泊までできる？")
    assert _before(answer, 3, 5)
    assert answer.text.index("第2条（利用期間） [¶3]") < answer.text.index("3泊以内")
    _verifies(answer, article)


async def test_no_heading_when_the_question_names_what_it_names() -> None:
    answer = await OfflineEngine(parse_article(RULES)).ask("第3条の利用料はいくら？")
    assert 7 in answer.passages and 6 not in answer.passages
    answer = await OfflineEngine(parse_article(REVIEW)).ask("ユキミの値段は？")
    assert 5 in answer.passages and 4 not in answer.passages


async def test_no_heading_when_the_sentence_names_its_subject() -> None:
    answer = await OfflineEngine(parse_article(REVIEW)).ask("保温できるのは？")
    assert 7 in answer.passages and 6 not in answer.passages  # ツキノは保温機能があり…


async def test_no_heading_that_names_only_a_kind_of_content() -> None:
    answer = await OfflineEngine(parse_article(REVIEW)).ask("コーヒーを淹れるなら何を選ぶ？")
    assert 9 in answer.passages and 8 not in answer.passages  # まとめ


async def test_a_heading_already_quoted_is_not_quoted_again() -> None:
    engine = OfflineEngine(parse_article(REVIEW))
    query = engine.asker.query("一番安いのはどれ？")
    heading, sentence = (engine.article.paragraph(n).sentences[0].index for n in (4, 5))
    assert engine.asker.subjects.headings_for(query, [sentence]) == [heading]
    assert engine.asker.subjects.headings_for(query, [heading, sentence]) == []


async def test_a_piece_without_headings_is_answered_as_before() -> None:
    # The review's paragraphs, each naming its kettle, with no heading lines.
    engine = OfflineEngine(
        parse_article(
            "---\ntitle: 三台の電気ケトルを使い比べた\n---\n"
            "一人暮らしの台所で、三台の電気ケトルを二週間ずつ使った。\n\n"
            "ハルカゼ T7は湯が沸くまでの時間が最も短く、1リットルが3分だった。\n\n"
            "ユキミ AB-20は値段が三台で最も安く、3,980円だった。\n\n"
            "ツキノ K5は保温機能があり、沸かした湯を2時間70度に保つ。\n"
        )
    )
    assert engine.retriever.sections == {}
    query = engine.asker.query("一番安いのはどれ？")
    picked = engine.asker.sentences(query, engine.asker.search(query))
    assert engine.asker.subjects.headings_for(query, picked) == []
    answer = await engine.ask("一番安いのはどれ？")
    assert [c.quote for c in answer.citations] == [engine.article.sentences[i].text for i in picked]


HALLS = (
    "---\ntitle: 町の集会所\n---\n"
    "町内の集会所は次のとおりです。\n\n"
    "北公民館（北町3丁目）：会議室が二つあります。利用は午後9時までです。駐車場はありません。\n\n"
    "南公民館（南町1丁目）：調理室があります。利用は午後10時までです。屋上に菜園もあります。\n\n"
    "東集会所（東町5丁目）：和室が一つあります。利用は午後8時までです。\n"
)


async def test_an_entrys_name_is_quoted_before_a_later_sentence_of_it() -> None:
    # 南公民館's entry says much between its name and its garden: no context brings the name.
    said_before = "調理室は二十人まで使え、鍋や包丁、食器のほか、" * 12
    long_middle = said_before + "大型の冷蔵庫もそろっています。"
    article = parse_article(HALLS.replace("利用は午後10時までです。", long_middle))
    answer = await OfflineEngine(article).ask("北公民館に菜園はある？")
    # 屋上に菜園もあります。, quoted after 北公民館's entry, says which hall only in its own
    # entry's first sentence (`Subjects.labels_for`): without it, the garden reads as
    # 北公民館's.
    said = answer.text
    assert long_middle not in said
    assert "[¶2]\n南公民館（南町1丁目）：調理室があります。 [¶3]\n屋上に菜園も" in said
    _verifies(answer, article)


async def test_no_entry_name_when_named_or_quoted_or_in_a_transcript() -> None:
    engine = OfflineEngine(parse_article(HALLS))
    subjects = engine.asker.subjects
    first, _, garden = (s.index for s in engine.article.paragraph(3).sentences)
    quotable = engine.asker.quotable
    query = engine.asker.query("菜園のある集会所はどこ？")
    assert subjects.labels_for(query, [garden], quotable) == [first]
    assert subjects.labels_for(query, [first, garden], quotable) == []
    assert subjects.labels_for(engine.asker.query("南公民館の菜園は？"), [garden], quotable) == []
    transcript = OfflineEngine(
        parse_article(
            "---\ntitle: 講演録\n---\n"
            "司会：皆さん、こんばんは。今日は星のお話です。\n\n"
            "講師：よろしくお願いします。私はこの丘で30年、星を見てきました。\n\n"
            "司会：最初に見たのはいつですか？\n\n"
            "講師：小学生のときです。父の望遠鏡を借りました。\n"
        )
    )
    line = transcript.article.paragraph(2).sentences[1].index
    query = transcript.asker.query("何年星を見ている？")
    assert transcript.asker.subjects.labels_for(query, [line], transcript.asker.quotable) == []


async def test_a_table_row_is_quoted_after_its_header_row() -> None:
    article = parse_article(
        "---\ntitle: 駅前のパン屋三店\n---\n"
        "駅前のパン屋三店の朝を見て回った。\n\n"
        "店名 | 席数 | 開店時刻 | 定休日\n\n"
        "こむぎ堂 | 12席 | 7時 | 水曜\n\n"
        "ひだまり | 8席 | 8時 | 月曜\n\n"
        "麦の家 | 20席 | 6時半 | なし\n\n"
        "席数の多い店ほど、朝は混み合っていた。\n"
    )
    answer = await OfflineEngine(article).ask("ひだまりの開店時刻は何時？")
    # 8時 says which column only under the header row.
    assert answer.text.startswith("店名 | 席数 | 開店時刻 | 定休日 [¶2]\n")
    assert "ひだまり | 8席 | 8時 | 月曜 [¶4]" in answer.text
    _verifies(answer, article)


async def test_a_bulleted_entry_is_named_and_an_english_colon_names_nothing() -> None:
    article = parse_article(
        "---\ntitle: 町の集会所\n---\n"
        "町内の集会所は次のとおりです。\n\n"
        "• 北公民館（北町3丁目）：会議室が二つある。予約は窓口で受け付ける。駐車場はない。\n\n"
        "• 南公民館（南町1丁目）：調理室がある。予約は電話で受け付ける。2階に和室もある。\n"
    )
    engine = OfflineEngine(article)
    first, _, height = (s.index for s in article.paragraph(3).sentences)
    query = engine.asker.query("北公民館に和室はある？")
    assert engine.asker.subjects.labels_for(query, [height], engine.asker.quotable) == [first]
    english = OfflineEngine(
        parse_article(
            "Sourdough\n\nA starter needs care.\n\n"
            "The rule is simple: feed it every day. It then doubles in about three hours.\n"
        )
    )
    second = english.article.paragraph(2).sentences[1].index
    query = english.asker.query("How fast does it double?")
    assert english.asker.subjects.labels_for(query, [second], english.asker.quotable) == []


DIARY = (
    "---\ntitle: ねこ日記\n---\n"
    "3月22日（土）\n\n"
    "ついに来た。名前は「こむぎ」にした。\n\n"
    "夜中にカリカリ食べる音が聞こえた。\n\n"
    "3月30日（日）\n\n"
    "初めてひざに乗った！5分くらいだけど。\n\n"
    "4月5日（土）\n\n"
    "正式に譲渡の日。体重は2.8kgだった。\n"
)


async def test_a_diary_s_day_is_quoted_before_its_entry() -> None:
    article = parse_article(DIARY)
    answer = await OfflineEngine(article).ask("初めてひざに乗ったのはいつ？")
    # The entry says when only under its day's line.
    assert _before(answer, 4, 5)
    assert answer.text.startswith("3月30日（日） [¶4]\n初めてひざに乗った")
    _verifies(answer, article)
