"""Loading pieces: shapes, ¶ ids, offsets, windows, and clear errors for bad files."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import bot.core.files as files_module
from bot.core.article import WINDOW_CHARS, Article, ArticleError, parse_article
from bot.core.files import load_article

SHAPED = (
    "天気の話\n\n山田太郎\n天気新聞\n2024-05-01\n今日は晴れです。風もない。\n明日は雨でしょう。\n"
)


def test_default_piece_shape(article: Article) -> None:
    m = article.meta
    # The default piece opens with a lead paragraph, not a title: the title is derived from it.
    assert m.title_derived
    assert m.title and article.paragraphs[0].text.startswith(m.title.rstrip("…"))
    assert (m.author, m.source, m.date, m.language) == (
        "Ivan Timofeev",
        "Valdai Club",
        "30.10.2024",
        "ja",
    )
    # Lead + one paragraph per body line; header lines are not paragraphs.
    body_lines = [ln for ln in article.text.splitlines()[5:] if ln.strip()]
    assert len(article.paragraphs) == 1 + len(body_lines)
    assert [p.number for p in article.paragraphs] == list(range(1, len(article.paragraphs) + 1))


def test_offsets_point_into_the_original_text(any_article: Article) -> None:
    a = any_article
    for p in a.paragraphs:
        assert a.text[p.start : p.end] == p.text
        assert p.label == f"¶{p.number}"
        for s in p.sentences:
            assert a.text[s.start : s.end] == s.text
            assert s.paragraph == p.number
            assert p.start <= s.start < s.end <= p.end
    assert [s.index for s in a.sentences] == list(range(len(a.sentences)))


def test_windows_keep_their_paragraph_and_cover_it(any_article: Article) -> None:
    a = any_article
    for p in a.paragraphs:
        windows = [w for w in a.windows if w.paragraph == p.number]
        assert windows, f"¶{p.number} has no window"
        covered = {s.index for w in windows for s in w.sentences}
        assert covered == {s.index for s in p.sentences}
        for w in windows:
            assert a.text[w.start : w.end] == w.text
            if len(w.sentences) > 1:
                assert len(w.text) <= WINDOW_CHARS + 10


def test_titled_shape() -> None:
    a = parse_article(SHAPED)
    assert a.meta.title == "天気の話" and not a.meta.title_derived
    assert (a.meta.author, a.meta.source, a.meta.date) == ("山田太郎", "天気新聞", "2024-05-01")
    assert [p.text for p in a.paragraphs] == ["今日は晴れです。風もない。", "明日は雨でしょう。"]
    assert [s.text for s in a.paragraphs[0].sentences] == ["今日は晴れです。", "風もない。"]


def test_front_matter() -> None:
    text = (
        '---\ntitle: "A Walk"\nauthor: Jane Doe\nsource: Example Weekly\ndate: 2020-01-02\n'
        "language: en\nurl: https://example.org/walk\n---\nFirst paragraph here. It goes on.\n"
        "\nSecond paragraph.\n"
    )
    a = parse_article(text)
    m = a.meta
    assert (m.title, m.author, m.source, m.date, m.language, m.url) == (
        "A Walk",
        "Jane Doe",
        "Example Weekly",
        "2020-01-02",
        "en",
        "https://example.org/walk",
    )
    assert [p.text for p in a.paragraphs] == [
        "First paragraph here. It goes on.",
        "Second paragraph.",
    ]


def test_plain_paragraphs_get_a_derived_title() -> None:
    a = parse_article(
        "これは最初の段落で、かなり長い説明が続きます。二文目。\nこれは二つ目の段落。\n"
    )
    assert a.meta.title_derived
    assert a.meta.title == "これは最初の段落で、かなり長い説明が続きます"
    assert len(a.paragraphs) == 2 and a.meta.author is None


def test_wrapped_paragraphs_separated_by_blank_lines() -> None:
    text = (
        "The first paragraph is wrapped\nover two lines and ends here.\n\n"
        "The second one\nalso wraps.\n"
    )
    a = parse_article(text)
    assert len(a.paragraphs) == 2
    assert a.paragraphs[0].text == "The first paragraph is wrapped\nover two lines and ends here."


def test_a_rule_line_sets_off_what_it_rules_as_a_blank_line_does() -> None:
    # A plain-text newsletter rules its headings above and below; the rules say nothing.
    text = (
        "町内会だより\n\n"
        "==========\n会長あいさつ\n==========\n\n"
        "今年も夏祭りを開きます。皆さんのご参加をお待ちしています。\n\n"
        "－－－－－－\n夏祭り\n－－－－－－\n\n"
        "8月3日の夕方から公園で開きます。\n"
    )
    a = parse_article(text)
    assert [p.text for p in a.paragraphs] == [
        "会長あいさつ",
        "今年も夏祭りを開きます。皆さんのご参加をお待ちしています。",
        "夏祭り",
        "8月3日の夕方から公園で開きます。",
    ]


def test_rule_lines_in_a_file_of_one_line_per_paragraph_do_not_make_it_wrap() -> None:
    # No blank line: each line is a paragraph, the rules only separate the sections.
    text = (
        "町内会だより\n会長　山田一郎\n==========\n夏祭りのお知らせ\n"
        "日時：8月3日（土）18時から\n持ち物：うちわ、飲み物\n雨天の場合は翌日に延期します。\n"
        "==========\n清掃活動のお知らせ\n"
    )
    texts = [p.text for p in parse_article(text).paragraphs]
    assert "持ち物：うちわ、飲み物" in texts and "==========" not in texts
    assert len(texts) == 7


def test_list_items_are_paragraphs_of_their_own() -> None:
    # Notes with a title and a bulleted list: the title is not taken for an author line, and
    # the items are not one wrapped paragraph; an item that wraps stays one.
    text = (
        "Roof plan\n\n"
        "We need to act before the first snow, and\nthe budget is tight.\n\n"
        "- buy tarpaulin\n- call Bob about the\n  three quotes\n* fix the gutter\n\n"
        "・雨漏りの確認\n1. ask the neighbours\n(2) pay the roofer\n③ 完了報告\n"
    )
    a = parse_article(text)
    assert a.meta.title == "Roof plan" and a.meta.author is None
    assert [p.text for p in a.paragraphs] == [
        "We need to act before the first snow, and\nthe budget is tight.",
        "- buy tarpaulin",
        "- call Bob about the\n  three quotes",
        "* fix the gutter",
        "・雨漏りの確認",
        "1. ask the neighbours",
        "(2) pay the roofer",
        "③ 完了報告",
    ]


def test_a_line_opening_with_a_figure_or_dash_is_no_list_item() -> None:
    text = "The loss was\n-5 degrees at night, and\n2.5 times the forecast.\n\nEnd of note.\n"
    a = parse_article(text)
    assert len(a.paragraphs) == 2


def test_crlf_and_bom(tmp_path: Path) -> None:
    f = tmp_path / "p.txt"
    f.write_bytes("\ufeff".encode() + SHAPED.replace("\n", "\r\n").encode())
    a = load_article(f)
    assert a.meta.title == "天気の話" and "\r" not in a.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n \t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("日本語".encode("shift_jis"), "not valid UTF-8"),
    ],
)
def test_bad_files_give_one_clear_line(tmp_path: Path, content: bytes, message: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(ArticleError) as err:
        load_article(f)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="not found"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="directory"):
        load_article(tmp_path)


def test_paragraph_lookup(article: Article) -> None:
    p = article.paragraph(2)
    assert article.paragraph_at(p.start) is p
    assert article.paragraph_at(0) is article.paragraphs[0]
    with pytest.raises(KeyError):
        article.paragraph(len(article.paragraphs) + 1)


def test_a_short_heading_between_blank_lines_is_not_an_author() -> None:
    a = parse_article("最初の段落です。長い説明が続きます。\n\n一　見出し\n\n本文の段落です。\n")
    assert a.meta.author is None and a.meta.title_derived
    assert [p.text for p in a.paragraphs] == [
        "最初の段落です。長い説明が続きます。",
        "一\u3000見出し",
        "本文の段落です。",
    ]


@pytest.mark.parametrize(
    ("header", "author", "source"),
    [
        ("北川町日報\n2025-03-18", None, "北川町日報"),  # an outlet alone is no author
        ("Coastal Review\n2023-05-14", None, "Coastal Review"),
        ("Valdai Club\nIvan Timofeev\n30.10.2024", "Ivan Timofeev", "Valdai Club"),
        ("寺田寅彦\n大正大震火災誌\n1924-05", "寺田寅彦", "大正大震火災誌"),
        ("山田花子\n2024-01-02", "山田花子", None),
        ("example.io\n2024-01-02", None, "example.io"),
        ("Jane Doe\nbbc.co.uk/news", "Jane Doe", "bbc.co.uk/news"),
    ],
)
def test_a_header_line_naming_an_outlet_is_the_source(
    header: str, author: str | None, source: str | None
) -> None:
    body = "市立図書館は閉館時刻を延ばした。\n利用者は増えた。\n"
    a = parse_article(f"市立図書館の話\n\n{header}\n{body}")
    assert (a.meta.author, a.meta.source) == (author, source)


def test_a_header_set_off_by_blank_lines() -> None:
    # Title, blank, author / source / date, blank, then paragraphs between blank lines.
    a = parse_article(
        "The Keepers\n\nMargaret Hale\nCoastal Review\n2023-05-14\n\n"
        "The first keeper arrived in 1871.\n\nThe tower is 38 metres tall.\n"
    )
    m = a.meta
    assert (m.title, m.author, m.source, m.date) == (
        "The Keepers", "Margaret Hale", "Coastal Review", "2023-05-14"
    )
    assert not m.title_derived
    assert [p.text for p in a.paragraphs] == [
        "The first keeper arrived in 1871.",
        "The tower is 38 metres tall.",
    ]


def test_a_title_line_alone_then_paragraphs() -> None:
    # An encyclopedia article's shape: title, blank line, paragraphs; no author or date.
    a = parse_article("梅雨\n\n梅雨は雨の多い期間のこと。\n概要\n入梅は田植えの目安である。\n")
    assert a.meta.title == "梅雨" and not a.meta.title_derived and a.meta.author is None
    assert [p.text for p in a.paragraphs] == [
        "梅雨は雨の多い期間のこと。",
        "概要",
        "入梅は田植えの目安である。",
    ]


@pytest.mark.parametrize(
    ("path", "kind"),
    [("/dev/zero", "a character device"), ("/dev/urandom", "a character device")],
)
def test_devices_are_refused_without_reading(path: str, kind: str) -> None:
    if not Path(path).exists():
        pytest.skip(f"no {path} here")
    with pytest.raises(ArticleError, match=f"is {kind}, not a regular file"):
        load_article(Path(path))


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def load() -> None:
        try:
            load_article(fifo)
        except ArticleError as exc:
            outcome.append(exc)

    reader = threading.Thread(target=load, daemon=True)  # daemon: a hang cannot hold pytest
    reader.start()
    reader.join(5)
    assert not reader.is_alive(), "opening the FIFO blocked"
    assert "is a pipe (FIFO), not a regular file" in str(outcome[0])


def test_the_size_limit_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files_module, "MAX_PIECE_BYTES", len(SHAPED.encode()))
    f = tmp_path / "p.txt"
    f.write_text(SHAPED, "utf-8")
    assert load_article(f).paragraphs  # exactly at the limit
    f.write_text(SHAPED + "。", "utf-8")
    with pytest.raises(ArticleError, match=r"too large \(.* bytes; the limit is"):
        load_article(f)


def test_a_file_larger_than_its_stated_size_is_read_only_up_to_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Files in /proc say they are empty, whatever they hold.
    proc = Path("/proc/self/status")
    if not proc.is_file() or proc.stat().st_size != 0:
        pytest.skip("no /proc here")
    monkeypatch.setattr(files_module, "MAX_PIECE_BYTES", 64)
    with pytest.raises(ArticleError, match="too large"):
        load_article(proc)


@pytest.mark.parametrize(
    "text",
    [
        "天気の話\n\n山田太郎\n天気新聞\n2024-05-01\n",  # title and header, no body
        "天気の話\n",  # a title alone
        "天気の話\n山田太郎\n",
        "---\ntitle: 天気の話\n---\n天気の話\n",
    ],
)
def test_a_piece_without_a_body_is_refused_with_the_reason(text: str) -> None:
    with pytest.raises(ArticleError, match="no body: only a title or header lines"):
        parse_article(text)


def test_a_short_piece_with_a_sentence_is_a_body() -> None:
    assert [p.text for p in parse_article("天気の話\n今日は晴れ。\n").paragraphs] == [
        "天気の話",
        "今日は晴れ。",
    ]


def test_paragraph_at_finds_every_offset(any_article: Article) -> None:
    a = any_article
    for p in a.paragraphs:
        assert a.paragraph_at(p.start) is p and a.paragraph_at(p.end - 1) is p
    gaps = [p.end for p in a.paragraphs if a.text[p.end : p.end + 1] == "\n"]
    assert all(a.paragraph_at(g) is None for g in gaps)
    assert a.paragraph_at(len(a.text)) is None


_FERRY_BODY = "渡し船は1962年から島と本土を結んでいる。\n2024年には約5万8千人が利用した。"


@pytest.mark.parametrize(
    ("date_line", "date"),
    [
        ("March 8, 2025", "March 8, 2025"),
        ("Mar. 8, 2025", "Mar. 8, 2025"),
        ("8 March 2025", "8 March 2025"),
        ("令和6年11月5日", "令和6年11月5日"),
        ("2024年11月5日付", "2024年11月5日付"),
        ("2025/03/08", "2025/03/08"),
        ("公開日：2024年11月5日", "2024年11月5日"),
    ],
)
def test_header_dates_in_common_forms(date_line: str, date: str) -> None:
    a = parse_article(f"渡し船の話\n\n小川 花\n港町新報\n{date_line}\n{_FERRY_BODY}")
    assert (a.meta.author, a.meta.source, a.meta.date) == ("小川 花", "港町新報", date)
    assert [p.text for p in a.paragraphs] == _FERRY_BODY.splitlines()


def test_a_date_alone_under_the_title_is_the_header() -> None:
    # It used to be read as a title alone, the date becoming ¶1.
    a = parse_article(f"渡し船の話\n\n8 March 2025\n{_FERRY_BODY}")
    assert a.meta.date == "8 March 2025" and a.meta.author is None
    assert a.paragraphs[0].text == _FERRY_BODY.splitlines()[0]


def test_an_updated_date_after_the_published_one_is_header_too() -> None:
    header = "小川 花\n港町新報\n公開日：2025年2月14日\n更新日：2025年2月15日"
    a = parse_article(f"渡し船の話\n\n{header}\n{_FERRY_BODY}")
    assert (a.meta.author, a.meta.source, a.meta.date) == ("小川 花", "港町新報", "2025年2月14日")
    assert [p.text for p in a.paragraphs] == _FERRY_BODY.splitlines()


def test_a_body_sentence_with_a_date_is_no_header_date() -> None:
    text = "The Ferry\n\nOn March 8, 2025, the council voted to keep the ferry.\nIt sails daily.\n"
    a = parse_article(text)
    assert a.meta.date is None
    assert a.paragraphs[0].text.startswith("On March 8, 2025")


def test_a_notice_keeps_its_title_over_the_issuers_line() -> None:
    # Title, blank, the issuer's name alone, blank, the body: the name is the header's.
    a = parse_article(
        "臨時休業のお知らせ\n\n株式会社はるかぜ\n\n"
        "設備点検のため、6月3日は終日休業いたします。\n\nご不便をおかけします。\n"
    )
    assert (a.meta.title, a.meta.title_derived, a.meta.author) == (
        "臨時休業のお知らせ", False, "株式会社はるかぜ"
    )
    assert [p.text for p in a.paragraphs] == [
        "設備点検のため、6月3日は終日休業いたします。",
        "ご不便をおかけします。",
    ]


@pytest.mark.parametrize(
    "heading",
    # Section headings that look a little like a name: none is made a header of.
    ["はじめに", "喫茶店の誕生", "職場の人間関係", "第1款　運営委員会", "By the Numbers",
     "Daily Life"],
)
def test_a_section_heading_under_the_title_stays_a_paragraph(heading: str) -> None:
    # The same shape with a section heading instead of a name: the title is the title still,
    # and the heading opens the body.
    a = parse_article(f"町の歴史\n\n{heading}\n\n町は川の合流点に開けた。\n\n港が開かれた。\n")
    assert (a.meta.title, a.meta.title_derived) == ("町の歴史", False)
    assert (a.meta.author, a.meta.source, a.meta.date) == (None, None, None)
    assert [p.text for p in a.paragraphs][:2] == [heading, "町は川の合流点に開けた。"]


def test_a_regulations_enactment_lines_give_its_date_only() -> None:
    a = parse_article(
        "町立公民館使用規則\n\n令和2年3月1日　町規則第4号\n改正　令和5年6月1日　町規則第9号\n\n"
        "第1条（目的）\nこの規則は、公民館の使用に関し必要な事項を定める。\n"
    )
    m = a.meta
    assert (m.title, m.author, m.source) == ("町立公民館使用規則", None, None)
    assert m.date == "令和2年3月1日"
    assert a.paragraphs[0].text == "第1条（目的）"


def test_a_newsletters_header_gives_author_and_issue() -> None:
    a = parse_article(
        "川辺の石碑をたずねて\n\n北浜自治会会報 第12号\n執筆・村田 一郎\n\n"
        "石碑は明治の洪水の後に建てられた。\n碑文は今も読める。\n"
    )
    assert (a.meta.author, a.meta.source) == ("村田 一郎", "北浜自治会会報 第12号")


def test_minutes_fields_under_the_title_are_header_not_author_and_source() -> None:
    text = (
        "北町子ども会 第2回 役員会 記録\n\n"
        "日時：2024年11月2日（土）14:00〜15:30\n"
        "場所：北公民館 和室\n"
        "記録：中野 ゆい\n\n"
        "会計報告が承認された。\n次回は12月に開く。\n"
    )
    meta = parse_article(text).meta
    assert (meta.title, meta.author, meta.source, meta.date) == (
        "北町子ども会 第2回 役員会 記録", "中野 ゆい", None, "2024年11月2日（土）14:00"
    )


@pytest.mark.parametrize(
    "opening",
    [
        "報道関係者各位\nプレスリリース\n2024年9月3日\n株式会社あおばテック",
        "お客様各位\n2024年9月3日\n株式会社あおばテック",
        "PRESS RELEASE\n2024年9月3日\n株式会社あおばテック",
        "関係者各位\nニュースリリース\n2024年9月3日\n株式会社あおばテック",
    ],
)
def test_a_releases_addressee_and_kind_are_header_and_the_headline_is_the_title(
    opening: str,
) -> None:
    text = (
        f"{opening}\n\n"
        "あおばテック、折りたためる電動自転車を10月に発売\n\n"
        "株式会社あおばテックは、折りたためる電動自転車を10月1日に発売します。\n"
        "価格は税込12万円です。\n"
    )
    article = parse_article(text)
    meta = article.meta
    assert (meta.title, meta.title_derived, meta.author, meta.date) == (
        "あおばテック、折りたためる電動自転車を10月に発売",
        False,
        "株式会社あおばテック",
        "2024年9月3日",
    )
    assert article.paragraphs[0].text.startswith("株式会社あおばテックは")


@pytest.mark.parametrize(
    "first",
    [
        "関係者各位へのお願いと今後の予定",  # more than an addressee
        "プレスリリースの書き方",  # a piece about releases
    ],
)
def test_a_line_that_only_starts_like_an_addressee_or_kind_stays_the_title(first: str) -> None:
    text = f"{first}\n\n森 花子\n港日報\n\n本文の一文目です。\n本文の二文目です。\n"
    meta = parse_article(text).meta
    assert (meta.title, meta.author, meta.source) == (first, "森 花子", "港日報")


def test_a_dated_byline_under_the_title_gives_author_and_date() -> None:
    text = (
        "Tides of the North Pier\n\nBy Jane Doe · March 3, 2024\n\n"
        "The pier reopened.\nCrowds came.\n"
    )
    article = parse_article(text)
    meta = article.meta
    assert (meta.author, meta.date) == ("Jane Doe", "March 3, 2024")
    assert [p.text for p in article.paragraphs] == ["The pier reopened.", "Crowds came."]


@pytest.mark.parametrize("heading", ["Book Review", "The Office", "最新ニュース", "春の 料理教室"])
def test_a_lone_heading_under_the_title_stays_in_the_body(heading: str) -> None:
    text = f"Notes of a Reader\n\n{heading}\n\nThe first chapter is slow.\nThe second is not.\n"
    article = parse_article(text)
    assert (article.meta.author, article.meta.source) == (None, None)
    assert article.paragraphs[0].text == heading
