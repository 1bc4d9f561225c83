"""Languages: of a text, of the bot's own sentences, of an answer, of quote marks."""

from __future__ import annotations

import pytest

from bot.core.article import Article
from bot.core.language import (
    detect_language,
    differs_from_piece,
    is_japanese,
    language_code,
    language_label,
    question_language,
    quote_marks,
    target_language,
    ui_language,
    writes_without_spaces,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("これは日本語です", True), ("北朝鮮", True), ("This is English.", False), ("12345", False)],
)
def test_is_japanese(text: str, expected: bool) -> None:
    assert is_japanese(text) is expected


def test_languages(article: Article) -> None:
    piece = article.meta.language
    assert language_code("en-US") == "en" and language_code(None) is None
    assert target_language(None, piece) == "Japanese"
    assert target_language("pt-BR", piece) == "Portuguese"
    assert question_language("これは何？", "en-US") == "Japanese"
    assert question_language("What is this?", "de") == "German"
    assert question_language("What is this?", None) == "the same language as the question"


def test_a_question_in_a_non_latin_script_is_answered_in_its_own_language() -> None:
    # Without a locale (the terminal), a Russian or Korean question is not answered in English.
    assert question_language("Что автор говорит о санкциях?", None) == (
        "the same language as the question"
    )
    assert question_language("저자는 제재에 대해 뭐라고 하나요?", "ja") == (
        "the same language as the question"
    )
    assert question_language("123?", None) == "English"  # no words at all: nothing to follow


def test_every_discord_locale_names_its_language(article: Article) -> None:
    # Discord's locales: a reader's own language, never the piece's by default.
    discord_locales = (
        "id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro fi sv-SE vi tr cs"
        " el bg ru uk hi th zh-CN zh-TW ko"
    ).split()
    for locale in discord_locales:
        assert target_language(locale, article.meta.language) != "Japanese", locale
    assert target_language("sv-SE", article.meta.language) == "Swedish"


@pytest.mark.parametrize(
    ("locale", "sample", "default", "expected"),
    [
        ("ja", "What?", "en", "ja"),  # the locale wins over the text
        ("en-US", "これは何？", "ja", "en"),
        (None, "これは何？", "en", "ja"),  # no locale: the reader's own words decide
        (None, None, "ja-JP", "ja"),  # nothing at all: the piece's language
        (None, None, "fr", "en"),  # framing is English unless Japanese
        (None, "?", "ja", "ja"),  # no letters: the piece's language
        (None, "👍", "en", "en"),
        (None, "要約", "en", "ja"),  # kanji alone: Japanese…
        (None, "谁把长城连接起来？", "zh", "en"),  # …unless the piece is Chinese
        (None, "长城是什么时候被列入世界文化遗产的？", "zh-CN", "en"),
        (None, "これは何？", "zh", "ja"),  # kana is Japanese whatever the piece
    ],
)
def test_ui_language(locale: str | None, sample: str | None, default: str, expected: str) -> None:
    assert ui_language(locale, sample, default) == expected


def test_questions_in_another_language_than_the_piece() -> None:
    assert differs_from_piece("What is this?", "ja")
    assert not differs_from_piece("これは何？", "ja")
    assert differs_from_piece("これは何？", "en")
    assert not differs_from_piece("What is this?", "en-GB")
    # Other scripts: hangul is Korean; kanji alone may be Japanese or Chinese.
    assert not differs_from_piece("한글날은 언제인가요?", "ko")
    assert differs_from_piece("한글날은 언제인가요?", "en")
    assert differs_from_piece("When is it?", "ko")
    assert not differs_from_piece("长城是什么时候建的？", "zh")
    assert not differs_from_piece("条約批准日", "ja")
    assert differs_from_piece("これは何？", "zh")
    # No letters at all: no language to differ in.
    assert not differs_from_piece("?", "ja") and not differs_from_piece("2024", "ja")


def test_a_piece_without_a_language_is_read_by_its_script() -> None:
    assert detect_language("条約はいつ批准されたのか。") == "ja"
    assert detect_language("长城是中国古代的军事防御工程。") == "zh"
    assert detect_language("한글은 1443년 세종대왕이 창제한 문자이다.") == "ko"
    assert detect_language("Москва — столица России.") == "en"  # the alphabet says no more
    assert detect_language("1234") == "en"
    assert writes_without_spaces("zh") and writes_without_spaces("ja-JP")
    assert not writes_without_spaces("ko")


def test_languages_are_named_in_the_bots_own_language() -> None:
    assert language_label("zh", "ja") == "中国語" and language_label("zh", "en") == "Chinese"
    assert language_label("ko-KR", "en") == "Korean"
    assert language_label("xx", "ja") == "xx"


def test_quote_marks_follow_the_piece() -> None:
    assert quote_marks("ja") == ("「", "」")
    assert quote_marks("en") == ("“", "”")
