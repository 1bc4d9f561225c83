"""The lines under a title: which is the author, the source, the date, and when they are a
header at all."""

from __future__ import annotations

import pytest

from bot.core.byline import OUTLET, byline, header_lines, is_header, names_an_issuer


@pytest.mark.parametrize(
    ("lines", "author", "source"),
    [
        # A newsletter with its issue is where the piece appeared, first or second.
        (["北浜自治会会報 第12号", "執筆・村田 一郎"], "村田 一郎", "北浜自治会会報 第12号"),
        (["執筆・村田 一郎", "北浜自治会会報 第12号"], "村田 一郎", "北浜自治会会報 第12号"),
        (["山の手通信 vol.3", "文：佐伯 遥"], "佐伯 遥", "山の手通信 vol.3"),
        (["園だより 第5号", "園長　木村 智子"], "園長　木村 智子", "園だより 第5号"),
        (["Harbor Bulletin No. 7", "Tom Reyes"], "Tom Reyes", "Harbor Bulletin No. 7"),
        # The label before the name is not the name.
        (["By Tom Reyes"], "Tom Reyes", None),
        (["Written by Ana Silva"], "Ana Silva", None),
        (["著者：岡 和人"], "岡 和人", None),
        (["文・岡 和人（料理研究家）"], "岡 和人（料理研究家）", None),
        (["投稿者：みなと町観光課"], "みなと町観光課", None),
        # A labelled name wins the author's place wherever it stands.
        (["港日報", "文・岡 和人"], "岡 和人", "港日報"),
    ],
)
def test_author_and_source(lines: list[str], author: str | None, source: str | None) -> None:
    meta = byline(lines)
    assert (meta.get("author"), meta.get("source")) == (author, source)


@pytest.mark.parametrize(
    "name",
    # Near misses: names that merely start like a label, or a label with no name after it.
    ["文化庁", "Byron Blake", "作田 実", "By", "By the Numbers", "By Design"],
)
def test_a_name_that_only_looks_labelled_is_kept_whole(name: str) -> None:
    assert byline([name]) == {"author": name}


@pytest.mark.parametrize("line", ["台風第5号", "第3号議案", "通信障害の記録を読んで"])
def test_an_issue_number_alone_names_no_outlet(line: str) -> None:
    assert OUTLET.search(line) is None


def test_a_regulations_enactment_lines_are_neither_author_nor_source() -> None:
    lines = ["令和2年3月1日　町規則第4号", "改正　令和5年6月1日　町規則第9号"]
    assert byline(lines) == {"date": "令和2年3月1日"}
    # A date line of its own is the piece's date still.
    assert byline(["2024年4月1日", *lines]) == {"date": "2024年4月1日"}
    # Near misses: a name with 改正 inside, an ordinary phrase with 規則.
    assert byline(["改正案を考える会", "規則正しい暮らし研究所"]) == {
        "author": "改正案を考える会",
        "source": "規則正しい暮らし研究所",
    }


@pytest.mark.parametrize(
    "line",
    [
        "株式会社はるかぜ",
        "北町 総務部 広報課",
        "店主　森 花子",
        "西区町内会",
        "文・森 花子",
        "Riverside Tenants Association",
        "By Ana de la Cruz",
        "北町 総務部",
        "総務課 庶務係",
        "港湾整備委員会",
    ],
)
def test_a_line_naming_an_issuer_makes_a_header_alone(line: str) -> None:
    assert names_an_issuer(line) and is_header([line])


@pytest.mark.parametrize(
    "line",
    # Section headings: a lone one under the title is no header.
    [
        "はじめに",
        "第2章　町の歴史",
        "1. 背景",
        "新しい図書館",
        "概要",
        "Early years",
        "三、歩み",
        # Near misses of an issuer: a shop's kind opening a phrase (喫茶…, カフェ…), a unit's
        # suffix ending a common word (関係, 教室, 内部) or following a numbered part (第1款,
        # 第3回), "By" before no name, an outlet's word that is not its name's end (Daily
        # Life), words joined by の or by a small word.
        "カフェの誕生",
        "喫茶店の思い出",
        "職場の人間関係",
        "人間関係",
        "料理教室",
        "組織の内部",
        "日課",
        "第1款　運営委員会",
        "第二〇編　委員会",
        "第3回運営委員会",
        "By the Numbers",
        "By The Book",
        "By Design",
        "Daily Life",
        "Weekly Planning",
        "母の手紙",
        "今日のニュース",
        "Art and Society",
        "Life at the Office",
    ],
)
def test_a_section_heading_is_no_issuer(line: str) -> None:
    assert not names_an_issuer(line) and not is_header([line])


@pytest.mark.parametrize(
    ("lines", "author", "source"),
    [
        # A credit for the pictures is neither the author nor the source, wherever it stands.
        (["文・山田 太郎", "写真・鈴木 花子"], "山田 太郎", None),
        (["撮影：鈴木 花子", "文・山田 太郎"], "山田 太郎", None),
        (["山田 太郎", "イラスト・鈴木 花子"], "山田 太郎", None),
        (["By Ann Lee", "Photos by Tom Reyes"], "Ann Lee", None),
        (["Photo: Tom Reyes", "By Ann Lee", "Harbor Times"], "Ann Lee", "Harbor Times"),
        # Beside a labelled author, only an outlet is the source; another name is not.
        (["文・山田 太郎", "鈴木 花子"], "山田 太郎", None),
        (["文・山田 太郎", "港日報"], "山田 太郎", "港日報"),
        # Near misses: a name that starts like a credit's word is an author still.
        (["絵美子", "港日報"], "絵美子", "港日報"),
        (["Photon Labs Weekly Review", "Ann Lee"], "Ann Lee", "Photon Labs Weekly Review"),
    ],
)
def test_a_picture_credit_is_neither_author_nor_source(
    lines: list[str], author: str | None, source: str | None
) -> None:
    meta = byline(lines)
    assert (meta.get("author"), meta.get("source")) == (author, source)
    assert header_lines([*lines, "本文です。"]) == len(lines)  # still a header line


def test_header_lines_stop_at_prose_and_at_three() -> None:
    assert header_lines(["山田 太郎", "港日報", "本文の一文目です。"]) == 2
    assert header_lines(["a", "b", "c", "d"]) == 3
    assert header_lines(["a", "b", "公開日：2024-01-02", "更新日：2024-02-03"]) == 4
    assert header_lines(["- 一つ目の項目", "山田 太郎"]) == 0


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # Minutes' fields: 日時 gives the date, 記録／書記／文責 the author, 場所 neither.
        (
            ["日時：2024年11月2日（土）14:00〜15:30", "場所：北公民館 和室", "記録：中野 ゆい"],
            {"date": "2024年11月2日（土）14:00", "author": "中野 ゆい"},
        ),
        (
            ["開催日時：2023年5月9日", "会場：第2会議室", "書記：岡 健"],
            {"date": "2023年5月9日", "author": "岡 健"},
        ),
        (["日時：未定", "会場：市民ホール"], {}),
        (["場所：南町集会所", "文責：北野 蓮"], {"author": "北野 蓮"}),
        # Near misses: no colon after the word, or a word that only starts like a field's.
        (["記録・統計", "港日報"], {"author": "記録・統計", "source": "港日報"}),
        (["日時計の話", "港日報"], {"author": "日時計の話", "source": "港日報"}),
    ],
)
def test_a_records_fields_are_read_by_their_labels(
    lines: list[str], expected: dict[str, str]
) -> None:
    assert byline(lines) == expected


def test_an_addressee_or_a_documents_kind_names_no_field() -> None:
    assert byline(["報道関係者各位", "プレスリリース", "2024年9月3日", "株式会社あおば"]) == {
        "date": "2024年9月3日",
        "author": "株式会社あおば",
    }
    assert byline(["Press Release", "Harbor Times"]) == {"source": "Harbor Times"}
    # Near miss: a name that only ends like an addressee's word stays the author.
    assert byline(["各位 正人", "港日報"]) == {"author": "各位 正人", "source": "港日報"}


@pytest.mark.parametrize(
    "line",
    ["The Office", "Modern Society", "春の 料理教室", "Book Review", "Fight Club", "Peer Review",
     "最新ニュース", "The Coastal Review", "City Council"],
)
def test_a_heading_that_ends_like_an_outlet_or_a_body_is_no_issuer(line: str) -> None:
    assert not names_an_issuer(line) and not is_header([line])


@pytest.mark.parametrize(
    "line",
    ["Riverside Tenants Association", "Harbor City Weekly Review", "The New York Times",
     "Acme Widgets Inc.", "北川町日報", "郷土史研究会", "さくら町 福祉課"],
)
def test_a_name_before_a_common_last_word_still_names_the_issuer(line: str) -> None:
    assert names_an_issuer(line) and is_header([line])


@pytest.mark.parametrize(
    "line",
    ["By Jane Doe on March 3, 2024", "By Jane Doe · March 3, 2024", "By Jane Doe, March 3, 2024"],
)
def test_a_byline_with_its_date_gives_both(line: str) -> None:
    assert is_header([line])
    assert byline([line]) == {"date": "March 3, 2024", "author": "Jane Doe"}


@pytest.mark.parametrize(
    "line", ["By Jane Doe on the Beach", "Jane Doe on March 3, 2024", "By the Sea · March 3"]
)
def test_a_line_that_only_looks_like_a_dated_byline_is_split_not(line: str) -> None:
    assert "date" not in byline([line])
