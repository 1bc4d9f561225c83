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


SHELTERS = (
    "---\ntitle: 町の避難所\n---\n"
    "町内の主な避難所は次のとおりです。\n\n"
    "東小学校（東町2丁目4番）：指定避難所。収容人数は約600人。洪水のときは2階以上を使います。\n\n"
    "西中学校（西町5丁目11番）：指定避難所。収容人数は約850人。町内で最も標高が高く、海抜18mです。\n\n"
    "体育館（役場前1丁目）：指定避難所。川に近いため、洪水のときは開設しません。\n"
)


async def test_an_entrys_name_is_quoted_before_a_later_sentence_of_it() -> None:
    article = parse_article(SHELTERS)
    answer = await OfflineEngine(article).ask("東小学校の海抜は？")
    # 町内で最も標高が高く、海抜18mです。, quoted after 東小学校's entry, says which shelter
    # only in its own entry's first sentence: without it, 18m reads as 東小学校's.
    assert "[¶2]\n西中学校（西町5丁目11番）：指定避難所。 [¶3]\n町内で最も標高が高く" in answer.text
    _verifies(answer, article)


async def test_no_entry_name_when_named_or_quoted_or_in_a_transcript() -> None:
    engine = OfflineEngine(parse_article(SHELTERS))
    subjects = engine.asker.subjects
    first, _, height = (s.index for s in engine.article.paragraph(3).sentences)
    quotable = engine.asker.quotable
    query = engine.asker.query("海抜18mの避難所はどこ？")
    assert subjects.labels_for(query, [height], quotable) == [first]
    assert subjects.labels_for(query, [first, height], quotable) == []
    assert subjects.labels_for(engine.asker.query("西中学校の海抜は？"), [height], quotable) == []
    transcript = OfflineEngine(
        parse_article(
            "---\ntitle: 講演録\n---\n"
            "司会：皆さん、こんばんは。今日は鳥のお話です。\n\n"
            "講師：よろしくお願いします。私はこの沼に通って22年になります。\n\n"
            "司会：最初に来たのはいつですか？\n\n"
            "講師：大学院生のときです。朝の4時から岸に座っていました。\n"
        )
    )
    line = transcript.article.paragraph(2).sentences[1].index
    query = transcript.asker.query("何年通っている？")
    assert transcript.asker.subjects.labels_for(query, [line], transcript.asker.quotable) == []


async def test_a_table_row_is_quoted_after_its_header_row() -> None:
    article = parse_article(
        "---\ntitle: 通学路の木陰と暑さ\n---\n"
        "3校の児童の下校時の暑さを測った。\n\n"
        "学校 | 木陰率 | 平均下校時間 | 平均WBGT\n\n"
        "緑ヶ丘小 | 58% | 17分 | 28.4℃\n\n"
        "東浜小 | 31% | 22分 | 29.6℃\n\n"
        "旧市場小 | 15% | 19分 | 30.5℃\n\n"
        "木陰率の高い通学路ほど、暑さは小さかった。\n"
    )
    answer = await OfflineEngine(article).ask("東浜小の平均下校時間は何分？")
    # 22分 says which column only under the header row.
    assert answer.text.startswith("学校 | 木陰率 | 平均下校時間 | 平均WBGT [¶2]\n")
    assert "東浜小 | 31% | 22分 | 29.6℃ [¶4]" in answer.text
    _verifies(answer, article)

