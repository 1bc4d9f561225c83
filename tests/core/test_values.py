"""Values a piece gives without naming them (`bot.core.values`)."""

from __future__ import annotations

import time

import pytest

from bot.core.values import as_read, asked_value, given_of, owner, value_given


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("（0570-012-345、平日）", True),
        ("call +44 20 7946 0958", True),
        ("(555) 123-4567", True),
        ("05-12-2024 10:30", False),
        ("2024-05-12 10:30", False),
        ("2019 2020 2021", False),
        ("978-4-12-345678-9", False),
        ("工事番号 02-114-5521", False),
        ("電話：0799-31-2084", True),  # no date: 99-31-2084 is inside it
        ("or call 01632 960 418.", True),  # spaced, dialled from 0
        ("ISBN978-4-12-345678-9", False),
        ("フリーダイヤル 0120-978-123", True),  # 978 inside a number is no ISBN
        ("call 978-555-1234", True),  # nor an area code of ten digits
        ("TEL 03-1234-5678 03-1234-5679", True),  # two numbers in a row
        ("+81 90-1234-5678 (10:00-18:00)", True),  # and the hours after one
    ],
)
def test_what_reads_as_a_phone_number(text: str, phone: bool) -> None:
    assert value_given("電話番号", text.casefold()) is phone


def test_a_long_run_without_an_address_is_read_in_linear_time() -> None:
    # Each start inside the run used to scan to its end: 60,000 letters took seconds.
    started = time.perf_counter()
    assert not value_given("email", "a" * 60_000 + "@")
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("お客様相談室の電話番号を教えて", "phone"),
        ("What's the hotel's phone number?", "phone"),
        ("担当者のメールアドレスは？", "email"),
        ("What is the email address for bookings?", "email"),
        ("予約サイトのURLを教えてください", "web"),
        ("北部支所の住所はどこですか", "address"),
        ("本社の所在地を教えてください", "address"),
        ("What is the address of the Tsubaki Station branch?", "address"),
        ("住所が変わったらどうすればいい？", None),
        ("めぐり坂小劇場の最寄り駅はどこですか", "station"),
        ("What is the nearest station to the hotel?", "station"),
        ("最寄り駅から歩いて何分ですか", None),
        ("What if I change my address?", None),
        ("電話で予約できますか", None),
        ("Can I email you my booking?", None),
        ("Which hotel is it?", None),  # the tel of hotel is no telephone
        ("電話番号は何番ですか", "phone"),
        ("Tell me the shop's phone number", "phone"),
        ("the shop's phone number?", "phone"),
        # A question about the value, not for it: the piece need give none to answer it.
        ("会員登録に電話番号は必要ですか", None),
        ("登録した電話番号を変更する方法は？", None),
        ("メールアドレスは必須ですか", None),
        ("Do I need a phone number to sign up?", None),
        ("How do I change my phone number?", None),
        ("Is an email address required?", None),
        ("What do I do if I forget my email address?", None),
    ],
)
def test_the_kind_of_value_a_question_asks_for_by_name(question: str, kind: str | None) -> None:
    given = {
        "phone": "tel 03-1234-5678",
        "email": "info@example.jp",
        "web": "https://example.jp",
        "address": "本社：港北3丁目2番5号",
        "station": "若葉町駅から歩いて5分",
    }
    gives = asked_value(question)
    if kind is None:
        assert gives is None
    else:
        assert gives is not None and gives(given[kind])
        # (An email address's domain reads as a web address: example.jp.)
        others = [text for k, text in given.items() if k not in (kind, "email")]
        assert not any(gives(text) for text in others)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("シャトルバスは駅を何時に出ますか", True),
        ("売店は何時まで開いてる？", True),
        ("うんどうかいのかいもんはなんじ？", True),
        ("What time does the café close?", True),
        # A duration, an era: no time of day.
        ("何時間かかりますか", False),
        ("何時代の建物ですか", False),
        ("駅から会場までなんじかんかかりますか", False),
        ("なんじゅうにん来ましたか", False),
        # A season or a limit, not a time of day.
        ("What time of year does the season start?", False),
        ("What time limit is there on the swim test?", False),
        ("At what time of day do the boats go out?", True),
        # 何時も, 何時でも: いつも, いつでも (always, any time).
        ("ウェブサイトの予約は何時でもできますか", False),
        ("何時も同じ料金ですか", False),
    ],
)
def test_a_time_of_day_is_asked_by_what_time(question: str, asks: bool) -> None:
    assert (asked_value(question) is not None) is asks


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("受付は8:30〜16:30です。", True),
        ("開演は午後2時です。", True),
        ("the café closes at 6 p.m.", True),
        ("正午に出発します。", True),
        ("空港行きは毎時15分と45分に発車します。", True),
        ("The boat leaves at 9 o’clock.", True),
        ("The shop opens at 09.00 and closes at 17.30.", True),
        ("Open daily 9.00–17.30.", True),
        ("A guided tour costs 12.50 per person.", False),
        # 何時 also reads いつ: a year or an era answers it too.
        ("演奏は1960年代から盛んになった。", True),
        # A count per day or a duration is no time.
        ("シャトルバスが1日6往復しています。所要時間は約25分です。", False),
        ("深夜バスの運賃は2倍です。", False),
    ],
)
def test_what_gives_a_time(text: str, gives: bool) -> None:
    test = asked_value("何時に出ますか")
    assert test is not None and test(text) is gives


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("場所：霧笛崎市 港北3丁目2番5号 当社本社 7階", True),
        ("清掃工場（北町3-1）へお持ちください。", True),
        ("〒123-4567 東京都千代田区", True),
        ("Quellmouth Dive Centre, 14 Harbour Row, Quellmouth", True),
        ("Cattermole & Frisk, London SW1A 1AA", True),
        # Dashes an IME writes (−, ‐), which NFKC keeps, and block numbers in kanji.
        ("〒222−0033 横浜市港北区新横浜2−3−1", True),
        ("本社：港北区新横浜2‐3‐1", True),
        ("所在地：中央区銀座四丁目", True),
        # A shop's phone number after a town's name, a floor, a date: no address.
        ("小槌町店：0468-72-3150", False),
        ("市役所2階の窓口へお越しください。", False),
        ("受付は2027年4月1日からです。", False),
        ("Meet at the harbour at 7:30.", False),
        # A town's name opens no address in a sentence's words, nor a rank, a building or a share
        # after a word that opens with 村, 市, 県, 町; nor a drive in minutes, nor a floor.
        ("村上選手は3番を打ちます。", False),
        ("市場で3番目に人気の品です。", False),
        ("町内会の会議は5号館で開きます。", False),
        ("市民の2-3割が賛成しました。", False),
        ("The farm is a 30 minute drive from the airport.", False),
        ("Lot B2 3rd floor, by the lift", False),
    ],
)
def test_what_gives_an_address(text: str, gives: bool) -> None:
    test = asked_value("本店の住所は？")
    assert test is not None and test(as_read(text)) is gives


@pytest.mark.parametrize(
    ("question", "text", "gives"),
    [
        ("館長の名前は？", "館長は毎月、講座を開いています。", False),
        ("館長の名前は？", "館長の田中一郎が講座を開きます。", True),
        # The question's own names are no answer; a quoted name or one in katakana is.
        ("岸本さんの下の名前は？", "採用担当の岸本までご連絡ください。", False),
        # 下の名前 is a given name, no kind of 下 (以下); 佐々木 is one name, not a kind of 木.
        ("岸本さんの下の名前は？", "採用担当の岸本まで、以下の書類をお送りください。", False),
        ("佐々木さんの名前は？", "佐々木さんは並木道の先の事務所にいます。", False),
        ("予約アプリの名前は？", "予約は「のりあいナビ」からどうぞ。", True),
        ("カエルの名前は何？", "マウンテン・チキンと呼ばれるカエル", True),
        # A word naming one of the kind asked about: 海洋性気団 for 気団の名前.
        ("海洋を本拠地とする気団の名前は", "海洋性気団は湿っている。", True),
        # A word in Latin letters names something (COMILOG); a unit or a label does not.
        ("鉱山会社の名前は？", "鉱山はCOMILOGが運営している。", True),
        ("館長の名前は？", "館長への連絡はTEL 03-1234-5678、受付は9:00 amから。", False),
        ("館長の名前は？", "館長は10kgの荷物を運んだ。", False),
        # A person asked for is named by a person's name, not a station's or a place's.
        ("小夜鳴神社の宮司さんのお名前は？", "電車：鶉台線「小夜鳴台駅」から徒歩7分", False),
        ("宮司の名前は？", "本殿では宮司の山田がご祈祷をいたします。", True),
        ("女性建築家の名前は？", "最初の女性建築家スネルマン（Brita Snellman）の場合", True),
        ("党員市長となった人物の名前は", "初の党員市長（高砂政郎）が誕生した。", True),
        # Where the text writes the kind asked, a name far from it names something else.
        (
            "料理長の名前を教えて",
            "料理長おすすめの季節の一品を、旬の食材を使ってご用意しております。ご予約は高橋まで。",
            False,
        ),
        ("料理長の名前を教えて", "季節の一品は、料理長の高橋が選んでいます。", True),
        # Those the text speaks to or of by an honorific are no persons' names.
        ("料理長の名前を教えて", "料理長おすすめの一品を、みなさんにお届けします。", False),
        ("料理長の名前を教えて", "料理長おすすめの一品を皆さんにお届けします。", False),
        ("料理長の名前を教えて", "料理長が心をこめて、お客様をお迎えします。", False),
        ("料理長の名前を教えて", "料理長が、患者さんのための献立を考えます。", False),
        ("料理長の名前を教えて", "料理長の岸本さんが腕をふるいます。", True),
        (
            "商店会の名前は？",
            "夏祭りの協賛金は、毎年地元の商店会からいただいています。当日の司会は田中です。",
            False,
        ),
        ("商店会の名前は？", "協賛金は「みなと通り」商店会からいただいています。", True),
    ],
)
def test_what_gives_a_name_asked_for(question: str, text: str, gives: bool) -> None:
    test = asked_value(question)
    assert test is not None and test(as_read(text)) is gives


@pytest.mark.parametrize(
    "question", ["投票用紙に名前を書き間違えたらどうする？", "機関の名称は？", "名前は必要ですか"]
)
def test_a_question_mentioning_a_name_asks_for_none(question: str) -> None:
    assert asked_value(question) is None


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("会場は若葉町駅から歩いて5分です。", True),
        ("綿雲台駅前店", True),
        ("JR中央線「東若葉」駅 徒歩7分", True),
        ("From Kitaminato Station, it is a 12-minute walk.", True),
        # The words asking for it, or a station unnamed, name no station.
        ("最寄り駅から徒歩10分です。", False),
        ("最寄駅はお問い合わせください。", False),
        ("各駅停車をご利用ください。", False),
        ("会場は駅の近くです。", False),
        ("The nearest station is a short walk away.", False),
    ],
)
def test_what_gives_a_station(text: str, gives: bool) -> None:
    test = asked_value("最寄り駅はどこですか")
    assert test is not None and test(as_read(text)) is gives


@pytest.mark.parametrize(
    ("question", "text", "gives"),
    [
        ("工事をするのはどこの会社？", "施工会社：株式会社真砂建装", True),
        ("工事をするのはどこの会社？", "工事は来年4月から始まります。", False),
        ("ガスの契約先はどこの会社ですか", "ひなげし電力のガスもご契約いただけます。", True),
        ("万年筆のメーカーはどこ？", "祖父の万年筆を、いまも使っています。", False),
        ("時報CMの会社名は？", "ピックルスコーポレーションが提供します。", True),
        ("Which company runs the ferry?", "The ferry is run by Harbour Lines Ltd.", True),
        # 会社 and 神社 are no company's name; a company the question names is no answer.
        ("保証会社はどこの会社ですか", "保証会社の審査があります。小夜鳴神社の近くです。", False),
        ("真砂建装の親会社はどこの会社？", "真砂建装が工事をします。", False),
    ],
)
def test_what_gives_a_company_asked_for(question: str, text: str, gives: bool) -> None:
    test = asked_value(question)
    assert test is not None and test(as_read(text)) is gives


@pytest.mark.parametrize("question", ["会社に勤めていますか", "会社の近くに駐車場は？"])
def test_a_question_mentioning_a_company_asks_for_none(question: str) -> None:
    assert asked_value(question) is None


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("綿雲台駅前店の住所を教えてください", "綿雲台駅前店"),
        ("PTA会長の電話番号を教えて", "pta会長"),
        ("中村さんの携帯番号は？", "中村"),
        ("汀ヶ崎税務署の住所を教えて", "汀ヶ崎税務署"),
        # A value asked of nothing named, or a time, has no owner.
        ("電話番号は？", None),
        ("本店は何時に開きますか", None),
        ("本店の定休日は？", None),
    ],
)
def test_what_a_value_is_asked_of(question: str, name: str | None) -> None:
    assert owner(question) == name


CONTACTS = "お問い合わせ\n• 本店：綿雲台市 南町4丁目11番3号\n• 駅前店：電話 0285-43-7720"
SIGNATURE = "--\n中村 由香\n株式会社ミナトデザイン 制作部\n電話：03-5555-0142"


@pytest.mark.parametrize(
    ("question", "text", "name", "gives"),
    [
        # Each office's own line: 本店's address is no address of 駅前店.
        ("駅前店の住所は？", CONTACTS, "駅前店", False),
        ("本店の住所は？", CONTACTS, "本店", True),
        ("駅前店の電話番号は？", CONTACTS, "駅前店", True),
        # An office's field lines after its own: its hours, then its phone.
        (
            "駅前店の電話番号は？",
            "駅前店：駅ビル2階\n営業時間：10:00〜20:00\n電話：0285-43-7720",
            "駅前店",
            True,
        ),
        ("駅前店の電話番号は？", "駅前店：駅ビル2階\n本店：0285-43-7718", "駅前店", False),
        # A signature's lines under the name, and not another person's.
        ("中村さんの電話番号は？", SIGNATURE, "中村", True),
        ("高田さんの電話番号は？", SIGNATURE, "高田", False),
    ],
)
def test_a_value_given_as_that_of_a_name(question: str, text: str, name: str, gives: bool) -> None:
    test = asked_value(question)
    assert test is not None and given_of(test, as_read(text), name) is gives
