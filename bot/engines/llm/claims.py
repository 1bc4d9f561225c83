"""Claim-level grounding: an answer is read sentence by sentence, and each sentence shows only
with quotes of its own that verified; the [¶n] marks it carries are theirs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Sentences that put words in the author's (or the piece's) mouth: "筆者は…と述べている",
# "the author says …". Such a sentence must not carry a quotation the piece does not have.
_JA_SUBJECT = r"(?:筆者|著者|作者|執筆者|記事|本稿|論考|この文章|同氏)"
_JA_SPEECH = (
    r"(?:述べ|言[っうわい]|主張|書[いかき]|指摘|強調|論じ|説明|記[しす]|語[っられり]|訴え|結論)"
)
_EN_SUBJECT = r"\b(?:author|writer|article|piece|essay|text)\b"
_EN_SPEECH = (
    r"\b(?:says?|said|states?|stated|writes?|wrote|argues?|argued|claims?|claimed|notes?|noted"
    r"|contends?|asserts?|maintains?|points? out|suggests?|believes?|calls?|concludes?)\b"
)
_ATTRIBUTION = re.compile(
    rf"{_JA_SUBJECT}.{{0,6}}?(?:は|が|も|によれば|によると).*?{_JA_SPEECH}"
    rf"|{_EN_SUBJECT}.*?{_EN_SPEECH}|\baccording to the {_EN_SUBJECT}",
    re.I | re.S,
)
_SPEECH = re.compile(rf"{_JA_SPEECH}|{_EN_SPEECH}", re.I)
# Where [¶n] marks go in a sentence: before its closing punctuation ("…である[¶3]。").
_TAIL = re.compile(r"[。．.!?！？…]*$")
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence as shown: its text with its own [¶n] marks; whether it opens a paragraph."""

    text: str
    new_paragraph: bool = False


def is_attribution(text: str, author: str | None = None) -> bool:
    """Whether `text` reports what the author or the piece says."""
    if _ATTRIBUTION.search(text):
        return True
    if not author:
        return False
    names = {author, *(w for w in author.split() if len(w) >= 2)}
    if _WIDE.match(author) and len(author) >= 3:
        names.add(author[:2])  # a Japanese surname alone ("寺田は…と述べる")
    return any(name in text for name in names) and bool(_SPEECH.search(text))


def with_marks(text: str, passages: Sequence[int]) -> str:
    """`text` with a [¶n] mark for each of `passages`, before its closing punctuation."""
    marks = "".join(f"[¶{n}]" for n in dict.fromkeys(passages))
    body = text.rstrip()
    cut = _TAIL.search(body)
    head, tail = body[: cut.start()], body[cut.start() :]  # type: ignore[union-attr]
    space = "" if _WIDE.search(head[-1:]) else " "
    return f"{head.rstrip()}{space}{marks}{tail}"


def join(sentences: Sequence[Sentence]) -> str:
    """Sentences as one text: no space between Japanese ones, a blank line between paragraphs."""
    out = ""
    for s in sentences:
        if not out:
            out = s.text
        elif s.new_paragraph:
            out += "\n\n" + s.text
        elif _WIDE.match(s.text[:1]) and _WIDE.search(out[-1:]):
            out += s.text
        else:
            out += " " + s.text
    return out
