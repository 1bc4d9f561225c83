from bot.core.korean import korean_words


def test_a_korean_word_loses_its_particle_or_ending_and_question_words_go() -> None:
    assert korean_words("훈민정음은 언제 반포되었나요?") == ["훈민정음", "반포되"]
    assert korean_words("세종대왕은 언제") == ["세종대왕"]
