"""Interviews: the interviewer's question paragraphs, and the paragraphs answering them."""

from __future__ import annotations

import pytest

from bot.core.article import parse_article
from bot.core.files import default_article_path, load_article
from bot.core.interview import (
    NO_INTERVIEW,
    asked_sentences,
    asks,
    find_interview,
    mark_of,
    speaker_of,
)
from bot.settings import SEEDS_DIR
from tests.conftest import SHARED_PIECES, TEST_DATA

# A made-up interview in the shape of a magazine's: a lead, then question and answer.
INTERVIEW = (
    "島のパンを焼き続けて　パン職人・川島実さんに聞く\n\n"
    "聞き手・木村由紀\n"
    "月刊まちの暮らし\n"
    "2023-06-01\n"
    "瀬戸内の小さな島でパン店を営む川島実さん（52）。島の小麦だけで焼くパンが評判を呼び、"
    "昨年は東京の百貨店の催事にも出店した。\n"
    "――パン職人になったきっかけは何ですか。\n"
    "子どもの頃、祖母が薪の窯で焼いてくれた田舎パンの香りが忘れられなかったんです。"
    "高校を出てすぐ、神戸のベーカリーに住み込みで弟子入りしました。\n"
    "――島に店を出した理由は。\n"
    "港の近くの古い倉庫を安く譲ってもらえたからです。それに、畑で小麦を育ててくれる農家が"
    "見つかった。海を見ながら生地をこねるのは、今でも格別です。\n"
    "――東京の百貨店での催事はいかがでしたか。\n"
    "驚きました。5日間で延べ3,000人にお越しいただき、用意した900個のうち850個が売れました。"
    "特に、いちじくのパンが人気でした。\n"
    "――これからの目標を教えてください。\n"
    "地元の子どもたちとパンを焼く教室を開きたいですね。来年の夏から、月に2回、店の奥の工房で"
    "始める予定です。\n"
)

# A made-up talk's record: the speaker's turns, then the audience's questions and replies.
TRANSCRIPT = (
    "市民講座「屋上でミツバチを飼う」記録\n\n"
    "司会：お待たせしました。本日の講師は養蜂家の森川さんです。\n"
    "森川：こんにちは。今日は駅前のビルの屋上でミツバチを飼っている話をします。\n"
    "巣箱は5年前に2箱から始めて、いまは12箱あります。春から夏にかけて、1箱で年に"
    "およそ15キロの蜂蜜がとれます。\n"
    "では、ミツバチはどこまで蜜を集めに行くのか。半径2キロほどの公園や街路樹です。\n"
    "質疑応答\n"
    "司会：ここからは会場の皆さんのご質問をどうぞ。\n"
    "参加者A：刺されることはありませんか。\n"
    "森川：巣箱に近づきすぎなければ、まず刺されません。屋上は関係者しか入れないようにしています。\n"
    "司会：では、後ろの方。\n"
    "参加者B：とれた蜂蜜はどこで買えますか。\n"
    "森川：毎月第2土曜日に、ビル1階の朝市で売っています。\n"
    "参加者B：ありがとうございます。\n"
    "司会：それでは、これで講座を終わります。\n"
)


def piece(*paragraphs: str) -> str:
    return "A title\n\n" + "\n".join(paragraphs) + "\n"


def test_an_interview_s_questions_and_their_answers() -> None:
    interview = find_interview(parse_article(INTERVIEW))
    assert interview.questions == {2, 4, 6, 8}
    assert interview.answers == {2: (3,), 4: (5,), 6: (7,), 8: (9,)}
    assert interview.question_of == {3: 2, 5: 4, 7: 6, 9: 8}
    assert 1 not in interview.question_of  # the lead answers nothing


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("――島に店を出した理由は。", "dash"),
        ("―― 島に店を出した理由は。", "dash"),
        ("──島に店を出した理由は。", "dash"),
        ("——島に店を出した理由は。", "dash"),
        ("―島に店を出した理由は。", "dash"),
        ("-- Why the island?", "dash"),
        ("Q.島に店を出した理由は。", "q"),
        ("Q：島に店を出した理由は。", "q"),
        ("Ｑ．島に店を出した理由は。", "q"),
        ("Ｑ 島に店を出した理由は。", "q"),
        ("Ｑ島に店を出した理由は。", "q"),
        ("Q1. 島に店を出した理由は。", "q"),
        ("【Q】島に店を出した理由は。", "q"),
        ("Q: Why the island?", "q"),
        ("Q. Why the island?", "q"),
        ("Interviewer: Why the island?", "label"),
        ("聞き手：島に店を出した理由は。", "label"),
        ("問：島に店を出した理由は。", "label"),
    ],
)
def test_the_interviewer_s_marks(opening: str, kind: str) -> None:
    assert mark_of(opening) == kind


@pytest.mark.parametrize(
    "opening",
    [
        "- a list item",  # a bullet
        "――",  # a rule: no words after the dashes
        "Quite so, she said.",
        "Qatar signed the treaty in 2019.",
        "QRコードで支払える店が増えた。",
        "島に店を出したのは港の倉庫が安かったからだ。",
        "「――そうか」と彼は言った。",
    ],
)
def test_no_mark(opening: str) -> None:
    assert mark_of(opening) is None


def test_questions_and_requests_ask_statements_do_not() -> None:
    assert asks("――島に店を出した理由は。")
    assert asks("――これからの目標を教えてください。")
    assert asks("Q: How did the market stall go?")
    assert not asks("――燃料の値上がりが続いています。")
    # 何もかも, いつも, どこにも, what he had done: words of a statement.
    assert not asks("――何もかもが変わってしまった。")
    assert not asks("――あの頃はいつも、ここで夢を語り合っていた。")
    assert not asks("司会：では、ご質問をどうぞ。") and asks("――どうして島に？")
    assert not asks("— and he knew what he had done.")
    assert not asks("Q3 is usually the quietest period for the chain.")  # a quarter, no Q
    # Read after the mark: Q: Tell us… asks.
    assert asks("Q: Tell us about your first restaurant.")
    assert asks("Interviewer: Describe a normal day.")


def test_an_english_q_and_a() -> None:
    article = parse_article(
        piece(
            "Maria Lopez has run a bakery on a small island for twenty years.",
            "Q: Why did you open the bakery on the island?",
            "A: An old warehouse near the harbour was offered to me at a low price.",
            "Q: How did the market stall go?",
            "A: Better than I hoped. We sold 700 of our 800 loaves in four days.",
            "That was the last of the interview; her bakery is open every day.",
        )
    )
    interview = find_interview(article)
    assert interview.questions == {2, 4}
    # What follows the last answer is read as part of it: no mark ends it.
    assert interview.answers == {2: (3,), 4: (5, 6)}


def test_a_heading_ends_an_answer() -> None:
    article = parse_article(
        piece(
            "――島に店を出した理由は。",
            "港の近くの古い倉庫を安く譲ってもらえたからです。",
            "――これからの目標は？",
            "パンを焼く教室を開きたいですね。来年の夏から始める予定です。",
            "プロフィール",
            "かわしま・みのる　1971年生まれ。神戸で修業し、2003年に島で開業した。",
        )
    )
    assert find_interview(article).answers == {1: (2,), 3: (4,)}


@pytest.mark.parametrize(
    "paragraphs",
    [
        # One dash is no interview: a line of thought in a story.
        (
            "彼は港に立って海を見ていた。",
            "――あの日も、こんな風が吹いていた。",
            "船が出ていくのを、彼は最後まで見送った。",
        ),
        # Dialogue: the dashes follow each other, few lines without one come after them.
        (
            "— Where are you going?",
            "— To the harbour, why?",
            "— Is the ferry running today?",
            "— Nobody knows.",
            "They walked on in silence.",
        ),
        # Dashes that state, and ask nothing.
        (
            "――あの日も、こんな風が吹いていた。",
            "船が出ていくのを、彼は最後まで見送った。",
            "――それから十年が過ぎた。",
            "港には新しい倉庫が建った。",
        ),
        # A novel's dash lines with 何も and いつも in them.
        (
            "――何もかもが変わってしまった。",
            "駅前の商店街はシャッターを下ろし、賑わいはどこにもなかった。",
            "――あの頃はいつも、ここで友人たちと夢を語り合っていた。",
            "店の窓には色あせた張り紙が残っていた。",
            "――それでも、この町で生きていくと決めたのだ。",
            "翌朝、彼は町役場を訪ねた。",
        ),
        # Each question holds its own answer (Q. … A. …): no paragraph stands for another.
        (
            "Q. 店は何時に開きますか？ A. 朝7時です。",
            "Q. 定休日はありますか？ A. 水曜日です。",
            "ご来店をお待ちしています。",
        ),
    ],
)
def test_what_is_no_interview(paragraphs: tuple[str, ...]) -> None:
    assert find_interview(parse_article(piece(*paragraphs))) == NO_INTERVIEW


def test_a_story_s_line_that_asks_is_answered_by_the_line_after_it() -> None:
    interview = find_interview(
        parse_article(
            piece(
                "ケンは店に入ると、古いかんなを指さした。",
                "「おじいさんは、どんなお仕事をしていたの」",
                "「大工です。町の家をたくさん建てました」",
                "店主はうなずいた。",
                "「あのかんな、そんなに高いの。安くしてあげればいいのに」",
                "「安くするのは簡単だよ」",
                "「手伝います。何日ですか」",
                "「三日だね。三日目の分は、おまけにしておくよ」",
                "「どうして？」",
                "「なぜって？」",
            )
        )
    )
    # A line that states (…いいのに) asks nothing; one answered only by another question is
    # not answered. Both answered lines only ask (手伝います。 states nothing of the story's).
    assert interview.answers == {2: (3,), 7: (8,)}
    assert interview.questions == {2, 7}


def test_a_story_s_greetings_requests_and_statements_ask_nothing() -> None:
    article = parse_article(
        piece(
            "ユイはパン屋に入った。",
            "「こんにちは」",
            "「いらっしゃい。早いね」",
            "「クロワッサンを二つと、食パンを一斤ください」",
            "「はい、全部で六百円ね」",
            "「どんなに寒くても、朝の水やりは欠かさない」",
            "「なんでもかんでも機械に頼るのはよくないの」",
            "ユイは店を出た。",
        )
    )
    assert find_interview(article) == NO_INTERVIEW


def test_a_story_s_questions_in_any_spelling_and_replies_that_ask_back() -> None:
    interview = find_interview(
        parse_article(
            piece(
                "ケンは店主に話しかけた。",
                "「おじいさんは、どんなお仕事をしていたの。」",
                "「大工です。あなたのおじいさんは？」",
                "「お店は、どちらにあるんですか。」",
                "「駅の北口です」",
                "「なんだか眠いの」",
                "「どこに行っても同じなの」",
                "ケンは店を出た。",
            )
        )
    )
    # 。 after the question's の, どちら; a reply that states and asks back answers; なんだか
    # and どこに行っても state.
    assert interview.answers == {2: (3,), 4: (5,)}
    assert interview.questions == {2, 4}


def test_a_transcript_s_asking_turns_are_answered_by_the_next_speaker() -> None:
    interview = find_interview(parse_article(TRANSCRIPT))
    # 参加者A's question is answered by 森川's turn, up to 司会's; 参加者B's up to 参加者B's
    # thanks. 司会's invitation (…どうぞ。) is answered by no one: a question comes next. The
    # speaker's own question on the way (…どこまで蜜を集めに行くのか。) is no one's question.
    assert interview.answers == {7: (8,), 10: (11,)}
    assert interview.questions == {7, 10}


def test_an_english_panel_s_questions_and_replies() -> None:
    article = parse_article(
        piece(
            "Moderator: Welcome to the evening on the town's new ferry line.",
            "Ms. Okafor: The line opened in May. Boats leave every 20 minutes.",
            "Moderator: We have time for questions.",
            "Audience member: How much does a ticket cost?",
            "Ms. Okafor: A single ticket is 3 euros; children ride free.",
            "Audience member: And will it run in winter?",
            "Ms. Okafor: Yes, but every 40 minutes.",
            "The timetable is posted at both piers.",
            "Moderator: Thank you all for coming.",
        )
    )
    interview = find_interview(article)
    assert interview.answers == {4: (5,), 6: (7, 8)}


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        ("司会：皆さん、こんばんは。", "司会"),
        ("質問者2：一つ伺います。", "質問者2"),
        ("参加者Ａ：刺されませんか。", "参加者a"),
        ("田中（司会）：始めます。", "田中"),  # the same speaker as 田中：
        ("Speaker 1 (00:01): Good evening.", "speaker 1"),
        ("[10:30] 田中：始めます。", "田中"),
        ("Audience member: How much is it?", "audience member"),
        ("Dr. Lee: It depends.", "dr. lee"),
    ],
)
def test_a_speaker_s_label(opening: str, speaker: str) -> None:
    assert speaker_of(opening) == speaker


@pytest.mark.parametrize(
    "opening",
    [
        "- 日時：6月1日",  # a bulleted item
        "1. 材料：卵2個",  # a numbered one
        "10:30 開会のあいさつ",  # a time
        "10:30 受付：1階ロビー",  # a bare time before a field: a schedule's line
        "[10:30]：開会",  # a time and no name
        "https://example.com/bees",  # a URL
        "駅前のビルの屋上で育てているミツバチについて話します：",  # a sentence, nothing after
        "結論から言うと、今年の春に巣箱を増やした理由は三つある：",  # a long clause
        "司会：",  # a label and nothing said
    ],
)
def test_no_speaker(opening: str) -> None:
    assert speaker_of(opening) is None


@pytest.mark.parametrize(
    "paragraphs",
    [
        # Minutes: each field once; the one that asks (議題) is answered by no speaker.
        (
            "日時：2024年9月3日（火）19時〜20時30分",
            "場所：公民館 第1会議室",
            "議題：秋祭りの会場をどこにするか",
            "出席者：会長、副会長、会計、書記",
            "会長から、今年も小学校の校庭を借りる案が出され、承認された。",
            "次回：10月1日（火）19時から",
        ),
        # A leaflet: fields, one asking and another field after it, each field once.
        (
            "製品名：すっきり目薬",
            "成分：ビタミンB12、タウリン",
            "こんなときに？：目の疲れ、かすみ目に",
            "用法：1日3〜6回、1回1〜2滴",
            "保管：直射日光を避けて保管してください。",
        ),
        # A recipe: its fields, and a tip that asks with no one to answer it.
        (
            "材料：卵2個、砂糖大さじ1、牛乳100ml",
            "手順：卵を割りほぐし、砂糖と牛乳を混ぜる。",
            "ポイント：甘さ控えめにしたいときは？",
            "仕上げ：弱火で焼き、裏返して1分。",
            "ポイント：焦げやすいので火加減に注意。",
        ),
        # A recipe whose tips ask, each followed by another field.
        (
            "材料：卵2個、砂糖大さじ1、牛乳100ml",
            "ポイント：甘さ控えめにしたいときは？",
            "砂糖：小さじ1に減らしてもおいしく焼けます。",
            "手順：卵を割りほぐし、牛乳を混ぜて焼く。",
            "ポイント：ふんわりさせるには？",
            "焼き方：ふたをして弱火で3分。",
        ),
        # One speaker's questions to the audience, answered by no one else.
        (
            "講師：皆さんは、ミツバチが何キロ飛ぶか知っていますか。",
            "実は、2キロほどです。",
            "講師：では、1匹が一生に集める蜜はどのくらいでしょう？",
            "小さじ1杯にもなりません。",
        ),
        # Two speakers who state and never ask.
        (
            "田中：今年の巣箱は12箱になりました。",
            "森川：去年より3箱増えましたね。",
            "田中：春の蜜は特に香りがいいんです。",
            "森川：朝市でもよく売れています。",
        ),
    ],
)
def test_lines_with_labels_that_are_no_transcript(paragraphs: tuple[str, ...]) -> None:
    assert find_interview(parse_article(piece(*paragraphs))) == NO_INTERVIEW


# A made-up debate: each turn of the councillor's states a figure, then asks.
DEBATE_TURNS = (
    "Councillor Amos: The new bridge will cost 9 million pounds. Is that too much?",
    "Ms. Ferreira: It is too much for a bridge that saves four minutes.",
    "Councillor Amos: The ferry carried 200 cars a day last year. Can it carry more?",
    "Ms. Ferreira: Not without a second boat.",
    "Councillor Amos: The mayor wants the bridge open by 2027. Why wait?",
    "Ms. Ferreira: Because the river floods every spring.",
)
DEBATE = piece(*DEBATE_TURNS)


def test_a_turn_that_states_and_then_asks_is_answered_but_no_one_s_question() -> None:
    # Each of the councillor's turns states a fact, then asks: the reply answers it, but it
    # is no interviewer's question that only points to the reply: it is quoted for its fact.
    article = parse_article(DEBATE)
    interview = find_interview(article)
    assert interview.answers == {1: (2,), 3: (4,), 5: (6,)}
    assert not interview.questions and interview.stating == {1, 3, 5}
    assert interview.exchanges[2] == interview.exchanges[1] == {1, 2}
    asked = {article.sentences[i].text for i in asked_sentences(article)}
    assert asked == {"Is that too much?", "Can it carry more?", "Why wait?"}


def test_every_sentence_of_a_question_is_asked_none_of_an_answer() -> None:
    article = parse_article(INTERVIEW)
    interview = find_interview(article)
    asked = asked_sentences(article)
    assert {article.sentences[i].paragraph for i in asked} == interview.questions


def test_a_turn_that_asks_on_the_way_is_answered_by_no_one() -> None:
    # Asks on the way, then goes on stating: the floor is not handed over.
    paragraphs = list(DEBATE_TURNS)
    paragraphs[2] = "Councillor Amos: Is that too much? I say it is not, and the council agrees."
    interview = find_interview(parse_article(piece(*paragraphs)))
    assert interview.answers == {1: (2,), 5: (6,)}


@pytest.mark.parametrize(
    ("paragraphs", "answers"),
    [
        # Courtesies and framing around a question: it is still only a question.
        (
            (
                "司会：では、ご質問をどうぞ。",
                "参加者：貴重なお話をありがとうございました。巣箱はどこに置けばいいですか。",
                "森川：日当たりのいい、風の弱い場所です。",
                "参加者：はい。蜂蜜はいつとれますか？よろしくお願いします。",
                "森川：5月と7月です。",
            ),
            {2: (3,), 4: (5,)},
        ),
        (
            (
                "Moderator: We have time for questions.",
                "Audience member: Thank you. How much does a ticket cost?",
                "Ms. Okafor: A single ticket is 3 euros.",
                "Audience member: Thanks, I have one more. Does it run in winter?",
                "Ms. Okafor: Yes, every 40 minutes.",
            ),
            {2: (3,), 4: (5,)},
        ),
        # A label's role in brackets names the same speaker: 田中 answers on, up to 森川.
        (
            (
                "田中（司会）：今日は屋上の巣箱を見に来ました。",
                "森川：ようこそ。巣箱は12箱あります。",
                "田中：蜂蜜はどこで買えますか。",
                "森川：1階の朝市で売っています。",
                "森川：毎月第2土曜日です。",
                "田中（司会）：では、いつとれますか。",
                "森川：5月と7月です。",
                "田中：ありがとうございました。",
            ),
            {3: (4, 5), 6: (7,)},
        ),
    ],
)
def test_a_question_turn_asks_and_states_nothing(
    paragraphs: tuple[str, ...], answers: dict[int, tuple[int, ...]]
) -> None:
    assert find_interview(parse_article(piece(*paragraphs))).answers == answers


# A question time whose first asker's turn (¶2) is filled in by each test.
QUESTION_TIME = {
    "ja": (
        "司会：では、ご質問をどうぞ。",
        "森川：日当たりのいい場所です。",
        "参加者：蜂蜜はいつとれますか？",
        "森川：5月と7月です。",
        "参加者：巣箱はどこで買えますか。",
        "森川：1階の朝市です。",
    ),
    "en": (
        "Moderator: We have time for questions.",
        "Ms. Okafor: At both piers.",
        "Audience member: Does it run in winter?",
        "Ms. Okafor: Yes, every 40 minutes.",
        "Audience member: Can I bring a bicycle?",
        "Ms. Okafor: Yes, for free.",
    ),
}


def test_a_turn_that_asks_on_the_way_hands_nothing_over() -> None:
    first, *rest = QUESTION_TIME["ja"]
    turn = "参加者：じゃあ、どこに置けばいいのか。屋上の南側に置くしかないと講習で習いました。"
    interview = find_interview(parse_article(piece(first, turn, *rest)))
    assert interview.answers == {4: (5,), 6: (7,)}


@pytest.mark.parametrize(
    ("language", "turn"),
    [
        ("ja", "参加者：今年は巣箱を12箱に増やしました。どこに置けばいいですか。"),  # a figure
        ("ja", "参加者：ミツバチの話は初めてです。どこに置けばいいですか。"),  # a name
        ("ja", "参加者：市は屋上の養蜂を来年から支えると言いました。どこに置けばいいですか。"),
        ("en", "Audience member: The mayor called the fares too high. Where are tickets sold?"),
        ("en", "Audience member: We asked Ms. Okafor. Where are tickets sold?"),  # a name
        ("en", "Audience member: The line lost 2 million. Where are tickets sold?"),  # a figure
    ],
)
def test_a_turn_that_states_something_before_asking_is_quoted(language: str, turn: str) -> None:
    first, *rest = QUESTION_TIME[language]
    interview = find_interview(parse_article(piece(first, turn, *rest)))
    assert 2 not in interview.questions and 2 in interview.stating
    assert interview.answers == {2: (3,), 4: (5,), 6: (7,)}


def test_an_faq_s_questions_are_still_its_q_marks() -> None:
    article = parse_article(
        piece(
            "Q: 巣箱は何箱ありますか？",
            "A: いまは12箱です。",
            "Q: 蜂蜜はどこで買えますか？",
            "A: ビル1階の朝市で買えます。",
        )
    )
    interview = find_interview(article)
    assert interview.questions == {1, 3} and interview.answers == {1: (2,), 3: (4,)}


def test_the_project_s_pieces_are_no_interviews() -> None:
    paths = [default_article_path(SEEDS_DIR), TEST_DATA / "jishin-zakkan.txt"]
    paths += sorted(SHARED_PIECES.glob("*.txt"))
    for path in paths:
        assert not find_interview(load_article(path)), path


def test_a_heading_stands_for_the_paragraphs_under_it_and_a_question_for_its_answer() -> None:
    from bot.core.interview import Interview, stands_for

    interview = Interview(frozenset({8}), {8: (9,)})
    assert stands_for(interview, {3: 2, 4: 2, 6: 5}) == {2: (3, 4), 5: (6,), 8: (9,)}
    assert stands_for(NO_INTERVIEW, {}) == {}
