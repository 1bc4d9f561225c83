"""The one place that decides languages: of a text, of a reader, of an answer, of quote marks.

Two kinds of language appear in piece-bot:

* the *framing* language (`ui_language`): 'ja' or 'en', the two languages the bot's own
  sentences are written in (notes, headings, errors);
* the *answer* language (`target_language`, `question_language`): any language a model can
  write, named in English for the prompt ("German", "Japanese").
"""

from __future__ import annotations

import re

from bot.core.scripts import HALFWIDTH_KATAKANA, HANGUL, KANA, KANA_CHAR, KANJI

_CJK = re.compile(f"[{KANA}{KANJI}{HALFWIDTH_KATAKANA}]")
_HANGUL = re.compile(f"[{HANGUL}]")
_SAMPLE_CHARS = 20_000
_LETTER = re.compile(r"[^\W\d_]")

# Discord's locales (and a few more), by language code: a reader gets their own language.
LANGUAGE_NAMES = {
    "ja": "Japanese",
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "ru": "Russian",
    "uk": "Ukrainian",
    "ko": "Korean",
    "zh": "Chinese",
    "nl": "Dutch",
    "pl": "Polish",
    "id": "Indonesian",
    "da": "Danish",
    "hr": "Croatian",
    "lt": "Lithuanian",
    "hu": "Hungarian",
    "no": "Norwegian",
    "ro": "Romanian",
    "fi": "Finnish",
    "sv": "Swedish",
    "vi": "Vietnamese",
    "tr": "Turkish",
    "cs": "Czech",
    "el": "Greek",
    "bg": "Bulgarian",
    "hi": "Hindi",
    "th": "Thai",
}
# The same names in Japanese, for the bot's Japanese sentences ("…で質問してください").
JAPANESE_NAMES = {
    "ja": "日本語",
    "en": "英語",
    "fr": "フランス語",
    "de": "ドイツ語",
    "es": "スペイン語",
    "it": "イタリア語",
    "pt": "ポルトガル語",
    "ru": "ロシア語",
    "uk": "ウクライナ語",
    "ko": "韓国語",
    "zh": "中国語",
}
UI_LANGUAGES = ("en", "ja")  # the languages the bot's own sentences are written in
SAME_AS_QUESTION = "the same language as the question"


def is_japanese(text: str) -> bool:
    """True when kana appear, or CJK characters make up a fair share of the letters."""
    if KANA_CHAR.search(text):
        return True
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if _CJK.match(c)) / len(letters) > 0.3


def in_chinese_characters(text: str) -> bool:
    """Whether `text` is written in Chinese characters without kana: Japanese (要約) or Chinese
    (谁写的), which the script alone does not tell apart."""
    return not KANA_CHAR.search(text) and is_japanese(text)


def detect_language(text: str) -> str:
    """A piece's language from its script, when its file does not say: 'ja' for kana, 'ko'
    for hangul, 'zh' for Chinese characters without kana (Japanese prose always has some),
    else 'en' (a Latin or other alphabet: the script alone does not tell French from English)."""
    if KANA_CHAR.search(text):
        return "ja"
    # The script of its first 20,000 letters says it; a 2 MB piece need not be read through.
    letters = [c for c in text[:_SAMPLE_CHARS] if c.isalpha()]
    if not letters:
        return "en"
    if sum(1 for c in letters if _HANGUL.match(c)) / len(letters) > 0.3:
        return "ko"
    if sum(1 for c in letters if _CJK.match(c)) / len(letters) > 0.3:
        return "zh"
    return "en"


def language_label(code: str | None, ui: str) -> str:
    """A language's name in the bot's own language `ui` ('ja' → 日本語 or Japanese)."""
    code = language_code(code) or ""
    if ui == "ja" and code in JAPANESE_NAMES:
        return JAPANESE_NAMES[code]
    return LANGUAGE_NAMES.get(code, code)


def writes_without_spaces(language: str | None) -> bool:
    """Whether the language runs its words and sentences together (Japanese, Chinese)."""
    return language_code(language) in {"ja", "zh"}


def language_code(locale: str | None) -> str | None:
    """'en-US' → 'en', 'ja' → 'ja'; None or '' → None."""
    if not locale:
        return None
    return locale.replace("_", "-").split("-")[0].strip().lower() or None


def language_name(code: str | None, default: str = "English") -> str:
    """'de' → 'German' (the name a prompt uses); unknown codes give `default`."""
    return LANGUAGE_NAMES.get(code or "", default)


def ui_language(locale: str | None, sample: str | None = None, default: str = "en") -> str:
    """'ja' or 'en' for the bot's own sentences: from a locale if given, else from `sample`
    (a question the reader wrote), else from `default` (usually the piece's language).
    Chinese characters without kana are Japanese, unless the piece is Chinese: a reader of a
    Chinese piece asking in Chinese gets English, not Japanese."""
    if locale:
        return "ja" if language_code(locale) == "ja" else "en"
    if sample and _LETTER.search(sample):  # "?" or "👍" say nothing of the reader's language
        if in_chinese_characters(sample):
            return "en" if language_code(default) == "zh" else "ja"
        return "ja" if KANA_CHAR.search(sample) else "en"
    return "ja" if (language_code(default) or "") == "ja" else "en"


def tells_language(sample: str) -> bool:
    """Whether `ui_language` reads the reader's language off `sample` alone, whatever the
    piece: it has letters ("?" or "👍" say nothing), and not only Chinese characters (which
    read as Japanese or Chinese by the piece)."""
    return _LETTER.search(sample) is not None and not in_chinese_characters(sample)


def target_language(locale: str | None, piece_language: str) -> str:
    """Language of summary, factors and quotes' framing: the reader's locale, else the piece's."""
    code = language_code(locale) or piece_language
    return language_name(code, default=language_name(piece_language))


def question_language(question: str, locale: str | None) -> str:
    """An answer's language: the question's own (Japanese piece, English question → English)."""
    if is_japanese(question):
        return "Japanese"
    code = language_code(locale)
    if code and code != "ja":
        return language_name(code)
    if _LETTER.search(question):  # any script's letters, not only Latin ones
        return SAME_AS_QUESTION
    return language_name(code)


def differs_from_piece(question: str, piece_language: str) -> bool:
    """Whether a question is written in another language than the piece. By script: kana
    is Japanese, hangul Korean, Chinese characters alone either Japanese or Chinese (a short
    question in kanji alone cannot tell them apart), any other alphabet any other language."""
    piece = language_code(piece_language) or "en"
    if _HANGUL.search(question):
        return piece != "ko"
    if KANA_CHAR.search(question):
        return piece != "ja"
    if is_japanese(question):
        return piece not in {"ja", "zh"}
    if not _LETTER.search(question):
        return False  # "?" or "2024": no language to differ in
    return piece in {"ja", "zh", "ko"}


def quote_marks(language: str) -> tuple[str, str]:
    """The quotation marks a quote from a piece in `language` is shown in."""
    return ("「", "」") if language_code(language) == "ja" else ("“", "”")
