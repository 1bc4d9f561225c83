"""The few framing sentences engines write themselves, in English and Japanese."""

from __future__ import annotations

from bot.core.language import is_japanese

_MESSAGES: dict[str, dict[str, str]] = {
    "not_covered": {
        "en": "The piece does not cover this: nothing in it answers the question, "
        "so I won't guess.",
        "ja": "この記事には、この質問に答える記述がありません。推測での回答は控えます。",
    },
    "other_language": {
        "en": "(The offline engine matches the piece's own words: try asking in {language_name}.)",
        "ja": "(オフラインエンジンは記事の語句で照合します。"
        "{language_name}で質問してみてください。)",
    },
    "header": {
        "en": "The piece's header (not one of its paragraphs) reads: {header}.",
        "ja": "記事のヘッダー(本文の段落ではありません)には次のようにあります：{header}。",
    },
    "no_quotes": {
        "en": "The piece has no passage about “{topic}”.",
        "ja": "記事には「{topic}」に関する箇所がありません。",
    },
    "no_enumeration": {
        "en": "The piece does not enumerate factors; these are its key points.",
        "ja": "記事は要因を列挙していません。以下は記事の要点です。",
    },
    "factors_intro": {
        "en": "The piece names {n} factors:",
        "ja": "記事は{n}つの要因を挙げています：",
    },
    "more_from_previous": {
        "en": "More from the passages of the previous answer:",
        "ja": "前の回答の箇所から、さらに：",
    },
    "nothing_more": {
        "en": "The previous answer already quoted everything those passages say.",
        "ja": "前の回答で、該当箇所の内容はすべて引用済みです。",
    },
}


def language(locale: str | None, sample: str | None = None, default: str = "en") -> str:
    """'ja' or 'en': from a Discord/CLI locale if given, else from the text, else `default`."""
    if locale:
        return "ja" if locale.lower().startswith("ja") else "en"
    if sample:
        return "ja" if is_japanese(sample) else "en"
    return "ja" if default.startswith("ja") else "en"


def message(key: str, lang: str, **values: object) -> str:
    table = _MESSAGES[key]
    return table.get(lang, table["en"]).format(**values)
