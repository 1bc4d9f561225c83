"""HTML pages: what trafilatura gives, mended where a reader would be misled."""

from __future__ import annotations

from bot.core.article import Article
from bot.core.structure import headings, table_headers
from bot.library.formats import read_document, to_article

PAGE = """<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">
<title>影絵の夕べ | 市民ホール</title></head><body>
<nav><ul><li><a href="/">ホーム</a></li><li><a href="/events/">公演情報</a></li></ul></nav>
<header><h1>影絵の夕べ</h1><p class="updated">2026年6月15日 更新</p></header>
<main>
<h2>公演について</h2>
<p>影絵劇団が新作を上演します。上演時間は約80分で、小さなお子さまから楽しめます。</p>
<h2>日時・料金</h2>
<table><caption>料金（全席指定・税込）</caption>
<tr><th>区分</th><th>前売</th><th>当日</th></tr>
<tr><td>大人</td><td>2,800円</td><td>3,300円</td></tr>
<tr><td>高校生</td><td>1,500円</td><td></td></tr>
</table>
<p>チケットは6月27日から販売します。団体は1割引になります。</p>
<h2>お問い合わせ</h2>
<dl><dt>会場</dt><dd>市民ホール 大ホール（1,204席）</dd>
<dt>問い合わせ</dt><dd>チケットセンター 電話 0197-55-3210</dd></dl>
<p>当日は公共交通機関でお越しください。駐車場は混雑します。</p>
</main><footer>© 市民ホール</footer></body></html>
"""


def page() -> Article:
    return to_article(read_document(PAGE.encode(), filename="event.html"))


def texts() -> list[str]:
    return [p.text for p in page().paragraphs]


def test_a_description_lists_term_stays_with_its_description() -> None:
    # Each <dt> and <dd> had been a bullet of its own: 「• 問い合わせ」 apart from the number.
    assert "• 問い合わせ：チケットセンター 電話 0197-55-3210" in texts()
    assert "• 問い合わせ" not in texts()


def test_a_tables_caption_rule_rows_and_empty_cells() -> None:
    article = page()
    lines = texts()
    # The caption was a row of its own (| 料金… | | |), and each |---| line a paragraph.
    assert "料金（全席指定・税込）" in lines
    assert not [t for t in lines if set(t) <= set("|-: ")]
    assert "区分 | 前売 | 当日" in lines and "高校生 | 1,500円 | —" in lines
    header = lines.index("区分 | 前売 | 当日") + 1
    assert table_headers(article)[lines.index("大人 | 2,800円 | 3,300円") + 1] == header


def test_the_pages_headings_are_headings_and_its_header_dates_it() -> None:
    article = page()
    lines = texts()
    assert {lines.index("公演について") + 1, lines.index("お問い合わせ") + 1} <= headings(article)
    assert article.meta.date == "2026年6月15日"
    assert not [t for t in lines if "ホーム" in t or "©" in t]


def stored(body: str, head: str = "<title>頁</title>") -> list[str]:
    html = f"<html><head>{head}</head><body><article>{body}</article></body></html>"
    return [p.text for p in to_article(read_document(html.encode(), filename="p.html")).paragraphs]


PROSE = "<p>当館の施設についてご案内します。以下をご覧ください。ここは長めの本文です。</p>"


def test_rows_of_a_table_with_no_header_row_stay_apart() -> None:
    rows = "<tr><td>平日</td><td>9時から17時</td></tr><tr><td>祝日</td><td>休館</td></tr>"
    lines = stored(f"{PROSE}<table>{rows}</table>{PROSE}")
    assert "平日 | 9時から17時" in lines and "祝日 | 休館" in lines


def test_a_table_of_labelled_values_is_a_description_list() -> None:
    # Each row names its value in a header cell: the first row (賃料 | 86,000円) had been read
    # as the table's header row, a heading never quoted, and the rent never given.
    rows = "<tr><th>賃料</th><td>86,000円</td></tr><tr><th>礼金</th><td>なし</td></tr>"
    article = to_article(
        read_document(
            f"<html><body><article>{PROSE}<table>{rows}</table>{PROSE}</article>"
            "</body></html>".encode(),
            filename="p.html",
        )
    )
    lines = [p.text for p in article.paragraphs]
    assert "• 賃料：86,000円" in lines and "• 礼金：なし" in lines
    assert not table_headers(article)
    assert lines.index("• 賃料：86,000円") + 1 not in headings(article)
    # A table with a header row, or with data cells only, stays a table.
    headed = "<tr><th>区分</th><th>料金</th></tr><tr><th>大人</th><td>500円</td></tr>"
    assert "大人 | 500円" in stored(f"{PROSE}<table>{headed}</table>{PROSE}")


def test_a_table_of_labelled_values_keeps_its_caption() -> None:
    # Its caption had gone with the table when the rows became items: 物件概要 was lost.
    caption = "<caption>物件概要</caption>"
    rows = "<tr><th>賃料</th><td>86,000円</td></tr><tr><th>礼金</th><td>なし</td></tr>"
    lines = stored(f"{PROSE}<table>{caption}{rows}</table>{PROSE}")
    assert lines.index("物件概要") + 1 == lines.index("• 賃料：86,000円")


def test_a_labelled_row_with_an_empty_cell_keeps_the_other() -> None:
    # A value under an empty header cell (a second line of 交通) and a label with an empty
    # value are said all the same, as a description list's are: バス had been dropped.
    rows = (
        "<tr><th>交通</th><td>JR線 徒歩5分</td></tr><tr><th></th><td>市バス 停留所から2分</td></tr>"
        "<tr><th>礼金</th><td></td></tr><tr><th>敷金</th><td>1か月</td></tr>"
    )
    lines = stored(f"{PROSE}<table>{rows}</table>{PROSE}")
    assert "• 市バス 停留所から2分" in lines and "• 礼金" in lines


def test_emphasis_leaves_no_marks_in_the_text() -> None:
    lines = stored(f"{PROSE}<p><b>申込みは6月1日までです。</b>詳細は窓口でご確認ください。</p>")
    assert "申込みは6月1日までです。詳細は窓口でご確認ください。" in lines
    assert not [t for t in lines if "*" in t]


def test_description_lists_in_all_their_shapes() -> None:
    dl = (
        "<dl><div><dt>電話</dt><dd>0197-55-3210</dd></div>"
        "<dt>バス</dt><dt>タクシー</dt><dd>駅前から10分</dd>"
        "<dt>Address</dt><dd>12 River Street<br>Kirifuri</dd><dt>自転車</dt></dl>"
    )
    lines = stored(f"{PROSE}{dl}{PROSE}")
    items = ("電話：0197-55-3210", "バス、タクシー：駅前から10分")
    for item in (*items, "Address: 12 River Street Kirifuri"):
        assert f"• {item}" in lines
    assert "• 自転車" in lines


def test_lines_of_a_bare_pre_stay_apart() -> None:
    lines = stored(f"{PROSE}<pre>curl -s https://example.jp | sh\necho done</pre>{PROSE}")
    assert "curl -s https://example.jp | sh" in lines and "echo done" in lines


def test_a_date_is_read_from_a_dated_element_only() -> None:
    timeline = '<div class="timeline"><p>1998年4月1日</p><p>創業。</p></div>'
    html = f"<html><head><title>沿革</title></head><body><article>{PROSE}{timeline}</article>"
    assert to_article(read_document(html.encode(), filename="p.html")).meta.date is None
    header = "<header><h1>お知らせ</h1><p>川霧市</p><p>2026年6月15日 更新</p></header>"
    html = f"<html><head><title>お知らせ</title></head><body>{header}<article>{PROSE}</article>"
    assert to_article(read_document(html.encode(), filename="p.html")).meta.date == "2026年6月15日"


def test_a_title_with_markdown_characters_is_not_written_again() -> None:
    body = "<h1>snake_case *rules*</h1><p>" + "Naming rules for variables, long enough. " * 4
    lines = stored(body + "</p>", head="<title>snake_case *rules*</title>")
    assert "snake_case *rules*" not in lines


def test_a_short_pages_sentence_stays_whole_across_its_links() -> None:
    # trafilatura's fallback writes each link or span of a short page's sentence on a line.
    body = "<p>今年も夏祭りを開催します。詳しくは<a href='/x'>こちら</a>をご覧ください。</p>"
    lines = stored(body + "<p>開催日は<span>8月15日</span>です。</p>")
    assert any("詳しくはこちらをご覧ください。" in t for t in lines)
    assert not [t for t in lines if t in ("こちら", "8月15日")]


def test_inline_markup_leaves_its_words_only() -> None:
    line = "Water is H<sub>2</sub>O. Press <kbd>Ctrl</kbd>+<code>C</code> to copy, <s>old</s>."
    lines = stored(f"<p>{'An opening paragraph with enough words to keep. ' * 3}</p><p>{line}</p>")
    assert "Water is H2O. Press Ctrl+C to copy, old." in lines


def test_a_descriptions_words_keep_their_order() -> None:
    dl = "<dl><dt>会場</dt><dd><a href='/h'><span>川霧市民</span></a>文化ホール</dd></dl>"
    assert "• 会場：川霧市民文化ホール" in stored(f"{PROSE}{dl}{PROSE}")


def test_dates_of_a_list_of_events_are_not_the_pages() -> None:
    events = (
        "<ul><li><time>2027年4月10日</time> 演奏会</li><li><time>2027年5月1日</time> 市</li></ul>"
    )
    html = f"<html><head><title>催し</title></head><body><article>{PROSE}{events}</article>"
    assert to_article(read_document(html.encode(), filename="p.html")).meta.date is None
