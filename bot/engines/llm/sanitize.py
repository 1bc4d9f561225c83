"""Model text made safe to show: a quotation that does not verify loses its marks, whatever its
style (「」『』〝〟“”‘’«»‹›【】, straight quotes, Markdown block quotes, across line breaks), and
links are made inert (a reader can copy them, never click them)."""

from __future__ import annotations

import re
from collections.abc import Callable

Verify = Callable[[str], bool]  # whether a quotation's inner text is word for word in the piece

# Opening mark -> the marks that close it. Bracket-like pairs nest; symmetric ones do not.
PAIRS: dict[str, str] = {
    "「": "」",
    "『": "』",
    "〝": "〟〞",
    "“": "”",
    "‘": "’",
    "«": "»",
    "‹": "›",
    "【": "】",
    "＂": "＂",
    '"': '"',
    "'": "'",
}
# Closing marks that close nothing else and are no apostrophe: alone, they are dropped too.
LONE_CLOSERS = frozenset("」』〟〞”»›】")
MAX_QUOTATION_CHARS = 2000  # a "quotation" longer than this is a stray mark, not a quote
_LATIN = re.compile(r"[A-Za-z0-9]")
# Markdown (and Discord) block quotes: "> " lines, and ">>> " quoting the rest of the message.
_BLOCK = re.compile(r"^[ \t]{0,3}(>>>|>)[ \t]?", re.M)
_LINK_TARGET = r"(?:[a-z][a-z0-9+.-]{1,20}:|www\.|//)[^()\s<>]{1,2000}"
_MASKED_LINK = re.compile(
    rf"\[([^\[\]\n]{{0,300}})\]\(\s*<?({_LINK_TARGET})>?(?:\s+\"[^\"\n]*\")?\s*\)", re.I
)
_AUTOLINK = re.compile(r"<((?:[a-z][a-z0-9+.-]{1,20}:|www\.)[^<>\s]{1,2000})>", re.I)
_URL = re.compile(
    r"(?<![\w`])(?:[a-z][a-z0-9+.-]{1,20}://|www\.|discord\.gg/)[^\s<>`「」『』（）()\[\]]+",
    re.I,
)


# ---------------------------------------------------------------- links


def _inert(url: str) -> str:
    """A URL shown as code: Discord never links inside a code span, and the terminal shows it."""
    return "`" + url.replace("`", "") + "`"


def defang_links(text: str) -> str:
    """Masked links `[text](url)`, autolinks `<url>` and bare URLs, all made unclickable."""
    text = _MASKED_LINK.sub(lambda m: f"{m.group(1)} ({_inert(m.group(2))})", text)
    text = _AUTOLINK.sub(lambda m: _inert(m.group(1)), text)
    out: list[str] = []
    pos = 0
    for m in _URL.finditer(text):
        if _inside_code(text, m.start()):
            continue  # already inert
        url = m.group().rstrip(".,;:!?。、")  # sentence punctuation after a URL is not in it
        out += [text[pos : m.start()], _inert(url)]
        pos = m.start() + len(url)
    out.append(text[pos:])
    return "".join(out)


def _inside_code(text: str, index: int) -> bool:
    return text.count("`", 0, index) % 2 == 1


# ---------------------------------------------------------------- quotations


def unquote(text: str, verify: Verify) -> str:
    """`text` with every quotation whose inner text fails `verify` shown without its marks
    (its own inner quotations checked in turn); stray opening and closing marks dropped."""
    return _inline(_blocks(text, verify), verify)


def _blocks(text: str, verify: Verify) -> str:
    """Block-quote lines kept only around text that verifies; else their '>' marks go."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _BLOCK.match(lines[i])
        if m is None:
            out.append(lines[i])
            i += 1
            continue
        # ">>> " quotes everything after it; "> " only its run of quoted lines.
        end = len(lines) if m.group(1) == ">>>" else i + 1
        while end < len(lines) and (block := _BLOCK.match(lines[end])) and block.group(1) == ">":
            end += 1
        body = [_BLOCK.sub("", line, count=1) for line in lines[i:end]]
        inner = "\n".join(body).strip()
        out += lines[i:end] if inner and verify(inner) else body
        i = end
    return "\n".join(out)


def _inline(text: str, verify: Verify) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in PAIRS and _opens(text, i):
            j = _closing(text, i)
            if j is None:
                i += 1  # an opening mark that closes nothing: no quotation to show
                continue
            inner = text[i + 1 : j]
            out.append(text[i : j + 1] if verify(inner) else _inline(inner, verify))
            i = j + 1
            continue
        if ch not in LONE_CLOSERS:
            out.append(ch)
        i += 1
    return "".join(out)


def _opens(text: str, i: int) -> bool:
    """A straight single quote opens only at a word's start ("don't" has no quotation)."""
    if text[i] != "'":
        return True
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return not _LATIN.match(before) and bool(after) and not after.isspace()


def _closes(text: str, j: int) -> bool:
    """An apostrophe-like closing mark must end a word: "it's" and "it’s" do not close."""
    if text[j] not in "'’":
        return True
    after = text[j + 1] if j + 1 < len(text) else ""
    return not text[j - 1].isspace() and not _LATIN.match(after)


def _closing(text: str, i: int) -> int | None:
    """Where the quotation opened at `i` closes (nested pairs counted), or None."""
    opener = text[i]
    closers = PAIRS[opener]
    nests = opener not in closers
    depth = 0
    limit = min(len(text), i + 1 + MAX_QUOTATION_CHARS)
    for j in range(i + 1, limit):
        ch = text[j]
        if nests and ch == opener:
            depth += 1
        elif ch in closers and _closes(text, j):
            if depth == 0:
                return j if j > i + 1 else None
            depth -= 1
    return None
