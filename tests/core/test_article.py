"""Loading pieces: shapes, ¶ ids, offsets, windows, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.article import WINDOW_CHARS, Article, ArticleError, load_article, parse_article

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


def test_a_title_line_alone_then_paragraphs() -> None:
    # An encyclopedia article's shape: title, blank line, paragraphs; no author or date.
    a = parse_article("梅雨\n\n梅雨は雨の多い期間のこと。\n概要\n入梅は田植えの目安である。\n")
    assert a.meta.title == "梅雨" and not a.meta.title_derived and a.meta.author is None
    assert [p.text for p in a.paragraphs] == [
        "梅雨は雨の多い期間のこと。",
        "概要",
        "入梅は田植えの目安である。",
    ]
