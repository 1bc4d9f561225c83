import pytest

from bot.core.article import parse_article
from bot.engines.offline import OfflineEngine
from bot.library.formats import read_file, to_article
from tests.conftest import TEST_DATA
from tests.engines.offline.test_engine import assert_grounded

# 入学金：250,000円 matches the question by one word; the lines about 合格 and 入学金 by two.
_GUIDE = parse_article(
    "募集要項\n\n"
    "合格者には、合格通知書と入学手続書類を速達で郵送します。入学手続は期限内に行ってください。\n\n"
    "第1次手続（入学金の納入）：合格者は2月24日まで\n\n"
    "入学金：250,000円\n\n"
    "授業料は前期分・後期分の2回に分けて納入することもできます。\n\n"
    "合格発表は2月14日10時に、Web出願サイトのマイページで行います。\n"
)


@pytest.fixture(scope="module")
def engine() -> OfflineEngine:
    return OfflineEngine(_GUIDE)


def test_the_passage_holding_the_figure_asked_for_ranks_first(engine: OfflineEngine) -> None:
    asker = engine.asker
    hits = asker.search(asker.query("合格したら入学金はいくら払う？"))
    assert hits[0].passage == 3


async def test_the_figure_asked_for_is_quoted(engine: OfflineEngine) -> None:
    answer = await engine.ask("合格したら入学金はいくら払う？")
    assert_grounded(answer, _GUIDE)
    assert 3 in answer.passages and "250,000円" in answer.text


def test_a_question_asking_no_figure_is_ranked_as_before(engine: OfflineEngine) -> None:
    asker = engine.asker
    hits = asker.search(asker.query("合格したら何が届く？"))
    assert hits[0].passage == 1


async def test_a_figure_in_a_passage_nearly_as_good_keeps_the_question_covered() -> None:
    # An entrance-exam guide of 104 paragraphs: five passages about 合格 and 入学金 rank
    # above 入学金：250,000円, which the decision now reads too (it had declined).
    guide = to_article(read_file(TEST_DATA / "unseen12" / "p3_boshu.txt"))
    answer = await OfflineEngine(guide).ask("合格したら入学金はいくら払う？")
    assert_grounded(answer, guide)
    assert "250,000円" in answer.text


def test_a_passage_giving_the_date_asked_for_ranks_first() -> None:
    # 出願書類の郵送は…出願期間最終日の消印有効 repeats more of the question's words and gives no
    # date; 前期日程：令和8年1月5日（月）から1月23日（金）まで, nearly as good a match, gives it.
    guide = to_article(read_file(TEST_DATA / "unseen12" / "p3_boshu.txt"))
    asker = OfflineEngine(guide).asker
    hits = asker.search(asker.query("前期日程の出願締め切りはいつですか"))
    assert hits[0].passage == 27


async def test_a_line_labelled_with_the_asked_name_ranks_first_however_weak_a_match() -> None:
    """今回の工事費はいくら？ matches the sentence about 今回の工事 by more words; the line
    labelled 工事費 gives the amount."""
    article = parse_article(
        "修繕工事のお知らせ\n\n"
        "今回の工事は、建物の外壁と屋上の工事です。今回の工事の期間は半年の予定です。\n"
        "工事費：約2億1,600万円（税込）\n"
        "玄関ドアの交換は、今回の工事には含まれません。今回の工事の次の工事で検討します。\n"
    )
    engine = OfflineEngine(article)
    hits = engine.asker.search(engine.asker.query("今回の工事費はいくらですか"))
    assert hits[0].passage == 2
    answer = await engine.ask("今回の工事費はいくらですか")
    assert "2億1,600万円" in answer.text
    assert_grounded(answer, article)
    # A fee's line, for the thing it is paid for: 工事 of 工事費.
    hits = engine.asker.search(engine.asker.query("今回の工事にはいくらかかるの？"))
    assert hits[0].passage == 2
