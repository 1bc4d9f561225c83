"""The library of pieces: scopes, /piece replies, and why a piece could not be added or changed."""

from __future__ import annotations

PIECES: dict[str, dict[str, str]] = {
    "scope.bundled": {"en": "bundled", "ja": "共通"},
    "scope.server": {"en": "this server's", "ja": "このサーバー"},
    "scope.personal": {"en": "personal", "ja": "個人"},
    "piece.added": {
        "en": "Added **{title}** as a {scope} piece: {size}, {paragraphs} paragraphs · id `{id}`",
        "ja": "「{title}」を{scope}の記事として追加しました：{size}・{paragraphs}段落・ID `{id}`",
    },
    "piece.exists": {
        "en": "Already here: **{title}** ({scope}): {size}, {paragraphs} paragraphs · id `{id}`",
        "ja": "すでにあります：「{title}」（{scope}）：{size}・{paragraphs}段落・ID `{id}`",
    },
    "piece.now_yours": {
        "en": "It is now the piece you read: ask away.",
        "ja": "これからはこの記事について答えます。質問をどうぞ。",
    },
    "piece.how_to_read": {
        "en": "Read it with `{option}: {id}`, or make it this channel's piece with /piece use.",
        "ja": "`{option}: {id}` を付けて読むか、/piece use でこのチャンネルの記事にしてください。",
    },
    "piece.use.channel": {
        "en": "This channel now reads **{title}** (`{id}`).",
        "ja": "このチャンネルでは「{title}」（`{id}`）を読みます。",
    },
    "piece.use.you": {
        "en": "You now read **{title}** (`{id}`): your questions are about it, in DMs too.",
        "ja": "これからは「{title}」（`{id}`）について答えます（DM での質問も）。",
    },
    "piece.removed": {
        "en": "Removed **{title}** (`{id}`), with its index, cached answers and conversations.",
        "ja": "「{title}」（`{id}`）を、索引・保存済みの回答・会話とともに削除しました。",
    },
    "piece.one_source": {
        "en": "Give exactly one of `{file}` or `{url}`.",
        "ja": "`{file}` か `{url}` のどちらか一方を指定してください。",
    },
    "piece.list.title": {"en": "Pieces you can read here", "ja": "ここで読める記事"},
    "piece.list.none": {
        "en": "There are no pieces here yet: add one with /piece add.",
        "ja": "ここにはまだ記事がありません。/piece add で追加してください。",
    },
    "piece.list.current": {"en": "current", "ja": "現在の記事"},
    "piece.list.default": {"en": "default", "ja": "既定"},
    "piece.private": {
        "en": "Shown only to you: **{title}** is your personal piece.",
        "ja": "「{title}」はあなた専用の記事なので、あなたにだけ表示しています。",
    },
    # Why a piece could not be added, found or changed: one per `bot.library.errors.Reason`.
    "piece.error.unsupported": {
        "en": "I can't read this kind of file: send text (.txt), Markdown (.md), HTML or a PDF.",
        "ja": "この種類のファイルは読めません。テキスト・Markdown・HTML・PDF を送ってください。",
    },
    "piece.error.empty": {
        "en": "That file has no text I could read.",
        "ja": "このファイルには読み取れる文章がありません。",
    },
    "piece.error.scanned": {
        "en": "That PDF's pages are images without a text layer: I can only read PDFs with text.",
        "ja": "このPDFのページは文字情報のない画像です。文字情報つきのPDFだけ読めます。",
    },
    "piece.error.too_large": {
        "en": "That is too large: the limit is {limit}.",
        "ja": "サイズが大きすぎます（上限は {limit}）。",
    },
    "piece.error.undecodable": {
        "en": "I couldn't decode that file: text must be UTF-8 (or UTF-16 with a byte-order mark, "
        "or Japanese in Shift_JIS or EUC-JP), and PDFs not encrypted or damaged.",
        "ja": "ファイルを読み取れません。テキストは UTF-8（または BOM 付き UTF-16、Shift_JIS・"
        "EUC-JP の日本語）で、PDF は暗号化や破損のないものを送ってください。",
    },
    "piece.error.bad_url": {
        "en": "I can only fetch http:// and https:// links, without a user name or password.",
        "ja": "取得できるのは、ユーザー名やパスワードを含まない http:// と https:// の"
        "リンクだけです。",
    },
    "piece.error.blocked_address": {
        "en": "That link leads to a private or local network address: I only fetch public pages.",
        "ja": "このリンクは非公開・ローカルのアドレスを指しています。"
        "公開されたページだけ取得します。",
    },
    "piece.error.fetch_failed": {
        "en": "I couldn't download that: check the link or file and try again.",
        "ja": "ダウンロードできませんでした。リンクやファイルを確認して、もう一度お試しください。",
    },
    "piece.error.too_slow": {
        "en": "The download took longer than {limit} seconds, so I stopped.",
        "ja": "ダウンロードが {limit} 秒を超えたため中断しました。",
    },
    "piece.error.too_many_redirects": {
        "en": "That link redirects more than {limit} times.",
        "ja": "このリンクは {limit} 回を超えてリダイレクトします。",
    },
    "piece.error.content_type": {
        "en": "That link serves something other than HTML, plain text, Markdown or PDF.",
        "ja": "このリンクの内容は HTML・テキスト・Markdown・PDF のいずれでもありません。",
    },
    "piece.error.not_found": {
        "en": "There is no such piece here: see /piece list.",
        "ja": "その記事はここにはありません。/piece list で確認してください。",
    },
    "piece.error.forbidden": {
        "en": "Bundled pieces are managed by the bot's operator, from the terminal.",
        "ja": "共通の記事は、ボットの管理者がターミナルから管理します。",
    },
    "piece.error.needs_manage_server": {
        "en": "Adding or removing this server's pieces needs the Manage Server permission.",
        "ja": "このサーバーの記事の追加・削除には「サーバー管理」権限が必要です。",
    },
    "piece.error.personal_in_channel": {
        "en": "A personal piece can't be a channel's piece: pass it with the piece option.",
        "ja": "個人の記事はチャンネルの記事にできません。「記事」オプションで指定してください。",
    },
    "piece.error.limit_reached": {
        "en": "The limit of {limit} pieces is reached: remove one first (/piece remove).",
        "ja": "記事の上限（{limit}件）に達しています。先に /piece remove で削除してください。",
    },
    "piece.error.rate_limited": {
        "en": "You have added {limit} pieces recently, the most allowed: try again later.",
        "ja": "最近 {limit} 件の記事を追加したため上限です。しばらくしてからお試しください。",
    },
}
