"""Real documents for the library's tests: PDFs made with reportlab, the HTML pages in
tests/data/documents, and a Markdown file."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "documents"

JA_PARAGRAPHS = (
    "港町の市立図書館が、この春から平日の閉館時刻を午後九時まで延ばした。仕事帰りの会社員や"
    "部活動を終えた高校生が、閉館間際まで閲覧席を埋めている。延長のきっかけは、昨年実施した"
    "利用者アンケートだった。",
    "課題は夜間の人員だった。図書館は地元の大学と協定を結び、司書課程の学生を有償の"
    "アシスタントとして受け入れた。学生にとっては実習の機会にもなっている。",
    "延長から二か月で、夜間の来館者は一日平均百二十人に達した。市は秋に効果を検証し、"
    "土曜日の延長も検討する。",
)
EN_PARAGRAPHS = (
    "For three years our nightly builds ran on a fleet of reserved machines that sat idle "
    "for most of the day. When the finance team asked why the bill kept growing, we had no "
    "good answer.",
    "Spot instances are spare capacity sold at a steep discount, with one catch: the "
    "provider can take the machine back with two minutes' notice.",
    "After the switch, our monthly bill fell by 62 percent, and the median build got "
    "slightly slower.",
)


def make_pdf(paragraphs: Sequence[str], *, title: str, japanese: bool, repeat: int = 1) -> bytes:
    """A PDF with a text layer: a heading, then the paragraphs (`repeat` times, numbered after
    the first round so that no two are alike), and page numbers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    font = "Times-Roman"
    if japanese:
        pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
        font = "HeiseiMin-W3"
    body = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=10.5,
        leading=16,
        spaceAfter=8,
        wordWrap="CJK" if japanese else None,
    )
    heading = ParagraphStyle("heading", parent=body, fontSize=16, leading=22, spaceAfter=12)

    def page_number(canvas: object, doc: object) -> None:
        canvas.setFont("Helvetica", 9)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 20, f"- {doc.page} -")  # type: ignore[attr-defined]

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=title, author="Test Author")
    story = [Paragraph(title, heading)]
    story += [Paragraph(p, body) for p in numbered(paragraphs, repeat)]
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return out.getvalue()


GUIDE_ROWS = (
    ("地区", "燃やすごみ", "資源ごみ\n・びん", "古紙"),
    ("東地区（本町・栄町）", "毎週月曜\n・木曜", "毎週水曜", "第2火曜"),
    ("西地区（川端・新田・柳町・港町）", "毎週火曜\n・金曜", "毎週木曜", "第1水曜"),
    ("北地区", "毎週水曜", "毎週金曜", "第4木曜"),
)


def make_guide_pdf(font: str = "HeiseiKakuGo-W5") -> bytes:
    """A Japanese guide as town halls print it: a title over its byline in a smaller size, a
    paragraph with figures, then a table whose cells wrap (a row's lines at different heights)
    or stand on one line, in a CID font the PDF does not embed (its glyphs' boxes have no
    height)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont(font))
    title = ParagraphStyle("title", fontName=font, fontSize=17, leading=24, spaceAfter=4)
    byline = ParagraphStyle("byline", fontName=font, fontSize=9.5, leading=14, spaceAfter=10)
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=15.5, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=11.5, wordWrap="CJK")
    table = Table(
        [[Paragraph(c.replace("\n", "<br/>"), cell) for c in row] for row in GUIDE_ROWS],
        colWidths=[44 * mm, 22 * mm, 26 * mm, 22 * mm],
    )
    table.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        )
    )
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title="ごみの出し方", author="生活環境課")
    story = [
        Paragraph("鷺野町 ごみの出し方ガイド（2026年度版）", title),
        Paragraph("発行：鷺野町役場 生活環境課 2026年4月", byline),
        Paragraph(GUIDE_TEXT, body),
        table,
    ]
    doc.build(story)
    return out.getvalue()


GUIDE_TEXT = (
    "ごみは収集日の朝8時30分までに、決められた集積所に出してください。燃やすごみ用の"
    "指定袋は大が10枚入り400円、小が10枚入り200円です。"
)


def numbered(paragraphs: Sequence[str], repeat: int) -> list[str]:
    """The paragraphs `repeat` times; from the second round on, each ends with its round."""
    return [p + (f" ({i})" if i else "") for i in range(repeat) for p in paragraphs]


def make_scanned_pdf() -> bytes:
    """A PDF whose only page is a picture: no text layer at all."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(picture, format="PNG")
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawImage(ImageReader(io.BytesIO(picture.getvalue())), 50, 500, 200, 100)
    page.showPage()
    page.save()
    return out.getvalue()


MARKDOWN = """---
author: Maria Jensen
date: 2023-11-02
---
# Why we moved our builds to **spot** instances

For three years our nightly builds ran on *reserved* machines.
They sat idle for most of the day.

## What made it work

- Every build step writes its outputs to a [shared cache](https://example.com/cache).
- A small pool of on-demand machines takes over interrupted jobs.

日本語の段落は
改行をまたいでも一つの段落になる。

`make` runs the build, and the bill fell by 62 percent.
"""
