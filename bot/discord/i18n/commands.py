"""Command and option descriptions (`cmd.*`), option names (`option.*`) and choice names."""

from __future__ import annotations

COMMANDS: dict[str, dict[str, str]] = {
    "cmd.summary": {
        "en": "Summarise the piece, citing the paragraphs (¶) each point comes from",
        "ja": "記事を要約します（各要点に根拠の段落¶を付けます）",
    },
    "cmd.summary.length": {"en": "How long the summary should be", "ja": "要約の長さ"},
    "cmd.factors": {
        "en": "The factors the piece names, one line each with ¶ ids",
        "ja": "記事が挙げる要因の一覧（各行に段落¶番号）",
    },
    "cmd.factor": {
        "en": "Explain one factor the piece names, with quotes",
        "ja": "記事が挙げる要因をひとつ、引用付きで説明します",
    },
    "cmd.factor.number": {
        "en": "Which factor (see /factors)",
        "ja": "要因の番号（/factors で確認）",
    },
    "cmd.quote": {
        "en": "Word-for-word quotes from the piece, with ¶ ids",
        "ja": "記事からの一字一句そのままの引用（段落¶番号付き）",
    },
    "cmd.quote.topic": {
        "en": "What the quotes should be about (optional)",
        "ja": "引用のテーマ（省略可）",
    },
    "cmd.quote.count": {"en": "How many quotes", "ja": "引用の件数"},
    "cmd.ask": {
        "en": "Ask a question about the piece; the answer cites its paragraphs",
        "ja": "記事について質問します（回答は根拠の段落を示します）",
    },
    "cmd.ask.question": {
        "en": "Your question about the piece (up to 500 characters)",
        "ja": "記事についての質問（500文字まで）",
    },
    "cmd.about": {
        "en": "The piece, the engine in use, and how answers are grounded",
        "ja": "記事の情報、使用中のエンジン、回答の根拠の示し方",
    },
    "cmd.help": {"en": "How to use this bot", "ja": "このボットの使い方"},
    "cmd.forget": {
        "en": "Delete the conversation I keep with you",
        "ja": "保存されているあなたとの会話履歴を削除します",
    },
    "cmd.private": {"en": "Show the reply to you only", "ja": "自分だけに表示する"},
    "cmd.piece_option": {
        "en": "Which piece (default: this channel's, or the one you chose)",
        "ja": "読む記事（省略時はこのチャンネルの記事、または選んだ記事）",
    },
    "cmd.piece": {
        "en": "Add, list, choose and remove the pieces I read",
        "ja": "読む記事の追加・一覧・選択・削除",
    },
    "cmd.piece.add": {
        "en": "Add a piece: attach a file (.txt .md .html .pdf) or give a link",
        "ja": "記事を追加します（.txt .md .html .pdf のファイル、またはリンク）",
    },
    "cmd.piece.add.file": {
        "en": "A text, Markdown, HTML or PDF file (PDFs need a text layer)",
        "ja": "テキスト・Markdown・HTML・PDF のファイル（PDF は文字情報つき）",
    },
    "cmd.piece.add.url": {
        "en": "Or a link (http/https) to a page, text or PDF",
        "ja": "またはページ・テキスト・PDF へのリンク（http/https）",
    },
    "cmd.piece.add.title": {
        "en": "The title to show (default: the piece's own)",
        "ja": "表示するタイトル（省略時は記事のもの）",
    },
    "cmd.piece.list": {
        "en": "The pieces you can read here: id, title, scope and size",
        "ja": "ここで読める記事の一覧（ID・タイトル・範囲・サイズ）",
    },
    "cmd.piece.use": {
        "en": "Choose the piece this channel reads (in DMs: the piece you read)",
        "ja": "このチャンネルで読む記事を選びます（DM では自分が読む記事）",
    },
    "cmd.piece.remove": {
        "en": "Remove a piece with its index, cached answers and conversations",
        "ja": "記事を削除します（索引・保存済みの回答・会話も削除）",
    },
    "cmd.piece.piece": {"en": "Which piece (pick one from the list)", "ja": "記事（候補から選択）"},
    # ------------------------------------------------ option names and choice names
    "option.length": {"en": "length", "ja": "長さ"},
    "option.number": {"en": "number", "ja": "番号"},
    "option.topic": {"en": "topic", "ja": "テーマ"},
    "option.count": {"en": "count", "ja": "件数"},
    "option.question": {"en": "question", "ja": "質問"},
    "option.private": {"en": "private", "ja": "非公開"},
    "option.piece": {"en": "piece", "ja": "記事"},
    "option.file": {"en": "file", "ja": "ファイル"},
    "option.url": {"en": "url", "ja": "リンク"},
    "option.title": {"en": "title", "ja": "タイトル"},
    "choice.short": {"en": "short", "ja": "短め"},
    "choice.medium": {"en": "medium", "ja": "標準"},
    "choice.long": {"en": "long", "ja": "長め"},
}
