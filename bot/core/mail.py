"""What an email thread holds besides its messages: quoted copies, headers, signatures.

**Quoted copies.** An email's reply quotes the message it answers ("> " lines).
A thread of emails holds each message twice, or more: as written, and quoted under every
reply. The copy says nothing the original does not, and an answer citing it cites the old
message out of its place (the meeting time a later message moved). A paragraph every line of
which is quoted, and each of whose quoted sentences the piece also writes unquoted, is a copy; a
quoted message the piece holds nowhere else is no copy, and is read as any paragraph is.

**Salutations** (小野寺様, Dear friends,) open a message: they head no section, and support
nothing. **Headers and signatures** (件名：… 差出人：… lines; the lines under a "-- " line) say who
wrote when, and how to reach them: a reader may ask for them (小野寺さんの携帯番号は？), but
they are no part of what the thread says, and a summary leaves them out.
"""

from __future__ import annotations

import re

from bot.core.article import Article
from bot.core.once import once_per
from bot.core.scripts import is_wide
from bot.core.text import split_sentences

# An email's quote mark at a line's start, nested or not (> , >> , ＞).
_QUOTE_MARK = re.compile(r"^[ \t　]*(?:[>＞][ \t　]?)+")
# A message's header line: its subject, sender, addressees or time, and a label's value.
_HEADER_LINE = re.compile(
    r"(?:件名|差出人|送信者|宛先|送信日時|日時|CC|Cc|BCC|Bcc|From|To|Subject|Date|Sent)[：:]\s*\S"
)
# A message's stock greeting or closing, which says nothing of its matter.
FORMULA = re.compile(
    r"(?:いつも|平素より|平素は)?(?:大変)?お世話になって(?:おり|い)ます。"
    r"|(?:引き続き|今後とも|どうぞ|何卒|なにとぞ)?(?:よろしく|宜しく)お願い(?:いた|致|申し上げ)?(?:します|ます)。"
)
# A letter's or an email's salutation, which opens a message and heads nothing: 小野寺様,
# 保護者各位, 山田先生へ, Dear Ms Hart, Hi Tom,, 拝啓. Not a heading that names a person (佐藤さん),
# nor a word ending so (仕様, 模様: see `is_salutation`), nor Hey Jude, Hello darkness, my….
_SALUTATION = re.compile(
    r"(?P<name>[^\s、。：:「」]{1,12}?)[ 　]?(?:(?:様|さま)へ?|殿|各位|御中|先生へ)[、,]?"
    r"|(?:Dear|Hi|Hello|Hey)\b[^.!?:,]{0,40}[,:]|拝啓|謹啓|前略"
)
# Those a notice is addressed to, words of the dictionary too (保護者の皆様へ, お客様).
_EVERYONE = re.compile(r"(?:皆|お客)(?:様|さま)")
# A message's sender or subject, without which header-like lines are no message's header.
_SENT_BY = re.compile(r"(?:件名|差出人|送信者|From|Subject)[：:]")
# The line a signature opens with (RFC 3676's "-- ", and as often typed without the space).
_SIGNATURE = re.compile(r"--[ \t]?")


def _quoted_lines(text: str) -> list[str] | None:
    """The words of each quoted line of `text` (empty lines left out), or None when a line
    is not quoted."""
    lines = []
    for line in text.splitlines():
        m = _QUOTE_MARK.match(line)
        if m is None:
            if line.strip():
                return None
            continue
        if rest := line[m.end() :].strip():
            lines.append(rest)
    return lines


@once_per
def quoted_copies(article: Article) -> frozenset[int]:
    """The ¶ numbers of paragraphs that only quote what the piece writes elsewhere: each
    sentence of their quoted lines is a sentence of the piece's unquoted paragraphs (a set's
    look-up, not a search of the text)."""
    quoted = {
        p.number: lines for p in article.paragraphs if (lines := _quoted_lines(p.text)) is not None
    }
    if not quoted:
        return frozenset()
    written = {s.text.strip() for s in article.sentences if s.paragraph not in quoted}
    return frozenset(
        n
        for n, lines in quoted.items()
        if written.issuperset(_sentences(lines)) or written.issuperset(_sentences(lines, True))
    )


def _sentences(lines: list[str], rewrapped: bool = False) -> list[str]:
    """The sentences of quoted lines as the article's are split: line by line, or, when a
    reply `rewrapped` a sentence over two lines, of the lines read as one text."""
    texts = lines
    if rewrapped:
        text = ""
        for line in lines:
            wide = text and (is_wide(text[-1]) or is_wide(line[0]))
            text += line if not text or wide else f" {line}"
        texts = [text]
    return [
        t
        for text in texts
        for span in split_sentences(text)
        if (t := text[span.start : span.end].strip())
    ]


@once_per
def furniture(article: Article) -> frozenset[int]:
    """The ¶ numbers of messages' header blocks (every line a header field) and signatures
    (opening with a "-- " line)."""
    found = set()
    for p in article.paragraphs:
        lines = [line.strip() for line in p.text.splitlines() if line.strip()]
        header = all(_HEADER_LINE.match(line) for line in lines) and any(
            _SENT_BY.match(line) for line in lines
        )
        if len(lines) > 1 and (_SIGNATURE.fullmatch(lines[0]) or header):
            found.add(p.number)
    return frozenset(found)


def is_salutation(text: str) -> bool:
    """Whether a paragraph is a letter's salutation (`_SALUTATION`): it heads nothing and
    supports nothing. A word of the dictionary that merely ends like one (仕様, 模様, 宮殿) is
    none."""
    text = text.strip()
    m = _SALUTATION.fullmatch(text)
    if m is None:
        return False
    if m["name"] is None:
        return True
    from bot.core.jmdict import is_japanese_word  # a 1.4 MB table, read on need

    return _EVERYONE.search(text) is not None or not is_japanese_word(text.rstrip("、,へ"))


@once_per
def salutations(article: Article) -> frozenset[int]:
    """The ¶ numbers of letters' and emails' salutations."""
    return frozenset(p.number for p in article.paragraphs if is_salutation(p.text))
