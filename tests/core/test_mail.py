"""An email thread: quoted copies, headers and signatures."""

from __future__ import annotations

from bot.core.article import Article, parse_article
from bot.core.mail import FORMULA, furniture, is_salutation, quoted_copies
from bot.core.retrieval import LexicalRetriever
from bot.core.structure import headings

THREAD = """打ち合わせの件

中村 由香
2026年11月10日

件名：打ち合わせの日程
差出人：中村 由香
日時：2026年11月4日

小野寺様

いつもお世話になっております。
打ち合わせは11月12日（木）14時に工場でお願いできますでしょうか。

--
中村 由香
電話：03-5555-0142

件名：Re: 打ち合わせの日程
差出人：小野寺 健太

中村様

打ち合わせの日を11月13日（金）10時に変更させてください。

> 小野寺様
>
> 打ち合わせは11月12日（木）14時に工場でお願いできますでしょうか。

> 見積書は先週の会議で配った資料に添付しました。
"""


def thread() -> Article:
    return parse_article(THREAD)


def number_of(article: Article, start: str) -> int:
    return next(p.number for p in article.paragraphs if p.text.lstrip().startswith(start))


def test_a_quoted_message_the_piece_writes_anyway_is_a_copy() -> None:
    article = thread()
    copy = number_of(article, "> 小野寺様")
    # Quoted words the thread holds nowhere else are no copy: the only place they are said.
    alone = number_of(article, "> 見積書")
    assert quoted_copies(article) == frozenset({copy}) and alone not in quoted_copies(article)


def test_a_copy_is_never_found_the_original_and_the_later_change_are() -> None:
    article = thread()
    found = [h.passage for h in LexicalRetriever(article).search("打ち合わせは何日の何時？", k=10)]
    assert number_of(article, "> 小野寺様") not in found
    assert number_of(article, "いつもお世話に") in found
    assert number_of(article, "打ち合わせの日を") in found


def test_headers_and_signatures_are_furniture_and_a_salutation_heads_nothing() -> None:
    article = thread()
    assert furniture(article) == {
        number_of(article, "件名：打ち合わせの日程"),
        number_of(article, "--"),
        number_of(article, "件名：Re:"),
    }
    assert number_of(article, "小野寺様") not in headings(article)
    assert number_of(article, "中村様") not in headings(article)


def test_a_greeting_formula_is_recognised_whole_only() -> None:
    assert FORMULA.fullmatch("いつもお世話になっております。")
    assert FORMULA.fullmatch("引き続きよろしくお願いいたします。")
    assert not FORMULA.fullmatch("お世話になっている工場の見学は13日です。")


def test_only_a_salutation_is_one_not_a_heading_or_a_word_that_ends_like_one() -> None:
    salutations = ("小野寺様", "中村様、", "保護者各位", "山田先生へ", "Dear friends,", "Hi Tom,")
    for text in (*salutations, "拝啓"):
        assert is_salutation(text), text
    lines = ("仕様", "模様", "宮殿", "佐藤さん", "お母さん", "Hey Jude")
    for text in (*lines, "Hello darkness, my old friend"):
        assert not is_salutation(text), text
    # A heading naming a person stays a heading.
    staff = parse_article(
        "スタッフ紹介\n\n佐藤さん\n趣味は料理です。\n鈴木さん\n趣味は釣りです。\n"
    )
    assert {1, 3} <= headings(staff)


def test_lines_like_a_header_without_a_sender_or_subject_are_no_header() -> None:
    trip = parse_article(
        "旅程\n\n1日目は新幹線で移動する。\nFrom: Tokyo Station 9:00\nTo: Shin-Osaka 11:30\n"
        "2日目は京都を歩く。\n"
    )
    assert furniture(trip) == frozenset()


def test_a_sentence_quoted_from_a_line_or_rewrapped_is_a_copy() -> None:
    english = parse_article(
        "Meeting\n\nThe meeting is on Tuesday at 3pm in room 204. Please bring the report.\n\n"
        "Thanks, I will come.\n\n> The meeting is on Tuesday at 3pm in room 204.\n"
    )
    assert quoted_copies(english) == {3}
    japanese = parse_article(
        "会議\n\n会議は火曜日の午後3時から204号室で行います。\n\n承知しました。\n\n"
        "> 会議は火曜日の午後3時から\n> 204号室で行います。\n"
    )
    assert quoted_copies(japanese) == {3}
    assert is_salutation("保護者の皆様へ") and is_salutation("お客様")
