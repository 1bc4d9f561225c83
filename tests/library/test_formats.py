"""Documents to stored text: every format keeps exact offsets, and bad input gets one reason."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.core.article import Article
from bot.core.files import MAX_PIECE_BYTES, read_article_text
from bot.core.structure import CELL, headings, table_headers
from bot.engines.offline.engine import OfflineEngine
from bot.engines.offline.factors import find_factors
from bot.library.errors import PieceError, Reason
from bot.library.formats import MAX_DOCUMENT_BYTES, read_document, read_file, to_article
from bot.library.formats.detect import detect_format
from tests.conftest import piece_paths
from tests.library.documents import (
    DOCUMENTS,
    EN_PARAGRAPHS,
    GUIDE_ROWS,
    GUIDE_TEXT,
    JA_PARAGRAPHS,
    MARKDOWN,
    make_guide_pdf,
    make_pdf,
    make_scanned_pdf,
    numbered,
)


def article_of(data: bytes, **kw: str) -> Article:
    return to_article(read_document(data, **kw))


def assert_offsets_verify(article: Article) -> None:
    for p in article.paragraphs:
        assert article.text[p.start : p.end] == p.text
        for s in p.sentences:
            assert article.text[s.start : s.end] == s.text


@pytest.mark.parametrize("path", piece_paths(), ids=lambda p: p.stem)
def test_plain_text_is_stored_exactly_as_a_file_is_read_today(path: Path) -> None:
    document = read_document(path.read_bytes(), filename=path.name)
    assert document.format == "text"
    assert document.text == read_article_text(path)


def test_plain_text_drops_the_bom_and_normalises_line_endings() -> None:
    document = read_document("\ufeff第一段落。\r\n第二段落。\r三。".encode(), filename="a.txt")
    assert document.text == "第一段落。\n第二段落。\n三。"


AOZORA = (
    "天災と国防\n\n寺田寅彦\n\n"
    "「非常時」というなんとなく不気味なしかしはっきりした意味のわかりにくい言葉がはやりだした。\r\n"
)


@pytest.mark.parametrize("codec", ["shift_jis", "cp932", "euc_jp", "utf-16"])
def test_japanese_in_a_legacy_encoding_is_read_too(codec: str) -> None:
    # Aozora Bunko's texts are Shift_JIS; a file with a UTF-16 byte-order mark is text too.
    document = read_document(AOZORA.encode(codec), filename="tensai.txt")
    assert document.text == AOZORA.replace("\r\n", "\n")
    assert article_of(AOZORA.encode(codec), filename="tensai.txt").meta.title == "天災と国防"


def test_a_legacy_encoding_is_taken_only_for_text_that_reads_as_japanese() -> None:
    # Latin-1 bytes that happen to decode as Shift_JIS give kanji and no kana: refused.
    with pytest.raises(PieceError) as caught:
        read_document("Ãã¢ß fine".encode("latin-1"), filename="a.txt")
    assert caught.value.reason is Reason.UNDECODABLE
    assert "not valid UTF-8" in str(caught.value)


def test_markdown_is_stored_as_plain_prose_with_its_title_and_front_matter() -> None:
    article = article_of(MARKDOWN.encode(), filename="post.md")
    assert article.meta.title == "Why we moved our builds to spot instances"
    assert not article.meta.title_derived
    assert article.meta.author == "Maria Jensen"
    texts = [p.text for p in article.paragraphs]
    assert texts[0] == (
        "For three years our nightly builds ran on reserved machines. "
        "They sat idle for most of the day."
    )
    assert "What made it work" in texts
    assert "• Every build step writes its outputs to a shared cache." in texts
    assert "日本語の段落は改行をまたいでも一つの段落になる。" in texts
    assert "make runs the build, and the bill fell by 62 percent." in texts
    assert not any(mark in article.text for mark in ("**", "](", "# ", "- Every"))
    assert_offsets_verify(article)


def test_markdown_keeps_an_ordered_lists_numbers_and_bullets_its_other_lists() -> None:
    """A how-to's steps are counted by their numbers: they stay in the stored text (and in
    quotes), so `factors` reads them as a list; any other list's items open with a bullet,
    whatever marked them."""
    source = (
        "# Tea\n\nBrewing tea takes three steps.\n\n"
        "1. Boil fresh water.\n2. Warm the pot.\n3) Add the tea.\n\n"
        "- Any cup will do.\n\nEnjoy it.\n"
    )
    article = article_of(source.encode(), filename="tea.md")
    texts = [p.text for p in article.paragraphs]
    assert texts[1:5] == [
        "1. Boil fresh water.",
        "2. Warm the pot.",
        "3) Add the tea.",
        "• Any cup will do.",
    ]
    assert_offsets_verify(article)
    fl = find_factors(article)
    assert [f.title for f in fl.factors] == ["Boil fresh water", "Warm the pot", "Add the tea"]


@pytest.mark.parametrize(
    ("filename", "source"),
    [
        (
            "tea.md",
            "# お茶\n\nお茶が好まれる理由は次の3つだ。\n\n- 安くて誰でも買える。\n"
            "* 砂糖がなく健康的だ。\n+ 多くの人がおいしいと感じる。\n\n## 歴史\n\n"
            "お茶は昔、中国から来た。\n",
        ),
        (
            "tea.html",
            "<html><head><title>お茶</title></head><body><article><h1>お茶</h1>"
            "<p>お茶が好まれる理由は次の3つだ。</p><ul><li>安くて誰でも買える。</li>"
            "<li>砂糖がなく健康的だ。</li><li>多くの人がおいしいと感じる。</li></ul>"
            "<h2>歴史</h2><p>お茶は昔、中国から来た。お茶は今も多くの国で飲まれている。</p>"
            "</article></body></html>",
        ),
    ],
)
def test_a_bulleted_list_after_its_announcement_is_the_pieces_list(
    filename: str, source: str
) -> None:
    """Bullets are kept as a plain text's are, so `factors` finds the list they mark."""
    article = article_of(source.encode(), filename=filename)
    assert "• 砂糖がなく健康的だ。" in [p.text for p in article.paragraphs]
    titles = [f.title for f in find_factors(article).factors]
    assert titles == ["安くて誰でも買える", "砂糖がなく健康的", "多くの人がおいしいと感じる"]
    assert_offsets_verify(article)


def test_a_markdown_heading_right_after_a_list_is_a_heading() -> None:
    source = (
        "# Tea\n\nTea is popular for three reasons:\n\n- cheap\n- healthy\n- tasty\n"
        "## History\n\nTea came from China long ago. It spread along trade routes.\n\n"
        "## Today\n\nPeople drink it everywhere. It is sold in every shop.\n"
    )
    article = article_of(source.encode(), filename="tea.md")
    assert [article.paragraph(n).text for n in sorted(headings(article))] == ["History", "Today"]
    assert_offsets_verify(article)


def test_each_line_of_a_markdown_code_block_is_its_own_paragraph_and_no_heading() -> None:
    source = (
        "# 入れ方\n\nスクリプトで入れます。\n\n"
        "```sh\ncurl -fsSL https://get.example/install.sh | sh\nnotebox --version\n```\n\n"
        "バージョンが表示されれば完了です。\n\n"
        "    notebox sync\n\n"  # an indented code block
        "同期は一日一回で足ります。\n"
    )
    article = article_of(source.encode(), filename="notebox.md")
    texts = [p.text for p in article.paragraphs]
    assert texts == [
        "スクリプトで入れます。",
        "curl -fsSL https://get.example/install.sh | sh",  # not run into the next command
        "notebox --version",
        "バージョンが表示されれば完了です。",
        "notebox sync",
        "同期は一日一回で足ります。",
    ]
    assert headings(article) == frozenset()  # short lines of code before prose
    assert not table_headers(article)  # a shell's pipe is no table
    assert_offsets_verify(article)


def test_piped_commands_are_no_table_and_the_line_that_leads_to_code_no_heading() -> None:
    source = (
        "# ログ\n\nログは次のように見ます。\n\n"
        "```\ncat access.log | grep 404\nps aux | grep nginx\njournalctl -u nginx | tail\n```\n\n"
        "To export your notes, run:\n\n```\nnotebox export --all\n```\n\n"
        "書き出したファイルは圧縮されます。\n\n## 使い方\n\n```\nnotebox sync\n```\n\n"
        "同期は一日一回で足ります。\n"
    )
    article = article_of(source.encode(), filename="log.md")
    assert not table_headers(article)
    assert [article.paragraph(n).text for n in sorted(headings(article))] == ["使い方"]
    assert_offsets_verify(article)


def test_a_markdown_heading_with_a_label_and_a_figure_is_still_a_heading() -> None:
    source = (
        "# 調査\n\n## 方法：約2週間の調査\n\n窓口で用紙を配り、回答を集めた。\n\n"
        "## 結論：約8割が満足\n\n多くの人が品ぞろえを評価した。\n"
    )
    article = article_of(source.encode(), filename="survey.md")
    assert len(headings(article)) == 2


def test_markdown_tables_keep_their_columns_and_set_off_their_header_rows() -> None:
    source = (
        "# 料金\n\n施設の料金と開館時間です。\n\n"
        "| 区分 | 料金 |\n|---|---|\n| 大人 | 500円 |\n| 子ども | |\n| | |\n\n"
        "| 曜日 | 開館時間 |\n|---|---|\n| 平日 | 9時〜17時 |\n| 土日 | 10時〜16時 |\n"
    )
    article = article_of(source.encode(), filename="fees.md")
    rows = [p.text for p in article.paragraphs[1:]]
    # An empty cell is a dash under its column; a row of none is left out.
    assert rows == [
        "区分 | 料金",
        "大人 | 500円",
        "子ども | —",
        "曜日 | 開館時間",
        "平日 | 9時〜17時",
        "土日 | 10時〜16時",
    ]
    # Two tables back to back are two: each header row is set off.
    assert table_headers(article) == {3: 2, 4: 2, 6: 5, 7: 5}
    assert_offsets_verify(article)
    # A Markdown table's cells may end a sentence: its rows are marked, not guessed.
    table = "| 部屋 | 備考 |\n|---|---|\n| 会議室 | 当日受付可。 |\n"
    rooms = article_of(f"# 部屋\n\n貸し出す部屋です。\n\n{table}".encode(), filename="rooms.md")
    assert table_headers(rooms) == {3: 2}


def test_markdown_with_more_emphasis_marks_than_prose_has_keeps_them_as_text() -> None:
    # markdown-it keeps a token per mark: 2 MiB of `*a*a…` took 9 s and 780 MB to read.
    from bot.library.formats.markdown import MAX_EMPHASIS_MARKS, render_markdown

    flood = "*a" * (MAX_EMPHASIS_MARKS + 1)
    assert flood in render_markdown(f"# T\n\n{flood}\n")
    assert "a *very* bold claim" not in render_markdown("# T\n\na *very* bold claim\n")


def test_markdown_lines_under_the_title_are_its_header_as_in_plain_text() -> None:
    doc = "# 窓口のご案内\n\n担当：北町 総務部 広報課\n2025年6月2日\n\n窓口は2階に移ります。\n"
    article = article_of(doc.encode(), filename="notice.md")
    m = article.meta
    assert (m.title, m.author, m.date) == ("窓口のご案内", "北町 総務部 広報課", "2025年6月2日")
    assert [p.text for p in article.paragraphs] == ["窓口は2階に移ります。"]
    # Lines set apart by blank lines too (最終更新日 under the issuer's name).
    doc = "# よくある質問\n\n西区町内会\n\n最終更新日：2025年4月1日\n\n会費は年に千円です。\n"
    m = article_of(doc.encode(), filename="faq.md").meta
    assert (m.author, m.date) == ("西区町内会", "2025年4月1日")


@pytest.mark.parametrize(
    "doc",
    [
        # A short line that names no one: the body's first paragraph, not an author.
        "# 町の歴史\n\nはじめに\n\n町は川の合流点に開けた。\n",
        # Front matter that names the author already: the line under the title is the body's.
        "---\nauthor: 岡 和人\n---\n# 町の歴史\n\n西区町内会\n\n町は川の合流点に開けた。\n",
        # A list under the title.
        "# 持ち物\n\n- 水筒\n- 帽子\n\n忘れずに。\n",
    ],
)
def test_markdown_lines_that_make_no_header_stay_paragraphs(doc: str) -> None:
    article = article_of(doc.encode(), filename="x.md")
    assert article.meta.date is None
    assert article.meta.author in (None, "岡 和人")
    assert len(article.paragraphs) >= 2


def test_markdown_without_a_heading_derives_its_title_as_plain_text_does() -> None:
    article = article_of(b"A first paragraph, long enough.\n\nA second one.", filename="x.md")
    assert article.meta.title_derived
    assert [p.text for p in article.paragraphs][1] == "A second one."


@pytest.mark.parametrize(
    ("name", "title", "author", "date", "kept", "dropped"),
    [
        (
            "news-ja.html",
            "町の図書館が夜まで開く理由",
            "佐藤 花子",
            "2024-05-14",
            ("港町の市立図書館が", "館長の山本一郎さん", "延長から二か月で"),
            ("クッキー", "関連記事", "アクセスランキング", "読書好き", "会社概要", "Xでシェア"),
        ),
        (
            "blog-en.html",
            "Why we moved our nightly builds to spot instances",
            "Maria Jensen",
            "2023-11-02",
            ("For three years", "A small pool of on-demand", "If we started again"),
            ("Subscribe", "You might also like", "devops_dan", "Skip to content", "Privacy"),
        ),
    ],
)
def test_html_keeps_the_article_and_drops_the_boilerplate(
    name: str, title: str, author: str, date: str, kept: tuple[str, ...], dropped: tuple[str, ...]
) -> None:
    article = article_of((DOCUMENTS / name).read_bytes(), filename=name)
    assert (article.meta.title, article.meta.author, article.meta.date) == (title, author, date)
    body = "\n".join(p.text for p in article.paragraphs)
    assert all(k in body for k in kept)
    assert not [d for d in dropped if d in body]
    assert_offsets_verify(article)


def test_a_page_is_dated_only_by_a_date_it_gives_as_its_own(
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = (
        "<article><h1>Town History</h1>"
        "<p>The town was founded in 1850 by farmers from the north.</p>"
        "<p>By 1901 it had a railway station. Trade grew quickly after 1910.</p>"
        "<p>In 1987 the town had five shops. In 1995 two of them closed.</p>"
        "<p>The census of 2001 counted 1,200 people. The census of 2011 counted 900.</p>"
        "</article>"
    )
    undated = f"<html><head><title>Town History</title></head><body>{body}</body></html>"
    article = to_article(read_document(undated.encode(), filename="town.html"))
    assert article.meta.title == "Town History"
    assert article.meta.date is None  # the years it mentions are no date of its own
    published = '<meta property="article:published_time" content="2024-05-01T10:00:00Z">'
    dated = undated.replace("</head>", published + "</head>")
    assert to_article(read_document(dated.encode(), filename="town.html")).meta.date == "2024-05-01"
    # Nor does a page trafilatura cannot read make it log anything: the reason is ours to give.
    with caplog.at_level(logging.INFO), pytest.raises(PieceError):
        read_document(b"<html><body><p></p></body></html>", filename="empty.html")
    assert not [r for r in caplog.records if r.name.startswith("trafilatura")]


@pytest.mark.parametrize(
    ("paragraphs", "japanese"), [(JA_PARAGRAPHS, True), (EN_PARAGRAPHS, False)], ids=["ja", "en"]
)
def test_pdf_paragraphs_come_back_whole_across_pages(
    paragraphs: tuple[str, ...], japanese: bool
) -> None:
    data = make_pdf(paragraphs, title="Test piece", japanese=japanese, repeat=12)
    article = article_of(data, filename="piece.pdf")
    assert article.meta.title == "Test piece"
    texts = [p.text for p in article.paragraphs]
    assert texts[0] == "Test piece"  # the heading, its own paragraph
    assert texts[1:] == numbered(paragraphs, 12)  # page numbers gone, page breaks rejoined
    assert_offsets_verify(article)


@pytest.mark.parametrize("font", ["HeiseiKakuGo-W5", "HeiseiMin-W3"])
def test_a_pdf_in_a_font_it_does_not_embed_keeps_all_its_text_and_its_table_rows(
    font: str,
) -> None:
    # The glyphs of a CID font the PDF does not embed have boxes of no height. PDFium's text
    # rectangles leave them out: the whole table and most of the text were lost before.
    article = article_of(make_guide_pdf(font), filename="guide.pdf")
    texts = [p.text for p in article.paragraphs]
    # The title and its byline, in another size and close under it, are two paragraphs.
    assert texts[:3] == [
        "鷺野町 ごみの出し方ガイド（2026年度版）",
        "発行：鷺野町役場 生活環境課 2026年4月",
        GUIDE_TEXT,
    ]
    # Each row one paragraph, its cells left to right, a wrapped cell's lines joined.
    assert texts[3:] == [
        CELL.join(cell.replace("\n", "") for cell in row) for row in GUIDE_ROWS
    ]
    assert_offsets_verify(article)
    engine = OfflineEngine(article)
    answer = asyncio.run(engine.ask("西地区の燃やすごみは何曜日？"))
    assert "毎週火曜・金曜" in answer.text


def test_answers_on_every_format_cite_verified_quotes() -> None:
    documents = {
        "piece.pdf": make_pdf(JA_PARAGRAPHS, title="図書館", japanese=True),
        "post.md": MARKDOWN.encode(),
        "news-ja.html": (DOCUMENTS / "news-ja.html").read_bytes(),
        "piece.txt": "\n".join(JA_PARAGRAPHS).encode(),
    }
    for name, data in documents.items():
        engine = OfflineEngine(article_of(data, filename=name))
        question = "夜間の人員" if name != "post.md" else "shared cache"
        for answer in (asyncio.run(engine.ask(question)), asyncio.run(engine.summary())):
            assert answer.citations, name
            for c in answer.citations:
                assert engine.article.text[c.start : c.end] == c.quote, name


@pytest.mark.parametrize(
    ("data", "filename", "content_type", "reason"),
    [
        (b"", "a.txt", None, Reason.EMPTY),
        (b"  \n\n ", "a.md", None, Reason.EMPTY),
        (b"\x89PNG\r\n\x1a\n....", "a.png", None, Reason.UNSUPPORTED),
        (b"PK\x03\x04....", "a.docx", None, Reason.UNSUPPORTED),
        (b"plain words", "a.docx", None, Reason.UNSUPPORTED),
        ("Café au lait".encode("cp1252"), "a.txt", None, Reason.UNDECODABLE),  # not UTF-8
        (b"text\x00with nul", "a.txt", None, Reason.UNDECODABLE),
        (b"not a pdf at all", "a.pdf", None, Reason.UNDECODABLE),
        (b"not a pdf either", None, "application/pdf", Reason.UNDECODABLE),
        (b"%PDF-1.4\ngarbage that is no PDF", "a.pdf", None, Reason.UNDECODABLE),
        (b"<html><body><script>var x = 1;</script></body></html>", "a.html", None, Reason.EMPTY),
    ],
)
def test_bad_documents_get_one_reason(
    data: bytes, filename: str | None, content_type: str | None, reason: Reason
) -> None:
    with pytest.raises(PieceError) as caught:
        read_document(data, filename=filename, content_type=content_type)
    assert caught.value.reason is reason
    assert str(caught.value)


def test_a_scanned_pdf_is_refused_as_having_no_text_layer() -> None:
    with pytest.raises(PieceError) as caught:
        read_document(make_scanned_pdf(), filename="scan.pdf")
    assert caught.value.reason is Reason.SCANNED
    assert "no text layer" in str(caught.value)


def test_oversized_documents_name_the_limit() -> None:
    with pytest.raises(PieceError) as caught:
        read_document(b"a" * (MAX_PIECE_BYTES + 1), filename="big.txt")
    assert caught.value.reason is Reason.TOO_LARGE
    assert caught.value.limit == MAX_PIECE_BYTES
    assert f"{MAX_PIECE_BYTES:,}" in str(caught.value)
    # HTML may be larger than its text; its text is held to the same limit.
    page = b"<html><body><article>" + b"<p>word " * (MAX_PIECE_BYTES // 8) + b"</article>"
    with pytest.raises(PieceError) as caught:
        read_document(page + b"x" * MAX_DOCUMENT_BYTES, filename="big.html")
    assert caught.value.limit == MAX_DOCUMENT_BYTES


def test_read_file_checks_the_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as f:
        f.truncate(MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(PieceError) as caught:
        read_file(big)
    assert caught.value.reason is Reason.TOO_LARGE
    with pytest.raises(PieceError) as caught:
        read_file(tmp_path / "missing.txt")
    assert "no such file" in str(caught.value)


@pytest.mark.parametrize(
    ("where", "kind"), [("/dev/zero", "a character device"), (".", "a directory")]
)
def test_read_file_reads_only_regular_files(tmp_path: Path, where: str, kind: str) -> None:
    # Said as it is, without reading: a device would never end, a directory is no document.
    path = tmp_path if where == "." else Path(where)
    with pytest.raises(PieceError) as caught:
        read_file(path)
    assert caught.value.reason is Reason.NOT_FOUND
    assert f"is {kind}, not a regular file" in str(caught.value)


@pytest.mark.parametrize(
    ("data", "filename", "content_type", "expected"),
    [
        (b"%PDF-1.7 ...", None, None, "pdf"),
        (b"%PDF-1.7 ...", "x.txt", "text/plain", "pdf"),  # magic bytes win
        (b"# Title", "notes.MD", None, "markdown"),
        (b"# Title", None, "text/markdown; charset=utf-8", "markdown"),
        (b"# Title", "notes.md", "text/plain", "markdown"),  # Discord sends .md as text/plain
        (b"\xef\xbb\xbf  <!DOCTYPE html><html>", None, None, "html"),
        (b"<p>hi</p>", None, "text/html; charset=utf-8", "html"),
        (b"just words", None, None, "text"),
    ],
)
def test_format_detection(
    data: bytes, filename: str | None, content_type: str | None, expected: str
) -> None:
    assert detect_format(data, filename=filename, content_type=content_type) == expected
