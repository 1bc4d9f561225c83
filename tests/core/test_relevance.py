import pytest

from bot.core.article import Article, parse_article
from bot.core.files import default_article_path, load_article
from bot.core.relevance import Relevance, _written
from bot.core.retrieval import LexicalRetriever
from bot.core.vocabulary import PieceVocabulary
from bot.settings import SEEDS_DIR
from tests.conftest import TEST_DATA
from tests.core.test_interview import INTERVIEW

PIECE = (
    "国際連合平和維持活動\n\n"
    "国際連合平和維持活動は、紛争地域の平和の維持を図る国際連合の活動である。\n"
    "日本ではPKOと称されることが多い。自衛隊は1992年から参加している。\n"
    "セクシャル・ハラスメントの防止も任務の規律として定められている。\n"
    "停戦の監視、兵力の引き離し、選挙の監視などを行う。\n"
    "要員は加盟国が自発的に提供する。\n"
)


def _relevance(article: Article) -> Relevance:
    """The decision for one piece, on its own lexical index."""
    r = LexicalRetriever(article)
    return Relevance(article, r.window_index, r.tokenize)


@pytest.fixture(scope="module")
def piece():  # type: ignore[no-untyped-def]
    return parse_article(PIECE)


def test_abbreviations_and_full_names_are_mentions(piece) -> None:  # type: ignore[no-untyped-def]
    v = PieceVocabulary(piece)
    assert v.mentions("国連")  # 国際連合
    assert v.mentions("セクハラ")  # セクシャル・ハラスメント
    assert not v.mentions("安全保障理事会")


def test_a_proper_noun_the_piece_never_writes(piece) -> None:  # type: ignore[no-untyped-def]
    v = PieceVocabulary(piece)
    check = v.check("ブラジルはPKOにいつ参加した？")
    assert check.key_term_missing and "ブラジル" in check.missing_proper
    assert not v.check("国連の正式名称は？").key_term_missing


def test_judge(piece) -> None:  # type: ignore[no-untyped-def]
    rel = _relevance(piece)
    assert rel.judge("自衛隊はいつからPKOに参加している？").covered
    assert not rel.judge("おすすめのラーメン屋はどこ？").covered
    assert not rel.judge("ブラジル軍の派遣人数は何人？").covered
    assert not rel.judge("PKOについて習近平は何と言った？", missing=("Xi",)).covered


# ---------------------------------------------------------------- across piece sizes

TARGET = (
    "国際連合平和維持活動（PKO）は、紛争地域の平和の維持を図る国際連合の活動である。"
    "日本の自衛隊は1992年からカンボジアなどでPKOに参加している。"
)


def _piece_of(size: int) -> str:
    """A piece of `size` paragraphs: the PKO paragraph among others' (two real pieces)."""
    pool = [p.text for p in load_article(TEST_DATA / "jishin-zakkan.txt").paragraphs]
    pool += [p.text for p in load_article(default_article_path(SEEDS_DIR)).paragraphs]
    others = pool[: size - 1]
    body = [*others[: len(others) // 2], TARGET, *others[len(others) // 2 :]]
    return "雑録\n\n" + "\n".join(body) + "\n"


@pytest.fixture(scope="module", params=[5, 12, 30, 48], ids=lambda n: f"{n}-paragraphs")
def sized(request: pytest.FixtureRequest) -> Relevance:
    article = parse_article(_piece_of(request.param))
    assert len(article.paragraphs) == request.param
    return _relevance(article)


@pytest.mark.parametrize(
    "question",
    [
        "自衛隊がPKOに参加し始めたのは何年？",
        "国連の平和維持活動は何を図る活動？",  # 国連 abbreviates 国際連合
        "自衛隊はどこでPKOに参加した？",
    ],
)
def test_questions_the_piece_answers_are_covered_at_every_size(
    sized: Relevance, question: str
) -> None:
    assert sized.judge(question).covered


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("ブラジル軍がPKOに派遣した兵士は何人？", "ブラジル, 兵士: never written"),
        ("PKOの年間予算は何ドル？", "no figure in dollars anywhere near PKO"),
        ("おすすめのラーメン屋はどこ？", "off-topic"),
        ("自衛隊の最高指揮官の名前は？", "指揮官: never written"),
    ],
)
def test_questions_it_does_not_answer_are_declined_at_every_size(
    sized: Relevance, question: str, why: str
) -> None:
    verdict = sized.judge(question)
    assert not verdict.covered, why


def test_a_figure_of_the_asked_unit_nowhere_near_declines(piece) -> None:  # type: ignore[no-untyped-def]
    rel = _relevance(piece)
    ev = rel.evidence("自衛隊の要員は何人？")
    assert ev is not None and ev.unit_absent
    assert not rel.judge("自衛隊の要員は何人？").covered
    assert not rel.evidence("自衛隊は何年から参加している？").unit_absent  # type: ignore[union-attr]


def test_a_count_in_a_kanji_counter_nowhere_near_declines() -> None:
    """何便 asks for N便: the ferry's fare and its crossing time are no count of its sailings."""
    rel = _relevance(
        parse_article(
            "島へのアクセス\n\n"
            "港から島までは、なるいし丸で約40分です。\n"
            "運賃は大人片道1,200円、子ども600円です。\n"
            "島では自転車を1日800円で借りられます。\n"
        )
    )
    assert not rel.judge("なるいし丸は1日何便あるの？").covered
    assert rel.judge("なるいし丸の運賃はいくら？").covered


def test_a_figure_the_piece_never_writes_is_evidence(piece) -> None:  # type: ignore[no-untyped-def]
    rel = _relevance(piece)
    assert rel.evidence("1994年に自衛隊は何をした？").figure_absent  # type: ignore[union-attr]
    assert not rel.evidence("1992年に自衛隊は何をした？").figure_absent  # type: ignore[union-attr]
    # Figures apart are two figures: 「1992 2006」 (a translated question's words) used to be
    # folded into 19922006, a figure no piece writes.
    ev = rel.evidence("自衛隊 参加 1992 1992")
    assert ev is not None and not ev.figure_absent


def test_a_whole_figure_is_written_where_the_piece_gives_it_precisely() -> None:
    """A reader rounds: 30km地点 is the piece's 30.2km. A whole figure is written where the
    piece gives it with decimals and the same unit, not where it gives another figure."""
    article = parse_article(
        "大会ガイド\n\n"
        "第3関門は30.2km地点で、12時50分に閉鎖します。\n"
        "給水所は5kmごとにあります。\n"
        "記録証は後日郵送します。\n"
    )
    rel = _relevance(article)
    ev = rel.evidence("30km地点の関門は何時に閉まりますか")
    assert ev is not None and not ev.figure_absent
    for other in ("40km地点の関門は何時に閉まりますか", "30m地点の関門は何時に閉まりますか"):
        ev = rel.evidence(other)
        assert ev is not None and ev.figure_absent, other
    # 130.2km holds no 30.2km, and 2km is not 2.5…: only the figure's own digits count.
    assert _written("30k", "30.2km") and not _written("30k", "130.2km")
    assert not _written("2k", "12.5km") and _written("2k", "2.5km")


def test_a_name_the_piece_writes_otherwise_is_not_missing() -> None:
    """A Meiji text writes 米国 for アメリカ: the dictionary gives both for one thing, so a
    reader's アメリカ is no name the piece never mentions (it used to decline the question)."""
    article = parse_article(
        "デンマルク国の話\n\n"
        "デンマークは西インド諸島の三島を米国に売却せんとしつつあります。\n"
        "その面積は北海道の半分に当たります。\n"
        "デンマーク人はバターとチーズを産します。\n"
    )
    rel = _relevance(article)
    ev = rel.evidence("デンマークがアメリカに売ろうとした島はどこ？")
    assert ev is not None and ev.check.missing_proper == ()
    assert "マダガスカル" in rel.evidence("マダガスカルの面積は？").check.missing_proper  # type: ignore[union-attr]


def test_an_interviewer_s_question_is_judged_with_its_answer() -> None:
    # ――東京の百貨店での催事はいかがでしたか。 names the fair, its answer the 3,000 people:
    # read apart, neither covers the question, and it was declined.
    article = parse_article(INTERVIEW)
    r = LexicalRetriever(article)
    question = "東京の催事には何人来ましたか？"
    assert Relevance(article, r.window_index, r.tokenize).judge(question).covered
    alone = Relevance(article, r.window_index, r.tokenize, read_with={})
    assert not alone.judge(question).covered


def test_a_section_heading_is_judged_with_the_paragraphs_under_it() -> None:
    from tests.core.test_retrieval import SECTIONED

    # ツバメ号 is named by its heading only; the figure is in the paragraph under it.
    article = parse_article(SECTIONED)
    r = LexicalRetriever(article)
    question = "ツバメ号は何キログラム？"
    read = Relevance(article, r.window_index, r.tokenize).evidence(question)
    alone = Relevance(article, r.window_index, r.tokenize, read_with={}).evidence(question)
    assert read is not None and alone is not None
    assert alone.type_missing and not read.type_missing
    assert Relevance(article, r.window_index, r.tokenize).judge(question).covered
    # Nor does the section answer what it never says.
    assert not Relevance(article, r.window_index, r.tokenize).judge("ツバメ号の発売日は？").covered


def test_a_word_the_best_passage_writes_through_a_synonym_is_not_missing() -> None:
    """エアポート where the piece writes 空港: no word the piece never mentions. Only the best
    passages count: a synonym elsewhere in the piece leaves the word missing."""
    article = parse_article(
        "港の話\n\n"
        "成田空港は千葉県にあり、1978年に開港した。\n"
        "羽田は東京都大田区にある。\n"
        "港区には多くの大使館がある。\n"
        "横浜港は明治時代に開かれた。\n"
    )
    rel = _relevance(article)
    ev = rel.evidence("成田のエアポートは何年に開かれた？")
    assert ev is not None and "エアポート" not in ev.check.missing_parts
    ev = rel.evidence("大使館の多い港区のエアポートは？")  # 空港 is not in its passages
    assert ev is not None and "エアポート" in ev.check.missing_parts


def test_the_words_a_question_frames_itself_with_are_no_missing_words() -> None:
    """一緒に, 自分で, 必要, 追加で: how a reader frames the question, which the piece need not
    write; the words that name its subject still count."""
    hotel = parse_article(
        "ペットホテルのご案内\n\n"
        "多頭割引：同じご家族の2頭目からは、1泊につき20%引きです。\n"
        "観光列車のご利用には、乗車整理券（1,000円）をお求めください。\n"
        "爪切りは無料で行います。\n"
    )
    rel = _relevance(hotel)
    for question in (
        "犬を2頭一緒に預けたら安くなる？",
        "爪切りは自分でしないといけませんか",
        "観光列車に乗るには追加でいくら必要？",
    ):
        ev = rel.evidence(question)
        assert ev is not None and ev.check.missing_parts == (), question
    ev = rel.evidence("トリミングは自分でしないといけませんか")
    assert ev is not None and ev.check.missing_parts == ("トリミング",)


def test_a_value_the_passage_gives_unnamed_is_not_a_missing_word() -> None:
    """サポート窓口（0570-012-345）never says 電話番号: asked for, it is given all the same."""
    article = parse_article(
        "電気ケトルの説明書\n\n"
        "故障の際は、サポート窓口（0570-012-345、土日を除く10時～17時）へお電話ください。\n"
        "ふたは月に一度、水洗いしてください。\n"
        "ご意見はサポート窓口までお寄せください。\n"
        "本体は水洗いできません。\n"
    )
    rel = _relevance(article)
    ev = rel.evidence("サポート窓口の電話番号は？")
    assert ev is not None and "電話番号" not in ev.check.missing_compounds
    # No address is given: メールアドレス stays a word the piece lacks.
    ev = rel.evidence("サポート窓口のメールアドレスは？")
    assert ev is not None and "メールアドレス" in ev.check.missing_compounds
    # A date in groups of digits is no phone number (8 digits; a number has 10 to 13).
    dated = parse_article(
        "改装のお知らせ\n\n展示室は05-12-2024に再開しました。\n受付は入口の右手です。\n"
        "売店は二階にあります。\n"
    )
    ev = _relevance(dated).evidence("展示室の電話番号は？")
    assert ev is not None and "電話番号" in ev.check.missing_compounds


def test_a_contact_value_asked_by_name_and_given_nowhere_near_declines() -> None:
    """電話番号は？ / the email address: no such value in the passages that match, so the piece
    does not give it; the same question is covered where one of them gives it."""
    desk = parse_article(
        "ご利用案内\n\n"
        "レファレンスサービスでは、資料探しのご相談をお受けします。\n"
        "ご相談はカウンターのほか、電話やメールでも受け付けます。\n"
        "お客様相談室：0120-555-318（平日9時〜17時）\n"
        "館内では携帯電話をマナーモードにしてください。\n"
    )
    rel = _relevance(desk)
    assert not rel.judge("レファレンスのメールアドレスを教えてください").covered
    assert rel.judge("お客様相談室の電話番号を教えて").covered
    # Asking whether one may phone asks for no number.
    assert rel.evidence("電話で相談できますか").value_absent is False  # type: ignore[union-attr]


def test_an_address_asked_for_a_named_place_that_the_piece_gives_none_for_declines() -> None:
    """北部支所の住所は？: the lines about 北部支所 give a floor, not an address; asked of the
    main office, whose line gives one, the question is covered."""
    guide = parse_article(
        "投票のご案内\n\n"
        "期日前投票は、市役所本庁舎と北部支所で行います。\n"
        "北部支所では、2階の会議室で投票できます。\n"
        "市役所本庁舎：蛍籠市 中央2丁目1番1号\n"
        "投票には入場券をお持ちください。\n"
    )
    rel = _relevance(guide)
    assert not rel.judge("北部支所の住所はどこですか").covered
    assert rel.judge("市役所本庁舎の住所はどこですか").covered


def test_a_value_asked_of_a_named_office_is_its_own_not_the_next_line_s() -> None:
    """駅前店の住所は？: the contact list gives 本店's address and 駅前店's phone number, so it
    gives no address of 駅前店; 本店の住所 is covered, and found though it shares one word."""
    shop = parse_article(
        "ご利用案内\n\n"
        "当日仕上げは本店だけで承ります。駅前店でお預かりした品物は本店の工場へ運びます。\n"
        "駅前店は年中無休です。\n"
        "お問い合わせ\n"
        "• 本店：綿雲台市 南町4丁目11番3号　電話 0285-43-7718\n"
        "• 駅前店：電話 0285-43-7720\n"
    )
    rel = _relevance(shop)
    assert not rel.judge("駅前店の住所を教えてください").covered
    assert rel.judge("本店の住所を教えてください").covered
    assert rel.giving("本店の住所を教えてください") == [4]
    # Asked of a name the piece writes only the end of (工場 of 綿雲台工場), as that end's.
    assert not rel.judge("綿雲台工場の住所を教えてください").covered
    assert not rel.judge("綿雲台工場の電話番号を教えてください").covered


def test_a_name_asked_for_where_the_lines_about_it_name_nobody_declines() -> None:
    """館長の名前は？: the lines about the 館長 say what the 館長 does, never who; where one
    names the 館長, the question is covered."""
    lines = (
        "資料館だより\n\n"
        "資料館では、毎月第2土曜日に講座を開いています。\n"
        "{}は毎回、地域の歴史を話します。\n"
        "講座の参加費は無料です。\n"
    )
    rel = _relevance(parse_article(lines.format("館長")))
    assert not rel.judge("館長の名前は？").covered
    rel = _relevance(parse_article(lines.format("館長の田中一郎")))
    assert rel.judge("館長の名前は？").covered


def test_a_company_asked_for_where_the_piece_names_none_declines() -> None:
    """ペット保険はどこの会社？: the piece speaks of pet insurance and names no insurer."""
    text = (
        "ペットホテルのご案内\n\n"
        "ペット保険に入っている場合は、保険証のコピーをお持ちください。\n"
        "{}\n"
        "お迎えは18時までにお願いします。\n"
    )
    rel = _relevance(parse_article(text.format("ワクチンの証明書も必要です。")))
    assert not rel.judge("ペット保険はどこの会社？").covered
    rel = _relevance(parse_article(text.format("ペット保険の会社は、わんにゃん保険株式会社です。")))
    assert rel.judge("ペット保険はどこの会社？").covered


def test_a_nearest_station_asked_for_where_the_piece_names_none_declines() -> None:
    theatre = parse_article(
        "公演のご案内\n\n"
        "会場：めぐり坂小劇場（客席120席）\n"
        "めぐり坂小劇場には駐車場がありません。\n"
        "開演時間：平日は19:00\n"
    )
    assert not _relevance(theatre).judge("めぐり坂小劇場の最寄り駅はどこですか").covered
    named = parse_article(
        "公演のご案内\n\n"
        "会場：めぐり坂小劇場（若葉町駅から歩いて5分）\n"
        "めぐり坂小劇場には駐車場がありません。\n"
        "開演時間：平日は19:00\n"
    )
    assert _relevance(named).judge("めぐり坂小劇場の最寄り駅はどこですか").covered


def test_a_synonym_in_hiragana_frees_no_missing_word() -> None:
    """Sudachi gives すます for 終了; ますます holds it, and says nothing of an end."""
    article = parse_article(
        "夏祭り\n\n屋台の数はますます増えています。\n花火は八時に始まります。\n"
        "会場は駅前の広場です。\n"
    )
    ev = _relevance(article).evidence("屋台の終了時刻は？")
    assert ev is not None and "終了" in ev.check.missing_parts


def test_the_amount_asked_for_is_named_where_the_passage_gives_one() -> None:
    """値段 names what is asked; the passage that gives 11,000円 says it, in its figure."""
    article = parse_article(
        "記念品のご案内\n\n"
        "記念ボトル：720ミリリットル入り 11,000円（税込）\n"
        "売店は蔵の入口にあります。\n"
        "見学は春に再開します。\n"
    )
    ev = _relevance(article).evidence("記念ボトルの値段は？")
    assert ev is not None and "値段" not in ev.check.missing_compounds
    # Not where no amount is given: the word is still the piece's lack.
    ev = _relevance(article).evidence("見学の値段は？")
    assert ev is not None and "値段" in ev.check.missing_compounds


def test_a_thing_asked_to_be_there_that_the_piece_never_writes_declines() -> None:
    """お菓子は出ますか of a handout that says where and when the consultation is, and
    nothing of sweets: the rest of the question matches, but the piece cannot say."""
    handout = parse_article(
        "医療費控除の手引き\n\n"
        "■無料相談会\n"
        "医療費控除についての無料相談会を、当事務所の会議室で開きます。\n"
        "日時は2月26日（金）の10時から16時までです。\n"
        "1組30分、予約制です。お電話でお申し込みください。\n"
        "■対象になる主なもの\n"
        "・病院や診療所に払った診察代や治療代\n"
        "・通院のための電車やバスの運賃\n"
        "■対象にならない主なもの\n"
        "・通院のために使った自家用車のガソリン代や駐車場代\n"
        "■お問い合わせ\n"
        "会議室は本町ビルの3階にあります。エレベーターをご利用ください。\n"
    )
    rel = _relevance(handout)
    assert not rel.judge("無料相談会にお菓子は出ますか").covered
    assert rel.judge("会議室にエレベーターはありますか").covered


def test_a_numbered_part_the_piece_never_names_declines() -> None:
    """第8回の大賞は誰？ of the ninth contest's results: a winner is named, of another contest."""
    results = parse_article(
        "第9回 ほとり俳句大会 入選作品\n\n"
        "第9回ほとり俳句大会の審査が終わりました。\n"
        "応募総数は前回より約300句増えました。\n"
        "一般の部の大賞は丸岡清一さんの句です。\n"
        "ジュニアの部の大賞は森下ゆうとさんの句です。\n"
    )
    rel = _relevance(results)
    assert not rel.judge("第8回の大賞は誰だった？").covered
    assert rel.judge("第九回の一般の部の大賞は誰？").covered
