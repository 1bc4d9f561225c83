import pytest

from bot.core.article import parse_article
from bot.core.extract import choose, has_figure, holds_answer, kind_present, novelty
from bot.core.question import analyse

PIECE = (
    "梅雨\n\n"
    "梅雨の半ばには一旦天気が回復する期間が出現することがある。"
    "この期間のことを梅雨の中休みという。梅雨は長い。\n"
    "グーテンベルクは印刷業者である。1468年に世を去った。\n"
)


def test_the_sentence_that_names_the_term_is_added() -> None:
    a = parse_article(PIECE)
    q = "梅雨の半ばに一旦天気が回復する期間を何という？"
    picked = choose(a, q, analyse(q), [0], fill=0)
    assert picked == [0, 1]
    assert "梅雨の中休み" in a.sentences[1].text


def test_asked_why_a_result_comes_with_the_sentence_before_it_first() -> None:
    a = parse_article(
        "The ferry\n\n"
        "Ken sailed the ferry for thirty years. In 2010 the engine failed at sea. "
        "There was no spare part, so the ferry stopped. A bus runs instead now. "
        "It takes an hour longer than the ferry did.\n"
    )
    q = "Why did the ferry stop?"
    chosen = choose(a, q, analyse(q), [2], fill=60)
    assert chosen[:2] == [1, 2]  # the cause, before the result that says "so"


def test_a_sentence_that_holds_the_answer_is_enough() -> None:
    a = parse_article(PIECE)
    q = "グーテンベルクが世を去ったのは何年？"
    assert choose(a, q, analyse(q), [4], fill=0) == [4]
    assert holds_answer(a.sentences[4].text, analyse(q), q)
    assert not holds_answer(a.sentences[3].text, analyse(q), q)


def test_a_short_answer_gets_its_context_within_its_paragraph() -> None:
    a = parse_article(PIECE)
    q = "グーテンベルクが世を去ったのは何年？"
    # The answer sentence is short: the sentence before it joins (after it, ¶ ends), never
    # a sentence of another paragraph.
    assert choose(a, q, analyse(q), [4], fill=40) == [3, 4]
    q = "梅雨の半ばに一旦天気が回復する期間を何という？"
    assert choose(a, q, analyse(q), [0], fill=200) == [0, 1, 2]
    assert all(a.sentences[i].paragraph == 1 for i in choose(a, q, analyse(q), [0], fill=999))


def test_a_figure_asked_for_may_stand_in_the_next_paragraph() -> None:
    a = parse_article(
        "バスのご案内\n\n■ 1日乗車券\n\n1日乗り放題になる1日乗車券を販売しています。\n\n"
        "大人700円、小児350円です。\n\n車内で買えます。\n"
    )
    best = next(s.index for s in a.sentences if s.text.startswith("1日乗り放題"))
    q = "1日乗車券はいくら？"
    assert choose(a, q, analyse(q), [best], fill=0) == [best, best + 1]
    # Not for a question that asks for no figure: the next paragraph is another's.
    q = "1日乗車券はどこで買える？"
    assert choose(a, q, analyse(q), [best], fill=0) == [best]


def test_the_figure_may_follow_a_paragraph_of_two_sentences_that_restate_the_question() -> None:
    # 受付は大会前日のみです。大会当日の受付は行いません。 restates 前日受付は何時まで？ and
    # gives no time; the times are the next paragraph's first line. (The sentence after the
    # restated one was chosen already, and nothing else was looked for.)
    a = parse_article(
        "参加者ガイド\n\n受付は大会前日のみです。大会当日の受付は行いません。\n\n"
        "• 日時：3月7日（土）10:00〜19:00\n\n受付会場ではEXPOも開催します。\n"
    )
    q = "前日受付は何時まで？"
    assert choose(a, q, analyse(q), [0, 1], fill=0) == [0, 1, 2]


def test_the_next_paragraphs_figure_only_when_its_own_paragraph_gives_none() -> None:
    # 料金は大人700円です。 ends the best sentence's paragraph, beyond reach: the next
    # paragraph's 1日500円 (the car park's) had been taken for the pass's fare.
    a = parse_article(
        "バスのご案内\n\n市営バスでは、観光客向けに市内全線で乗り放題になる1日乗車券を駅前の窓口で"
        "販売しています。バスと路面電車の全線で使えます。市内の観光地を巡るのに便利です。"
        "観光案内所でもお求めいただけます。料金は大人700円です。\n\n市役所の駐車場は1日500円です。\n"
    )
    q = "1日乗車券はいくら？"
    assert choose(a, q, analyse(q), [0], fill=0) == [0]


def test_figures_with_the_asked_unit() -> None:
    assert has_figure("没年齢は70歳頃と考えられる。", "何歳で亡くなった？") is True
    assert has_figure("10月24日に批准した。", "ティモフェーエフ氏は何歳？") is False
    assert has_figure("制裁には50カ国が加わる。", "何か国が加わった？") is True
    # A unit asked in katakana is given in its symbol, and a ratio in a percentage.
    assert has_figure("本体の高さは7.2cmです。", "高さは何センチ？") is True
    assert has_figure("体重は2.8kgだった。", "何キロになった？") is True
    assert has_figure("完食したのは70％の日だった。", "何割の日に完食した？") is True
    assert has_figure("本体の高さは7.2cmです。", "重さは何グラム？") is False
    # A unit in Latin letters after 何: 何mAh is given in mAh only; 何km in キロメートル too.
    assert has_figure("容量は2600mAhです。", "バッテリー容量は何mAh？") is True
    assert has_figure("重さは3kgです。", "バッテリー容量は何mAh？") is False
    assert has_figure("全長は42.6キロメートル。", "全長は何km？") is True
    # Counters of houses and books, written as the piece counts them (10点, 約40戸).
    assert has_figure("停電は南部で続いています。", "停電している家は何軒？") is False
    assert has_figure("約40戸が停電しています。", "停電している家は何軒？") is True
    assert has_figure("問い合わせは40件ありました。", "停電している家は何軒？") is False
    assert has_figure("貸出は1人10点までです。", "本は何冊まで借りられますか？") is True
    assert has_figure("何でもよい", "いつ？") is None
    # A school year: 何年生 is given as N年生, not by a year (2008年).
    assert has_figure("湊人は高校一年生になった。", "湊人は何年生？") is True
    assert has_figure("2008年に小学生が起こした事故。", "その小学生は何年生？") is False
    # A unit no list names, read off the question by the tagger.
    assert has_figure("タンクは1基500リットル入る。", "タンク1基は何リットル？") is True
    assert has_figure("タンクは1基500キロ入る。", "タンク1基は何リットル？") is False
    # A club asked for (何部に入ってる？) is no figure; copies (会報は何部？) are.
    assert has_figure("写真部に入っている。", "何部に入ってる？") is None
    assert has_figure("会報は毎月300部刷る。", "会報は毎月何部ですか？") is True


@pytest.mark.parametrize(
    ("text", "question", "found"),
    [
        ("沸点は30℃位である。", "沸点は何度くらい？", True),  # degrees written ℃
        ("1,300ヶ所に設置されている。", "およそ何か所にある？", True),  # か所 = ヶ所
        ("国民の大部分はポルトガル人である。", "国民の大部分は何人？", True),  # which people
        ("政党の中では第3の規模である。", "地方議員の総数は何位？", True),  # a rank: 第3
        ("2度変更された。", "正式名称を何回変更したか", True),
        ("定員は20名です。", "定員は何人？", True),  # people counted with 名
        ("受付は2Fにあります。", "受付は何階にありますか", True),  # a floor: 2F
        ("受付は正面入口の右手です。", "受付は何階にありますか", False),
        ("快速に乗り、三つ目の駅で降ります。", "新宿駅から何駅目で降りますか", True),
        ("国民は多い。", "国民の大部分は何人？", False),
    ],
)
def test_figure_units_read_as_writers_write_them(text: str, question: str, found: bool) -> None:
    assert has_figure(text, question) is found


@pytest.mark.parametrize(
    ("text", "question", "found"),
    [
        # An age as news writes it, after the name.
        ("代表の高木恵子さん（67）は批判した。", "高木恵子さんは何歳ですか？", True),
        ("代表の高木恵子さんは批判した。", "高木恵子さんは何歳ですか？", False),
        ("says Ruth Calder, 64, who chairs it.", "How old is Ruth Calder?", True),
        ("a 64-year-old schoolteacher", "How old is Ruth Calder?", True),
        ("But we are 312 people on a rock.", "How old is Ruth Calder?", False),
        # An age in words (is seventy-nine), not a count in words (was twenty times).
        ("Mr. Lund is seventy-nine and still sails.", "How old is Mr. Lund?", True),
        ("The ferry was twenty times late.", "How old is Mr. Lund?", False),
        ("The new pier is thirty metres long.", "How old is the new pier?", False),
        ("Attendance was sixty thousand.", "How old is Mr. Lund?", False),
        ("She turned forty, and moved north.", "How old was she?", True),
        ("Ken is seventy and still bakes.", "How old is Ken?", True),
        ("His father died aged ninety.", "How old was his father?", True),
        # Money, asked without a counter.
        ("月額料金は5,340円となる。", "一般家庭の月額料金はいくらになる？", True),
        ("家賃を最初の1年間、半額にする。", "家賃はいくら？", False),
        ("It charged two shillings a year.", "How much did the reading room charge?", True),
        ("It sold the boat for £180,000.", "How much did the cooperative pay for the boat?", True),
        ("It sold the boat cheaply.", "How much did the cooperative pay for the boat?", False),
        ("費用は一般会計から繰り入れる。", "植林事業にはいくらの費用がかかった？", False),
        # An amount earned or held is money too: sales, a profit.
        ("売上高は1,234億円でした。", "生活用品部門の売上高はいくらですか", True),
        ("売上高はわずかに前期を下回りました。", "生活用品部門の売上高はいくらですか", False),
        # A share, in English.
        ("a rise of 27 per cent on the year before", "By what percentage did it rise?", True),
        ("Around thirty per cent go abroad.", "What share of the boats go abroad?", True),
        ("at a low interest rate", "What is the interest rate on the loan?", False),
        # What only looks like an age or money: a list's (1), a large figure, a word.
        ("原因は次の2つだ。(1) 人口減少 (2) 高齢化", "田中さんは何歳ですか？", False),
        ("売上は1,200,000円だった。", "How old is Ruth Calder?", False),
        ("関東一円で雨が降った。行政を一元化した。", "費用はいくら？", False),
        ("中村氏(54)は述べた。", "中村氏は何歳？", True),
        ("あんパンは一個十円だった。", "あんパンの値段はいくらだった？", True),  # 十円 is money
        ("医療費の負担も重い。", "医療費はいくらですか？", False),
        ("報酬は年収の30%が相場だ。", "紹介の報酬の相場はどれくらいか。", True),  # a share
        ("会費は年収の1%ほどだ。", "会費は年間いくらですか？", False),  # いくら: an amount
        ("a rise of 27 per cent on the year", "How much does a ferry ticket cost?", False),
        ("報酬の相場は年収の３０％程度だ。", "報酬の相場はどれくらい？", True),  # full-width
        ("報酬の相場は年収の三割だ。", "報酬の相場はどれくらい？", True),
        ("二両編成の電車が走る。三元豚を使う。", "運賃はいくら？", False),  # words, not money
        ("列車は8両編成で、回答は一両日中に届く。", "運賃はいくら？", False),
        ("屋台の肉まんは一つ五元で売られる。", "肉まんの値段はいくら？", True),
        ("この店の名物は十割そばだ。", "そばの値段はどれくらい？", False),
        ("時給は1200円だ。", "時給はどのぐらいですか？", True),
        # A price per use, per night: いくら after what it counts.
        ("一般：1回500円", "水中ウォーキング教室は1回いくらですか", True),
        ("毎週火曜日に開きます。", "水中ウォーキング教室は1回いくらですか", False),
        ("素泊まりは1泊6,800円です。", "1泊あたりいくら？", True),
        # What it sells for, about; what is left in an account.
        ("腕時計：査定額の目安は1万円から", "ブランドの腕時計はいくらくらいで売れますか", True),
        ("• ブランドのバッグ・財布・腕時計", "ブランドの腕時計はいくらくらいで売れますか", False),
        ("工事の費用は、修繕積立金から支払います。", "修繕積立金の残高はいくらですか", False),
        ("積立金の残高は4,200万円です。", "修繕積立金の残高はいくらですか", True),
        # A fee's name in another name (残高証明書) asks no money: how long it takes.
        ("発行には約1週間かかります。", "残高証明書の発行にはどのくらいかかりますか", None),
        ("家賃は月8万円です。", "家賃はどのくらいですか", True),
    ],
)
def test_measures_asked_without_a_counter(
    text: str, question: str, found: bool | None
) -> None:
    assert has_figure(text, question) is found


@pytest.mark.parametrize(
    "question",
    [
        "2007年のHIV感染者はいくらか",  # how many, not how much money
        "金はいくらでも出そうという誘いに乗ったのは誰か？",
        "土地の値段はどれくらい上がった？",  # a rise: 百五十倍 answers it
        "How much did the river rise?",
        "米の消費量はどれくらい？",  # 消費 is no fee
        "What did she say about the age of mass tourism?",
        "How much time did she spend in Paris?",
        "税金はどれほど大切なのか？",  # how important, not how much
        "給与はどれくらい高いの？",
        "給料はどのくらいの頻度で支払われますか？",  # how often
        "3回いくらでも挑戦できる？",
    ],
)
def test_no_measure_is_read_into_other_questions(question: str) -> None:
    assert has_figure("何も書いていない文。", question) is None


@pytest.mark.parametrize(
    "question",
    ["何度も再利用する技法が生まれたのは何年？", "有機物の何分解と結論されているか？"],
)
def test_counter_words_that_do_not_ask_for_a_figure(question: str) -> None:
    assert has_figure("1470年代に生まれた。", question) in (None, False)
    assert has_figure("何でも", question) is None


def test_kinds_recognised_in_a_passage() -> None:
    assert kind_present("1994年に合意した。", "date") is True
    assert kind_present("合意は長く続いた。", "number") is False
    assert kind_present("グーテンベルクが発明した。", "person") is True
    assert kind_present("何かを発明した。", "term") is None


def test_novelty() -> None:
    assert novelty("梅雨は雨季の一種である。", "梅雨は雨季の一種である？") == 0.0
    assert novelty("梅雨は雨季の一種である。", "入梅はいつ？") == 1.0


def test_years_in_kanji_digit_by_digit_are_dates() -> None:
    # 一九〇七年 writes its zero as 〇: it was no date, nor a figure.
    assert kind_present("四十七年後の一九〇七年にいたりました。", "date")
    assert kind_present("一九〇七年にいたりました。", "number")


def test_english_dates_and_names_are_recognised() -> None:
    text = "For a century the light was kept by the Tallis family. Edmund Tallis arrived in 1871."
    assert kind_present(text, "date") and kind_present(text, "person")
    assert not kind_present("The tower is tall. It stands on a rock.", "date")
    # A capitalised word that opens a sentence is not a name.
    assert not kind_present("The tower is tall. It stands on a rock.", "person")


def test_a_time_of_day_answers_when() -> None:
    # 何時に閉まりますか？ is asked as a date: a time of day or a weekday is one, a length of
    # time is not.
    for text in (
        "営業時間は午前10時から午後8時までです。",
        "受付は9:30に始まる。",
        "窓口は9:00～17:00です。",
        "The office is open from 9:30 until 16:00.",
        "開場は午前十時です。",
        "The doors open at 7 p.m. on weekdays.",
        "The shop closes at 6pm.",
        "休館日は毎週月曜日です。",
        "The library is closed on Mondays.",
    ):
        assert kind_present(text, "date"), text
    for text in (
        "駐車場は2時間まで無料です。",
        "作業には3時間かかる。",
        "一時的に閉鎖された。",
        "The ratio was 3:1.",
        "模型の縮尺は1:50です。",
        "The model is built at a scale of 1:50.",
    ):
        assert not kind_present(text, "date"), text


def test_a_fee_is_answered_by_an_amount_not_by_a_time() -> None:
    info = analyse("入館料は？")
    assert not holds_answer("10:00　美術館に入る。", info, "入館料は？")
    assert holds_answer("入館料は一般800円、高校生以下は無料。", info, "入館料は？")


def test_an_amount_after_its_currency_code_is_money() -> None:
    # USD 100, EUR 20: the code before the figure, as fee tables write it.
    question = "How much does an extra bag cost on an international flight?"
    assert has_figure("Extra bag, international flights | USD 70 | USD 100", question)
    assert has_figure("A second bag costs EUR 20.", question)
    assert not has_figure("Bags over USDA limits are refused.", question)


def test_nothing_to_pay_is_an_amount() -> None:
    # 入場料はいくら？ answered by 無料 must not be taken for a piece that gives no amount.
    assert has_figure("入場は無料です。", "入場料はいくら？")
    assert has_figure("Admission is free of charge.", "How much is the fee?")
    assert has_figure("Admission is free.", "How much is the fee?")
    # Free time, feeling free, taking no time, a name: no amount.
    for text in (
        "They spend their free time there.",
        "Visitors are free to wander.",
        "Feel free to ask.",
    ):
        assert not has_figure(text, "How much is the fee?"), text
    for text in ("時間はかからない。", "タダシさんが来た。"):
        assert not has_figure(text, "入場料はいくら？"), text
    # A fee's label with none for its value, in a list or a table's row; not なし in prose.
    assert has_figure("• 礼金：なし", "礼金はいくら？")
    assert has_figure("敷金 | なし", "敷金はいくら？")
    assert not has_figure("礼金：なしとする場合もある", "礼金はいくら？")
    assert not has_figure("礼金は交渉次第です。", "礼金はいくら？")
    # Only a fee's label: nothing needed is no amount (予約：不要, 持ち物：なし).
    assert not has_figure("予約：不要", "予約料金はいくら？")
    assert not has_figure("持ち物：なし", "参加費はいくら？")


def test_a_word_of_paying_asked_with_ikura_asks_for_money() -> None:
    # 入党費 is in no list of fees; 〜費, 〜料, 〜金 asked いくら ask for an amount.
    assert has_figure("入党費は月額1,000円です。", "日本共産党の入党費はいくら？")
    assert not has_figure("入党には党員2人の推薦が必要です。", "日本共産党の入党費はいくら？")
    assert has_figure("入党には推薦が必要です。", "いくらでも入党できる？") is None


def test_money_counted_in_months_of_pay_or_rent_is_an_amount() -> None:
    text = "賞与：年2回（7月・12月）。昨年度の実績は合計4.2か月分です。"
    assert has_figure(text, "賞与の実績はどれくらい？")
    assert has_figure("• 敷金：賃料の1ヶ月分", "敷金はいくら？")
    assert not has_figure("契約期間は2か月です。", "敷金はいくら？")


def test_a_question_the_piece_asks_is_quoted_with_the_sentence_answering_it() -> None:
    # The symptoms end in a question to the reader; what to do is the next paragraph, which
    # points back at them (このような症状があるときは…).
    article = parse_article(
        "お手入れ\n\n"
        "電源コードが異常に熱くなる、ふたのすき間から蒸気がもれる、といった症状はありませんか。\n\n"
        "このような症状があるときは、使用を中止し、電源プラグを抜いて販売店にご相談ください。\n\n"
        "パッキンは1年に1回交換してください。\n"
    )
    question = "ふたのすき間から湯気がもれてくるんですが、使い続けても大丈夫？"
    chosen = choose(article, question, analyse(question), [0])
    assert chosen == [0, 1]
    # A statement before a paragraph that points back brings nothing of it.
    plain = parse_article("題\n\n蒸気がもれることがあります。\n\nこのため、注意してください。\n")
    assert choose(plain, question, analyse(question), [0]) == [0]


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("これまでに1,200台を配りました。", True),
        ("車は1台までです。", True),
        ("12台で3,000円です。", True),
        # One of a counter priced or rated is a rate, not the count asked.
        ("ラジオを1台3,000円でお分けしています。", False),
        ("1台あたり2,000円です。", False),
        ("一台につき500円。", False),
    ],
)
def test_one_of_a_counter_priced_is_no_count(text: str, holds: bool) -> None:
    assert has_figure(text, "ラジオはこれまでに何台配りましたか") is holds
