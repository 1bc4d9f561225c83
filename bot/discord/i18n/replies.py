"""The framing of replies: headings, notes, errors, /about and /help."""

from __future__ import annotations

REPLIES: dict[str, dict[str, str]] = {
    "heading.summary": {"en": "Summary ({length})", "ja": "要約（{length}）"},
    "heading.factors": {"en": "Factors", "ja": "要因"},
    "heading.factor": {"en": "Factor {number}", "ja": "要因 {number}"},
    "heading.quotes": {"en": "Quotes", "ja": "引用"},
    "heading.quotes_topic": {"en": "Quotes on “{topic}”", "ja": "「{topic}」についての引用"},
    "heading.question": {"en": "Q: {question}", "ja": "質問：{question}"},
    "button.sources": {"en": "Sources", "ja": "出典"},
    # ¶0 is the piece's header (title, author, source, date lines), not a paragraph.
    "passage.header": {"en": "¶0 · header", "ja": "¶0・ヘッダー"},
    "continued": {"en": "(continued)", "ja": "（続き）"},
    "quotes_more": {
        "en": "{count} more cited passages: press “{button}”.",
        "ja": "ほか{count}件の引用箇所は「{button}」ボタンで確認できます。",
    },
    "footer": {
        "en": "Engine: {engine} · quotes checked word for word against the piece",
        "ja": "エンジン：{engine}・引用は記事の本文と一字一句照合済み",
    },
    # An answer without citations: "not covered", and replies such as "glad to help".
    "footer.ungrounded": {
        "en": "Engine: {engine} · no quotes from the piece in this reply",
        "ja": "エンジン：{engine}・この返信に記事からの引用はありません",
    },
    "drafting": {
        "en": "✍️ Drafting… (citations are checked before the final answer)",
        "ja": "✍️ 回答を作成中…（引用は最終回答の前に照合します）",
    },
    "rate_limited": {
        "en": "You're asking faster than I can keep up: please try again in {seconds} s.",
        "ja": "リクエストが多すぎます。{seconds}秒後にもう一度お試しください。",
    },
    "busy": {
        "en": "I'm answering many questions right now: please try again in a moment.",
        "ja": "ただいま多くの質問に回答中です。少し待ってからもう一度お試しください。",
    },
    "store_busy": {
        "en": "My storage is busy right now, so nothing was changed: please try again shortly.",
        "ja": "保存領域が混み合っているため、何も変更していません。少し待ってからお試しください。",
    },
    "invalid": {"en": "Can't do that: {reason}", "ja": "実行できません：{reason}"},
    # The reasons of `InvalidRequest`s a reader can make on Discord, by their code.
    "invalid.empty": {
        "en": "the question is empty: ask something about the piece",
        "ja": "質問が空です。記事について何か質問してください",
    },
    "invalid.question_too_long": {
        "en": "the question is too long ({length} characters; the limit is {limit})",
        "ja": "質問が長すぎます（{length}文字。上限は{limit}文字）",
    },
    "invalid.topic_too_long": {
        "en": "the topic is too long ({length} characters; the limit is {limit})",
        "ja": "テーマが長すぎます（{length}文字。上限は{limit}文字）",
    },
    "invalid.no_factors": {
        "en": "the piece names no factors",
        "ja": "この記事は要因を挙げていません",
    },
    "invalid.no_factor": {
        "en": "there is no factor {n}: choose a number from 1 to {count}",
        "ja": "要因 {n} はありません。1〜{count} の番号を選んでください",
    },
    "timeout": {
        "en": "That took too long, so I stopped. Please try again, perhaps more simply.",
        "ja": "時間がかかりすぎたため中断しました。もう一度、できれば簡潔にお試しください。",
    },
    "error": {
        "en": "Something went wrong on my side and it has been logged (ref {ref}). "
        "Please try again.",
        "ja": "内部でエラーが発生しました（記録済み・参照番号 {ref}）。もう一度お試しください。",
    },
    "out_of_date": {
        "en": "This command is out of date: the bot's owner needs to run `python -m bot sync`.",
        "ja": "このコマンドは古くなっています。ボットの管理者が `python -m bot sync` "
        "を実行する必要があります。",
    },
    "bad_option": {
        "en": "That value doesn't work for “{option}”: pick one from the list.",
        "ja": "「{option}」の値が正しくありません。候補から選んでください。",
    },
    "dm_empty": {
        "en": "Send me a question about the piece as text, and I'll answer with quotes.",
        "ja": "記事についての質問を文章で送ってください。引用付きで回答します。",
    },
    "sources_stale": {
        "en": "These sources belong to another version of the piece; ask again.",
        "ja": "この出典は別の版の記事のものです。もう一度質問してください。",
    },
    "sources_none": {
        "en": "This answer cites no passages.",
        "ja": "この回答には引用箇所がありません。",
    },
    "forget.done": {
        "en": "Deleted {turns} stored turns of our conversation (from {oldest} to {newest}).",
        "ja": "保存されていた会話 {turns} 件（{oldest}〜{newest}）を削除しました。",
    },
    "forget.none": {
        "en": "There was nothing to delete: I keep no conversation with you.",
        "ja": "削除するものはありません。あなたとの会話は保存されていません。",
    },
    "about.title": {"en": "About this piece", "ja": "この記事について"},
    "about.piece_title": {"en": "Title", "ja": "タイトル"},
    "about.author": {"en": "Author", "ja": "著者"},
    "about.source": {"en": "Source", "ja": "出典元"},
    "about.date": {"en": "Date", "ja": "日付"},
    "about.language": {"en": "Language", "ja": "言語"},
    "about.paragraphs": {"en": "Paragraphs", "ja": "段落数"},
    "about.piece": {"en": "Piece", "ja": "記事"},
    "about.engine": {"en": "Engine", "ja": "エンジン"},
    "about.unknown": {"en": "not stated", "ja": "記載なし"},
    "about.derived": {"en": "(from its opening sentence)", "ja": "（冒頭の文から）"},
    "about.grounding_name": {"en": "How answers are grounded", "ja": "回答の根拠について"},
    "about.grounding": {
        "en": "Every answer comes from the piece and marks the paragraphs it stands on as [¶n]. "
        "Every quote is checked to appear word for word in the piece before it is shown; "
        "quotes that don't check out are dropped. If the piece doesn't answer a question, "
        "I say so rather than guess.",
        "ja": "回答はすべて記事に基づき、根拠の段落を [¶n] で示します。引用は表示する前に、"
        "記事の本文に一字一句そのまま含まれるかを照合し、確認できない引用は削除します。"
        "記事に答えがない質問には、推測せずにそう答えます。",
    },
    "engine.offline": {
        "en": "offline: answers are passages picked from the piece (no AI model)",
        "ja": "offline：記事から選んだ箇所で回答します（AIモデルは使いません）",
    },
    "engine.llm": {
        "en": "llm: a language model writes answers from retrieved passages",
        "ja": "llm：検索した段落をもとに言語モデルが回答を書きます",
    },
    "help.title": {"en": "How to use piece-bot", "ja": "piece-bot の使い方"},
    "help.body": {
        "en": "I read pieces and discuss them with you. Every answer cites the paragraphs it "
        "uses as [¶n]; press **{button_sources}** to read them in full.\n\n"
        "**/summary** `{option_length}` — a summary ({choice_short}, {choice_medium} or "
        "{choice_long})\n"
        "**/factors** — the factors the piece names\n"
        "**/factor** `{option_number}` — one factor, explained with quotes\n"
        "**/quote** `{option_topic}` `{option_count}` — word-for-word quotes\n"
        "**/ask** `{option_question}` — ask anything about the piece\n"
        "**/about** — the piece and how answers are grounded\n"
        "**/piece** add · list · use · remove — the pieces to read: a file (.txt .md .html "
        ".pdf) or a link; in a server, adding and removing need Manage Server\n"
        "**/forget** — delete our stored conversation\n\n"
        "Each reading command takes `{option_piece}` to read another piece. Add "
        "`{option_private}: True` to see a reply only yourself. In a direct message, just "
        "write your question, or attach a file to read it: I remember our last {turns} "
        "exchanges for {days} days so you can ask follow-ups (“tell me more”, “and the "
        "second one?”), until you use /forget.",
        "ja": "記事を読み、その内容について一緒に話します。回答にはすべて根拠の段落を "
        "[¶n] で示します。**{button_sources}** ボタンで段落の全文を確認できます。\n\n"
        "**/summary** `{option_length}` — 要約（{choice_short}・{choice_medium}・{choice_long}）\n"
        "**/factors** — 記事が挙げる要因の一覧\n"
        "**/factor** `{option_number}` — 要因をひとつ引用付きで説明\n"
        "**/quote** `{option_topic}` `{option_count}` — 一字一句そのままの引用\n"
        "**/ask** `{option_question}` — 記事について自由に質問\n"
        "**/about** — 記事の情報と回答の根拠について\n"
        "**/piece** add・list・use・remove — 読む記事の管理（ファイル .txt .md .html .pdf "
        "またはリンク。サーバーでの追加・削除には「サーバー管理」権限が必要）\n"
        "**/forget** — 保存された会話履歴を削除\n\n"
        "各コマンドに `{option_piece}` を付けると別の記事を読めます。"
        "`{option_private}: True` を付けると、回答は自分だけに表示されます。"
        "ダイレクトメッセージでは質問をそのまま書くか、ファイルを添付すると、その記事を読みます。"
        "「もっと詳しく」「二つ目は？」のように続けて質問できるよう、直近 {turns} 件のやりとりを "
        "{days} 日間覚えています（/forget で削除できます）。",
    },
}
