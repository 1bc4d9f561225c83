"""The visible notes on answers the LLM engine could not give itself (offline fallback)."""

from __future__ import annotations

_CAUSES: dict[str, dict[str, str]] = {
    "timeout": {
        "en": "The language model took too long to answer",
        "ja": "言語モデルの応答が時間内にありませんでした",
    },
    "rate_limited": {
        "en": "The language model is busy right now (rate limited)",
        "ja": "言語モデルが混み合っています（レート制限）",
    },
    "unavailable": {
        "en": "The language model is unavailable right now",
        "ja": "言語モデルに現在接続できません",
    },
    "unusable": {
        "en": "The language model gave no usable answer",
        "ja": "言語モデルから使える回答が得られませんでした",
    },
    "unverified": {
        "en": "The language model's answer could not be verified against the piece",
        "ja": "言語モデルの回答を記事の本文で裏付けられませんでした",
    },
}
_KIND_TO_CAUSE = {
    "timeout": "timeout",
    "rate_limited": "rate_limited",
    "connection": "unavailable",
    "unavailable": "unavailable",
    "auth": "unavailable",
    "bad_request": "unavailable",
    "error": "unavailable",
    "malformed": "unusable",
    "empty": "unusable",
    "length": "unusable",
    "refused": "unusable",
    "unverified": "unverified",
}
_TAIL = {
    "en": ", so this answer is quoted directly from the piece (offline engine).",
    "ja": "。そのため、この回答は記事から直接引用しています（オフラインエンジン）。",
}
_PARTIAL = {
    "en": "{n} item(s) were left out because their quotes could not be verified against the piece.",
    "ja": "引用を記事の本文で確認できなかったため、{n}項目を省きました。",
}


def fallback_note(kind: str, lang: str) -> str:
    """Why the offline engine answered, in English or Japanese."""
    lang = "ja" if lang == "ja" else "en"
    cause = _CAUSES[_KIND_TO_CAUSE.get(kind, "unavailable")][lang]
    return cause + _TAIL[lang]


def partial_note(dropped: int, lang: str) -> str:
    return _PARTIAL["ja" if lang == "ja" else "en"].format(n=dropped)
