from bot.core.article import parse_article
from bot.core.interview import find_interview
from bot.core.minutes import minutes_answers, minutes_speaker

MINUTES = (
    "---\ntitle: 令和7年第2回定例会 会議録\n---\n"
    "○議長（田村誠君） これより会議を開きます。5番、佐伯陽子議員。\n\n"  # 1
    "〔5番 佐伯陽子君 登壇〕\n\n"  # 2
    "◆5番（佐伯陽子君） 通告に従い、2点質問いたします。\n\n"  # 3
    "1点目、コミュニティバスの利用者数と市の負担額をお示しください。\n\n"  # 4
    "2点目、放課後児童クラブの待機児童数をお聞かせください。\n\n"  # 5
    "○議長（田村誠君） 都市整備部長。\n\n"  # 6
    "◎都市整備部長（川口聡君） コミュニティバスについてお答えいたします。\n\n"  # 7
    "昨年度の利用者数は約18万人で、市の負担額は約9,700万円でございます。\n\n"  # 8
    "○議長（田村誠君） こども未来部長。\n\n"  # 9
    "◎こども未来部長（浜野真理子君） 本年4月1日時点の待機児童数は63人でございます。\n\n"  # 10
    "○議長（田村誠君） 佐伯陽子議員。\n\n"  # 11
    "◆5番（佐伯陽子君） ありがとうございました。以上で終わります。\n"  # 12
)


def test_a_minutes_speaker_is_the_role_before_the_name_in_brackets() -> None:
    assert minutes_speaker("◎市長（岡部浩一君） お答えいたします。") == "市長"
    assert minutes_speaker("○議長（田村誠君） 市長。") == "議長"
    assert minutes_speaker("○ 持ち物：タオル、水筒") is None  # a bullet, no name in brackets
    assert minutes_speaker("司会：それでは始めます。") is None


def test_each_question_is_answered_by_the_paragraphs_that_share_its_words() -> None:
    article = parse_article(MINUTES)
    # The chair hands the floor over and answers nothing; the bus question gets the bus
    # answer, the waiting-children question the count; the member's thanks asks nothing.
    assert minutes_answers(article) == {4: (7, 8), 5: (10,)}
    interview = find_interview(article)
    assert interview.questions == {4, 5}  # they only ask: never quoted as answers


def test_a_piece_with_a_few_bullets_is_no_minutes() -> None:
    article = parse_article(
        "お知らせ\n\n○ 持ち物\n\nタオルと水筒をお持ちください。\n\n○ 集合\n\n朝9時です。\n"
    )
    assert minutes_answers(article) == {}


def test_a_member_s_words_that_frame_a_question_are_no_answer() -> None:
    import asyncio

    from bot.engines.offline.engine import OfflineEngine

    article = parse_article(
        "会議録\n\n○議長（田村誠君） 5番、佐伯陽子議員。\n\n◆5番（佐伯陽子君） 質問します。\n\n"
        "バス運賃の改定についてお尋ねします。改定後の運賃の額をお示しください。\n\n"
        "次に、図書館の開館時間についてお尋ねします。延長の予定をお聞かせください。\n\n"
        "○議長（田村誠君） 市長。\n\n◎市長（岡部浩一君） お答えいたします。\n\n"
        "改定後の運賃は大人二百円です。\n\n図書館は来年4月から午後8時まで開館します。\n"
    )
    answer = asyncio.run(OfflineEngine(article).ask("バス運賃はいくら？"))
    assert [c.passage for c in answer.citations] == [7]
