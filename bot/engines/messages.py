"""The sentences engines write themselves (framing, notes), in English and Japanese: one table
(with the terminal's own few, which have no engine to say them)."""

from __future__ import annotations

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
    # An English question answered from a Japanese piece: the quotes stay in its language.
    "quoted_in": {
        "en": "From the piece (quoted in {language_name}):",
        "ja": "記事から（{language_name}のまま引用）：",
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
    # An enumeration the piece does not announce (第一に…第二に…): what it lists may be
    # lessons or steps as well as factors, so it is not called factors.
    "factors_intro": {
        "en": "The piece lists {n} points in turn:",
        "ja": "記事は次の{n}点を順に挙げています：",
    },
    "more_from_previous": {
        "en": "More from the passages of the previous answer:",
        "ja": "前の回答の箇所から、さらに：",
    },
    "reading_on": {
        "en": "The previous answer quoted all of its passages; the piece goes on:",
        "ja": "前の回答で該当箇所はすべて引用済みです。記事の続き：",
    },
    "nothing_more": {
        "en": "The previous answer already quoted everything those passages say.",
        "ja": "前の回答で、該当箇所の内容はすべて引用済みです。",
    },
    # "Tell me more" with no answer before it to go on from.
    "more_of_what": {
        "en": "More about what? Ask me something about the piece first, and I'll quote what it "
        "says.",
        "ja": "何について詳しく知りたいですか？まず記事について質問してください。"
        "引用付きで回答します。",
    },
    # "The second one?" with no list before it to count in.
    "item_of_what": {
        "en": "Which list do you mean? Ask for the factors or the key points first (“what "
        "are the factors?”), then for one of them by its number.",
        "ja": "どの一覧の項目でしょうか？まず要因や要点を尋ねてから（「要因は？」など）、"
        "その番号で聞いてください。",
    },
    # Thanks or an acknowledgement (ありがとう, OK, 👍).
    "welcome": {
        "en": "Glad to help. Ask me anything else about the piece.",
        "ja": "お役に立てれば幸いです。記事について、ほかにも何でも聞いてください。",
    },
    "partial_list": {
        "en": "{n} item(s) were left out because their quotes could not be verified "
        "against the piece.",
        "ja": "引用を記事の本文で確認できなかったため、{n}項目を省きました。",
    },
    # Why the LLM engine let the offline engine answer: `fallback` framing one `cause.*`.
    "fallback": {
        "en": "{cause}, so this answer is quoted directly from the piece (offline engine).",
        "ja": "{cause}。そのため、この回答は記事から直接引用しています（オフラインエンジン）。",
    },
    "cause.timeout": {
        "en": "The language model took too long to answer",
        "ja": "言語モデルの応答が時間内にありませんでした",
    },
    "cause.rate_limited": {
        "en": "The language model is busy right now (rate limited)",
        "ja": "言語モデルが混み合っています（レート制限）",
    },
    "cause.unavailable": {
        "en": "The language model is unavailable right now",
        "ja": "言語モデルに現在接続できません",
    },
    "cause.rejected": {
        "en": "The model server rejected the request",
        "ja": "モデルサーバーがリクエストを受け付けませんでした",
    },
    "cause.too_long": {
        "en": "The piece is too long for this model's context",
        "ja": "記事が長すぎて、このモデルのコンテキストに収まりません",
    },
    "cause.unusable": {
        "en": "The language model gave no usable answer",
        "ja": "言語モデルから使える回答が得られませんでした",
    },
    "cause.unverified": {
        "en": "The language model's answer could not be verified against the piece",
        "ja": "言語モデルの回答を記事の本文で裏付けられませんでした",
    },
    # The terminal's: another process keeps the database locked (Discord says it in its table).
    "store_busy": {
        "en": "the database is busy (another piece-bot process is writing to it), "
        "so nothing was changed: try again in a moment",
        "ja": "データベースが使用中のため（別の piece-bot のプロセスが書き込み中です）、"
        "何も変更していません。少し待ってからもう一度お試しください",
    },
}


def message(key: str, lang: str, **values: object) -> str:
    """The sentence `key` in `lang` ('ja' or 'en'; anything else reads English), filled in."""
    table = _MESSAGES[key]
    return table.get(lang, table["en"]).format(**values)
