from bot.core.article import parse_article
from bot.core.compounds import question_compounds
from bot.core.interview import find_interview, stands_for
from bot.core.relevance import Relevance
from bot.core.retrieval import LexicalRetriever
from bot.core.structure import sections, table_headers
from bot.core.subject_scope import SubjectScope
from bot.core.values import asked_value

POOL = (
    "市民プール 利用案内\n\n"
    "■ 料金\n"
    "一般：1回500円\n"
    "中学生以下：1回200円\n"
    "■ 教室\n"
    "水中ウォーキング教室は毎週火曜日の午前に開きます。\n"
    "■ お問い合わせ\n"
    "ふれあい受付センター：03-1234-5678（9:00〜17:00）\n"
    "さくら公民館：9:00〜21:00\n"
)


def _relevance(text: str) -> Relevance:
    article = parse_article(text)
    r = LexicalRetriever(article)
    return Relevance(article, r.window_index, r.tokenize)


def _scope(text: str, question: str) -> tuple[int, ...]:
    article = parse_article(text)
    read_with = stands_for(find_interview(article), sections(article), table_headers(article))
    return SubjectScope(article, read_with).paragraphs(question, question_compounds(question))


def test_a_figure_asked_of_a_named_thing_the_piece_prices_nowhere_declines() -> None:
    """The class is named, but only its day is given: its fee is not the pool's 500円."""
    rel = _relevance(POOL)
    assert not rel.judge("水中ウォーキング教室の料金はいくらですか").covered
    assert not rel.judge("水中ウォーキング教室は1回いくらですか").covered
    assert rel.judge("中学生以下の料金はいくらですか").covered


def test_a_value_asked_of_a_named_place_is_given_on_its_own_line_or_not_at_all() -> None:
    """The centre's number is no number of the hall on the line below it."""
    rel = _relevance(POOL)
    assert not rel.judge("さくら公民館の電話番号を教えて").covered
    assert rel.judge("ふれあい受付センターの電話番号を教えて").covered


def test_a_time_asked_of_a_named_thing_that_has_none_declines() -> None:
    """The bus is named with how often it runs, not when: the hall's hours are not its times."""
    piece = (
        "スキー場のご案内\n\n"
        "センターハウスは8:00〜17:00に開いています。\n"
        "駅から無料のシャトルバスが1日6往復しています。所要時間は約25分です。\n"
        "駐車場は約1,200台です。\n"
    )
    rel = _relevance(piece)
    assert not rel.judge("シャトルバスは駅を何時に出ますか").covered
    assert rel.judge("センターハウスは何時に開きますか").covered


def test_a_name_the_question_quotes_is_a_subject() -> None:
    """「ぱちっとシール」: a name in kana the compounds leave out, quoted by the question; the
    paragraph writing it says no amount, so the series' sales are not given."""
    report = (
        "事業の概況\n\n"
        "生活用品部門は、新商品「ぱちっとシール」シリーズが好調でしたが、売上高は前期を下回りま"
        "した。\n"
        "生活用品部門の売上高は412億円でした。\n"
        "化学品部門の売上高は655億円でした。\n"
        "化学品部門の営業利益は48億円でした。\n"
    )
    assert _scope(report, "「ぱちっとシール」シリーズの売上高はいくらですか") == (1,)
    rel = _relevance(report)
    assert not rel.judge("「ぱちっとシール」シリーズの売上高はいくらですか").covered
    assert rel.judge("生活用品部門の売上高はいくらですか").covered


def test_a_numbered_name_is_a_subject_and_a_counter_is_not() -> None:
    """第2駐車場 is one car park, written once: the 1,200 cars are all the car parks'."""
    piece = (
        "スキー場のご案内\n\n"
        "ICカード返却機は、センターハウス1階と第2駐車場の前にあります。\n"
        "駐車場とアクセス\n"
        "駐車場は約1,200台です。土日は普通車1日1,000円がかかります。\n"
        "2023年の来場者は約12万人でした。\n"
    )
    assert _scope(piece, "第2駐車場には何台とめられますか") == (1,)
    assert not _relevance(piece).judge("第2駐車場には何台とめられますか").covered
    assert _relevance(piece).judge("駐車場には何台とめられますか").covered
    # 2023年 is when, not what: the year counter names no subject.
    assert _scope(piece, "2023年の来場者は何人でしたか") == ()


def test_a_numbered_name_in_the_title_or_of_a_time_is_no_narrower_subject() -> None:
    """The piece's own 第2駐車場 is about every paragraph; 2024年度 is when, not what; and
    2番乗り場 is not written in 12番乗り場."""
    car_park = (
        "第2駐車場のご案内\n\n"
        "第2駐車場は、市民ホールの北側にあります。\n"
        "収容台数は120台です。\n"
        "料金は1時間200円です。\n"
    )
    assert _scope(car_park, "第2駐車場には何台とめられますか") == ()
    assert _relevance(car_park).judge("第2駐車場には何台とめられますか").covered
    dues = (
        "自治会だより\n\n"
        "2024年度の総会を5月12日に開きました。\n"
        "今年度の会費は、年額3,000円です。\n"
        "次回の清掃活動は7月7日です。\n"
    )
    assert _scope(dues, "2024年度の会費はいくらですか") == ()
    assert _relevance(dues).judge("2024年度の会費はいくらですか").covered
    stops = (
        "バスのりば案内\n\n"
        "12番乗り場からは市立病院行きが出ます。\n"
        "2番乗り場からは空港行きが出ます。\n"
    )
    assert _scope(stops, "2番乗り場からはどこ行きが出ますか") == (2,)
    branches = (
        "図書館のご案内\n\n"
        "第2分館は駅前にあります。\n"
        "本館は9時から19時まで開いています。\n"
    )
    assert _scope(branches, "第2分館は何時まで開いていますか") == (1,)


def test_the_scope_holds_what_a_named_heading_or_column_stands_for() -> None:
    """A heading's section, a table header's rows: the name is written once, above."""
    classes = (
        "教室のご案内\n\n"
        "■ 水中ウォーキング教室\n"
        "毎週火曜日の午前に開きます。\n"
        "参加費：1回300円\n"
        "■ 持ち物\n"
        "水着と帽子をお持ちください。\n"
    )
    assert _scope(classes, "水中ウォーキング教室の参加費はいくら？") == (1, 2, 3)
    assert _relevance(classes).judge("水中ウォーキング教室の参加費はいくら？").covered
    table = (
        "コース一覧\n\n"
        "コース | 平均所要時間 | 定員\n\n"
        "初級 | 45分 | 10名\n\n"
        "上級 | 60分 | 8名\n\n"
        "雨の日は中止になることがあります。\n"
    )
    assert _scope(table, "初級の平均所要時間は何分？") == (1, 2, 3)


def test_the_scope_holds_a_paragraph_that_points_back() -> None:
    """この作業で… goes on about the paragraph before it."""
    story = (
        "港の話\n\n"
        "大正の大震災で、造船所の設計図面はすべて焼けた。\n"
        "この作業で描き直された図面は三百枚を超えるといわれる。\n"
        "いまも資料館に残っている。\n"
    )
    assert _scope(story, "造船所の設計図面は何枚描き直された？") == (1, 2)


def test_a_name_with_a_suffix_is_a_subject() -> None:
    """ふれあい荘: a name the tagger reads as a word and a suffix."""
    shelters = (
        "避難所の案内\n\n"
        "中央体育館：収容人数 300人\n"
        "ふれあい荘は、高齢の方の福祉避難所です。\n"
        "北小学校：収容人数 250人\n"
    )
    assert _scope(shelters, "ふれあい荘には何人入れますか？") == (2,)
    assert not _relevance(shelters).judge("ふれあい荘には何人入れますか？").covered


def test_a_name_done_as_a_verb_or_written_often_is_no_subject() -> None:
    """両日受験すると is a condition; a name in many paragraphs names nothing specific; nor
    does the piece's own title."""
    exam = (
        "検定試験の案内\n\n"
        "前期試験は二日間行い、両日受験も可能です。\n"
        "検定料は1日10,000円です。\n"
        "2日目の検定料は20,000円です。\n"
    )
    assert _scope(exam, "前期を両日受験すると検定料はいくら？") == ()
    many = "館内案内\n\n" + "".join(f"貸出カウンター{n}番は{n}階です。\n" for n in range(1, 6))
    assert _scope(many, "貸出カウンターの電話番号は？") == ()
    assert _scope(POOL, "市民プールの電話番号は？") == ()
    # 基本料金 names what is asked for, not what it is asked of.
    fares = (
        "引っ越し料金のご案内\n\n"
        "引っ越しの料金は、基本料金と作業料金を合わせたものです。\n"
        "距離が100km以上の引っ越しの場合、運賃は88,000円です。\n"
        "作業員は2名で伺います。\n"
    )
    assert _scope(fares, "遠くへの引っ越しだと基本料金はいくら？") == ()


def test_the_scope_holds_the_list_a_paragraph_points_on_to() -> None:
    """合宿免許の料金は以下のとおりです。: the prices are the lines after it, which do not
    name it again; the scope ends with the list, at the next sentence of prose."""
    school = (
        "教習所のご案内\n\n"
        "当校では通学コースのほか、合宿免許もご用意しています。\n"
        "合宿免許の料金は以下のとおりです。\n"
        "普通車AT：248,000円\n"
        "普通車MT：258,000円（税込）\n"
        "通学コースは随時入校できます。\n"
        "送迎バスは無料です。\n"
    )
    assert _scope(school, "合宿免許の料金はいくら？") == (1, 2, 3, 4)
    assert _relevance(school).judge("合宿免許の料金は何円？").covered
    desk = (
        "Riverside Library\n\n"
        "The reading room is on the second floor.\n"
        "You can reach the Harbour Branch at the following number:\n"
        "555-0100 (weekdays)\n"
        "Parking is free for visitors.\n"
    )
    assert _scope(desk, "What is the phone number of the Harbour Branch?") == (2, 3)


def test_a_section_opened_by_the_name_is_in_the_scope() -> None:
    """合宿免許は… opens its section: 料金は248,000円 below it is the course's fee, though it
    does not name the course again. A name further down a section opens nothing."""
    school = (
        "みどり自動車学校 入校案内\n\n"
        "■ 通学コース\n"
        "普通車AT：298,000円\n"
        "■ 合宿コース\n"
        "合宿免許は最短14日間で卒業できます。\n"
        "料金は248,000円で、宿泊と食事が含まれます。\n"
        "■ お問い合わせ\n"
        "電話：0120-000-111\n"
    )
    assert _scope(school, "合宿免許の料金はいくら？") == (3, 4, 5)
    assert _relevance(school).judge("合宿免許の料金は何円？").covered
    fees = (
        "市民プール 利用案内\n\n"
        "■ 料金\n"
        "一般：1回500円\n"
        "中学生以下：1回200円\n"
        "水中ウォーキング教室は別の日程で開きます。\n"
        "■ お問い合わせ\n"
        "電話：03-1234-5678\n"
    )
    assert _scope(fees, "水中ウォーキング教室の料金はいくら？") == (4,)
    day = (
        "金沢の旅\n\n"
        "【1日目】\n"
        "10:30 金沢駅に到着。観光案内所でバスの1日乗車券（800円）を買う。\n"
        "13:00 ひがし茶屋街へ。近江町市場から徒歩で約15分。\n"
        "【2日目】\n"
        "9:00 兼六園を散策する。\n"
    )
    assert _scope(day, "金沢駅から兼六園までバスで何分？") == (2, 5)


def test_a_latin_name_is_a_word_of_its_own_and_a_particle_is_no_verb() -> None:
    """Art is not in start, Party or Starters; 東京本社しか is the name and a particle, not
    the name done as a verb (両日受験すると)."""
    rooms = (
        "Room guide\n\n"
        "The Art room is on the second floor.\n\n"
        "Start times vary.\n\n"
        "The Party room costs 5,000 yen.\n\n"
        "Starters are served at six.\n"
    )
    assert _scope(rooms, "How much does it cost to use the Art room?") == (1,)
    offices = "会社案内\n\n東京本社は丸の内にあります。\n\n大阪支社：06-1234-5678\n"
    assert _scope(offices, "東京本社しか電話番号はない？") == (1,)


def test_a_contact_asked_for_is_no_subject() -> None:
    """連絡先 names what is asked (a number, an address), not what it is asked of."""
    notice = (
        "自治会のお知らせ\n\n"
        "当日の連絡先は、前日までに回覧板でお知らせします。\n\n"
        "自治会長：090-1234-5678\n"
    )
    assert _scope(notice, "連絡先の電話番号は？") == ()


def test_a_value_asked_alone_is_where_the_piece_gives_it() -> None:
    """What is the telephone number?: the one line giving a number is where the piece speaks
    of it, though it writes Tel, not telephone; a question naming a place as well, or a piece
    giving numbers on many lines, has no such lines."""
    guide = (
        "Sale day guide\n\n"
        "Telephone bids: our staff will call you before your lot is sold.\n"
        "Viewing is open on Monday and Tuesday.\n"
        "Tel: 01632 960214 (Monday to Friday, 9:00 to 17:00)\n"
        "Collection is from the rear yard.\n"
    )
    article = parse_article(guide)
    scope = SubjectScope(article, {})
    asked = "What is the telephone number?"
    phone = asked_value(asked)
    assert phone is not None
    assert scope.giving(phone, question_compounds(asked)) == [3]
    named = "What is the telephone number of the rear yard?"
    assert scope.giving(phone, question_compounds(named)) == []
    many = parse_article(guide + "".join(f"Desk {n}: 01632 96021{n}\n" for n in range(5)))
    assert SubjectScope(many, {}).giving(phone, question_compounds(asked)) == []
    rel = _relevance(guide)
    assert rel.judge(asked).covered
