import pytest

from bot.core.question import (
    analyse,
    asked_counter,
    asks_for_gist,
    asks_full_name,
    requests_an_answer,
)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # The day of an event is a date; a day that asks which one, or a plain day, is not.
        ("グスタフ・マーラーの誕生日は？", "date"),
        ("新モデルの発売日は？", "date"),
        ("2010年5月21日はパックマンの何の記念日？", "other"),
        ("選挙の翌日は？", "other"),
        ("平日は？", "other"),
        ("試験当日は？", "other"),
        ("土曜日は？", "other"),
        ("休館日は何曜日ですか？", "date"),
        # A fee asks for a figure; a material or an age does not.
        ("兼六園の入場料は？", "number"),
        ("電気代は？", "number"),
        ("材料は？", "other"),
        ("江戸時代は？", "other"),
        ("監督の交代は？", "other"),
        ("着色料は？", "other"),
        ("消費は？", "other"),
        ("入党費はいくらでしょうか。", "number"),
        ("ティモフェーエフ氏は何歳？", "number"),
        ("条約を批准したのはいつ？", "date"),
        ("初めての国会議員は誰か", "person"),
        ("主にどこで活躍したか？", "place"),
        ("梅雨の半ばに一旦天気が回復する期間を何という？", "term"),
        ("国連の正式名称は？", "term"),
        ("なぜパスツールは実験をしなかったのか", "reason"),
        ("梅雨とは何か", "definition"),
        # Any unit the tagger marks as a counter, with no list of units: a figure is asked.
        ("タンク1基は何リットル？", "number"),
        ("畑の広さは何ヘクタール？", "number"),
        # 何部 is a club one joins or leads, or a count of copies.
        ("高校で何部に入ってる？", "other"),
        ("何部の部長ですか", "other"),
        ("会報は毎月何部刷っている？", "number"),
    ],
)
def test_expected_answer_type(question: str, kind: str) -> None:
    assert analyse(question).kind == kind


def test_focus_drops_the_frame_not_the_subject() -> None:
    assert "名称" not in analyse("国連の正式名称は？").focus
    assert "国連" in analyse("国連の正式名称は？").focus
    focus = analyse("デオキシリボ核酸をアルファベット3文字で表すと？").focus
    assert "アルファベット" not in focus and "デオキシリボ核酸" in focus
    # "This piece" is framing; a longer word that starts or ends like one is the subject.
    assert "結論" in analyse("このエッセイの結論は？").focus
    assert "エッセイ" not in analyse("このエッセイの結論は？").focus
    # A language the answer is asked in is frame; one a compound names is the subject.
    assert "英語" not in analyse("この花の英語名は？").focus
    assert "英語" not in analyse("英語の名前は？").focus
    assert "英語教室" in analyse("子ども向けの英語教室でおすすめは？").focus
    for question, subject in [
        ("日本小説の特徴は？", "日本小説"),
        ("この話題について詳しく", "話題"),
        ("この小説家は誰ですか？", "小説家"),
        ("このコラムニストは誰？", "コラムニスト"),
    ]:
        assert subject in analyse(question).focus, question


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("リスボン、ポルト、ファロがおもな国際空港を持つ国は", True),
        ("しんぶん赤旗を発行するのはどこの党か。", True),
        ("山田麻莉奈のかしこまりり!を放送しているラジオ局は？", True),
        ("ミッテルランド運河が市内を走るドイツの都市は？", True),
        ("世界有数の性の解放区として有名な国はどこですか？", True),
        ("赤嶺政賢の所属政党は？", True),
        ("日本の首相は誰ですか", False),
        ("やがて私の時代が来ると発言したのは？", True),
        ("ラオスの人口は何人？", False),
        ("梅雨とは何か", False),
    ],
)
def test_asks_for_the_subject(question: str, subject: bool) -> None:
    assert analyse(question).asks_subject is subject


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When did the State Duma ratify the treaty?", "date"),
        ("In which year did North Korea carry out its first nuclear test?", "date"),
        ("How many countries are in the coalition?", "number"),
        ("Who wrote this piece?", "person"),
        ("Where is the Valdai Club based?", "place"),
        ("Why are sanctions losing their force?", "reason"),
        ("What position does Ivan Timofeev hold?", "other"),
    ],
)
def test_english_questions_get_an_answer_type(question: str, kind: str) -> None:
    info = analyse(question)
    assert info.kind == kind and info.focus == question and not info.asks_subject


@pytest.mark.parametrize(
    "question",
    [
        "この記事は何について書かれている？",
        "要約して",
        "この記事の要点は？",
        "筆者の言いたいことは？",
        "この文章を三行でまとめて",
        "What is this piece about?",
        "Give me a summary",
        "What are the main points?",
        "tl;dr",
        "この記事の結論は？",
        "筆者の主張は？",
        "What does the author conclude?",
        # Whatever the reader calls the piece: an essay, a column, a paper, a lecture, a story.
        "このエッセイの結論は？",
        "このコラムの要点は？",
        "この論文の主張は？",
        "この講演の教訓は？",
        "What is the moral of the story?",
        "What is the lesson of this lecture?",
        # What it proposes, teaches, holds important: its thesis, which the summary carries.
        "筆者は何を提案している？",
        "What does the author propose?",
        "この話から何を学べるか？",
        "筆者は何が重要だと言っている？",
        "筆者はどう考えている？",
    ],
)
def test_questions_about_the_whole_piece(question: str) -> None:
    assert asks_for_gist(question)


@pytest.mark.parametrize(
    "question",
    [
        "制裁の要点は？",
        "北朝鮮の主張は？",
        "What is the treaty about?",
        "要因は？",
        "概要欄とは？",
        "What does the author argue about sanctions?",
        "制裁について筆者はどう考えている？",
        "What did Carnegie propose?",
    ],
)
def test_questions_about_a_topic_are_not_about_the_whole_piece(question: str) -> None:
    assert not asks_for_gist(question)


def test_questions_for_a_full_name() -> None:
    assert asks_full_name("国連の正式名称は？") and asks_full_name("マーラーのフルネームは？")
    assert not asks_full_name("国連の略称は？") and not asks_full_name("国連の本部はどこ？")


@pytest.mark.parametrize(
    ("question", "about_named"),
    [
        ("ダルガスとは誰？", True),
        ("ダルガスってどんな人？", True),
        ("国連とは何ですか", True),
        ("Who was Dalgas?", True),
        ("What is a nucleobase?", True),
        ("日本の首相は誰？", False),  # who holds an office: the answer names someone new
        ("グアニンを発見したのは誰？", False),
        ("Who wrote this?", False),
        ("What is the capital?", False),
        ("What is this piece about?", False),
    ],
)
def test_questions_about_a_named_thing(question: str, about_named: bool) -> None:
    assert analyse(question).about_named is about_named


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("そのうち市が負担している額をお示しください。", True),
        ("市の考えをお聞かせください。", True),
        ("高齢者の負担について、どのようにお考えでしょうか。", True),
        ("Is the pool heated?", True),
        ("予約は前日の午後5時までです。", False),
        ("「どうして？」と彼は聞いた。", False),
        ("詳しくは窓口でお尋ねください。", False),  # a notice's request, no question to answer
    ],
)
def test_a_sentence_asking_for_an_answer(sentence: str, asks: bool) -> None:
    assert requests_an_answer(sentence) is asks


@pytest.mark.parametrize(
    ("question", "counter"),
    [
        ("水は1人何リットル備えればいい？", "リットル"),
        ("なるいし丸は1日何便あるの？", "便"),
        ("小テストは何問出ますか", "問"),
        ("何泊できますか", "泊"),
        # 何 as "what", not a numeral: what to wear, what was eaten.
        ("何着ていけばいい？", None),
        ("何食べた？", None),
        # Kanji counters whose answers are written otherwise (N人, 第N条) are left out.
        ("第何条に書いてある？", None),
    ],
)
def test_the_counter_a_question_asks_a_figure_in(question: str, counter: str | None) -> None:
    assert asked_counter(question) == counter
