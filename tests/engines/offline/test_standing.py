"""A section heading that matches stands for the line under it holding what is asked
(`bot.engines.offline.standing`)."""

from pathlib import Path

import pytest

from bot.core.article import Article, parse_article
from bot.core.interview import NO_INTERVIEW
from bot.core.retrieval import Hit
from bot.engines.offline import OfflineEngine
from bot.engines.offline.standing import answering, with_value
from bot.library.formats import read_file, to_article

_GUIDE = """# 神社のご案内

## ご祈祷

ご祈祷は本殿で行います。ご予約は不要です。

- 受付時間：9:00〜16:00
- 初穂料：5,000円から

## 車のお祓い

車のお祓いは、第2駐車場の奥にある祓所で行います。車に乗ったまま第2駐車場にお入りください。

- 受付時間：9:00〜15:30
- 車の中の方も、お祓いの間は車から降りてください。
- 交通安全のステッカーとお守りをお渡しします。

## 七五三

七五三のご祈祷は、10月1日から11月30日までお受けしています。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> OfflineEngine:
    path: Path = tmp_path_factory.mktemp("piece") / "guide.md"
    path.write_text(_GUIDE, encoding="utf-8")
    return OfflineEngine(to_article(read_file(path)))


def test_the_line_under_a_heading_giving_the_time_asked_ranks_first(
    engine: OfflineEngine,
) -> None:
    # The heading 車のお祓い matches best; of its lines, 受付時間：9:00〜15:30 gives a time,
    # while the lines repeating 車 and お祓い give none.
    asker = engine.asker
    article = asker.article
    hits = asker.search(asker.query("車のお祓いは何時までに行けばいい？"))
    assert article.paragraph(hits[0].passage).text == "• 受付時間：9:00〜15:30"


def test_a_question_asking_no_value_keeps_the_best_ranked_line(engine: OfflineEngine) -> None:
    asker = engine.asker
    article = asker.article
    hits = asker.search(asker.query("車のお祓いでは車から降りるの？"))
    assert "車から降りてください" in article.paragraph(hits[0].passage).text


def test_answering_takes_the_first_line_holding_it_when_none_ranked_does(
    engine: OfflineEngine,
) -> None:
    article = engine.asker.article
    heading = next(p.number for p in article.paragraphs if p.text == "車のお祓い")
    under = [heading + 1, heading + 2, heading + 3, heading + 4]
    ranked = [_hit(article, heading, 9.0), _hit(article, heading + 3, 6.0)]

    def holds(text: str) -> bool:
        return "9:00" in text

    found = answering(article, ranked, {heading: under}, NO_INTERVIEW, holds)
    assert found[0].passage == heading + 2 and found[0].score == 9.0
    # Without a value asked for, the best ranked line stands for the heading, as before.
    found = answering(article, ranked, {heading: under}, NO_INTERVIEW)
    assert found[0].passage == heading + 3


def test_answering_takes_the_line_holding_it_when_no_line_under_the_heading_is_ranked(
    engine: OfflineEngine,
) -> None:
    # Only the heading is found: the first line under it gives no time, the second does.
    article = engine.asker.article
    heading = next(p.number for p in article.paragraphs if p.text == "車のお祓い")
    under = [heading + 1, heading + 2, heading + 3, heading + 4]

    def holds(text: str) -> bool:
        return "9:00" in text

    found = answering(article, [_hit(article, heading, 9.0)], {heading: under}, NO_INTERVIEW, holds)
    assert found[0].passage == heading + 2 and found[0].score == 9.0


def _hit(article: Article, number: int, score: float) -> Hit:
    p = article.paragraph(number)
    return Hit(p.number, p.start, p.end, p.text, score, 1.0)


def test_a_value_asked_alone_ranks_the_line_giving_it_first() -> None:
    article = parse_article(
        "Sale day guide\n\n"
        "Telephone bids: our staff will call you before your lot is sold.\n"
        "Viewing is open on Monday and Tuesday.\n"
        "Tel: 01632 960214 (Monday to Friday, 9:00 to 17:00)\n"
        "Collection is from the rear yard.\n"
    )
    asker = OfflineEngine(article).asker
    hits = asker.search(asker.query("What is the telephone number?"))
    assert hits[0].passage == 3
    ranked = [_hit(article, 1, 5.0), _hit(article, 2, 2.0)]
    assert [h.passage for h in with_value(article, ranked, [3])] == [3, 1, 2]
    assert with_value(article, ranked, []) == ranked
