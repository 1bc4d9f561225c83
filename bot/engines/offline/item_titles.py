"""Short titles for the items of a list (the predicate of 「要因は、X である」) and for key
points (the sentence itself, cut short), from the sentences that open them; and how an item's
answer is headed by its number and title."""

from __future__ import annotations

import re

from bot.core.enumeration import ITEM_NOUNS, NUM, ORDINAL_WORD, cue_end, ordinal, spaced_marker
from bot.core.text import split_sentences

_COPULA = re.compile(
    r"(?:である|であり|であった|でした|です|だった|だ|にある|にあった)(?=[、。,.]|$)"
)
TITLE_MAX = 60
# The particle は that sets off a topic: after a word (not the first letter of はじめに), and
# not the は of 又は / あるいは / もしくは (or), nor of では / には, whose words are a condition
# the item keeps (集中を要する作業では在宅の方が…).
_TOPIC = re.compile(r"(?<=.)(?<![又でに])(?<!また)(?<!あるい)(?<!もしく)は")
_COUNTED = re.compile(rf"の(?:{NUM}|\d+)つ$")
_ITEM_NOUN = re.compile(ITEM_NOUNS)
# An English connective before the item's words (Finally, / And also,), not its first word
# (cheap, so anyone can buy it).
_EN_CONNECTIVE = re.compile(
    rf"^(?:and\s+)?(?:(?:{ORDINAL_WORD})(?:ly)?|finally|lastly|last|also|then|next"
    r"|besides|further|furthermore|moreover|additionally|similarly|likewise|importantly"
    r"|crucially|equally|still|yet),\s*",
    re.I,
)
# The particle after a counted cue (一つ目は, 2番目に): the cue's, not the item's first word.
_CUE_PARTICLE = re.compile(r"には|は|に")
_POINTERS = frozenset({"これ", "それ", "こちら", "次", "最後", "もう一つ", "もうひとつ"})


def title_of(sentence: str) -> str:
    """A short title for an item, cut from its sentence: the predicate of 'X は、Y である'
    where X only frames the item (2つ目の要因は、最も重要なのは); a topic that says what the
    item is about stays (価格は3.5倍になった, not 3.5倍になった)."""
    body = _after_cue(sentence, item=True)
    topic = body.find("は、")
    if topic != -1 and topic < len(body) - 3:
        if _frames(body[:topic]):
            body = body[topic + 2 :]
    elif (m := _TOPIC.search(body)) is not None and m.start() < 20 and _frames(body[: m.start()]):
        body = body[m.end() :]
    m = _COPULA.search(body)
    if m and m.start() > 1:
        body = _COUNTED.sub("", body[: m.start()])  # ③縮小の三つだ: the count ends the list
    else:
        m_en = _EN_CONNECTIVE.match(body)
        if m_en:
            body = body[m_en.end() :]
        # Its first sentence, as the piece's are split (not at 3.5 percent, nor at U.S.).
        first = next(iter(split_sentences(body)), None)
        body = (body[first.start : first.end] if first else body).rstrip("。．.!?！？")
    return _shortened(body.strip(" 、,"))


def _frames(topic: str) -> bool:
    """Whether a topic only frames the item it opens: it names what items are called (要因,
    理由), or nominalises what follows (最も重要なのは, 大事なことは), or points (これは)."""
    topic = topic.strip(" 、,")
    return (
        not topic
        or _ITEM_NOUN.search(topic) is not None
        or topic.endswith(("の", "こと", "もの"))
        or topic in _POINTERS
    )


def _after_cue(sentence: str, *, item: bool = False) -> str:
    """The sentence (stripped) after the cue that opens it (第二に, (2), 一つは); `item`: as
    `cue_end` reads a list's item."""
    s = sentence.strip()
    end = cue_end(s, item=item)
    body = s[end:]
    if s[:end].endswith(("つ", "目")) and (m := _CUE_PARTICLE.match(body)) is not None:
        body = body[m.end() :]  # 一つは…, 一つ目は…, 二つ目に、…: the particle of the cue's count
    return body


def key_point_title(sentence: str) -> str:
    """A short title for a key point of a piece that lists nothing: the sentence itself, up to
    `TITLE_MAX` characters (its subject kept: 地震の予報は可能であるか…, not 可能であるか…)."""
    s = _after_cue(sentence).lstrip("、, ")  # 第三に…, まず…, (2)…: no place in a list here
    head = re.split(r"[。．!?！？]", s)[0].rstrip(". ")
    return _shortened(head or s)  # a sentence that opens with its end mark (!!!) is itself


def _shortened(body: str) -> str:
    if len(body) > TITLE_MAX:
        cut = body[:TITLE_MAX]
        k = max(cut.rfind("、"), cut.rfind(","), cut.rfind(" "))
        body = (cut[:k] if k > TITLE_MAX // 2 else cut).rstrip("、, ") + "…"
    return body


def headed(n: int, title: str, marker: str, text: str) -> str:
    """Item `n`'s answer: its number and title, then its quotes, which open with the item's
    own sentence `marker`. Where the title is that whole sentence (2. 容器に…混ぜます, then
    2. 容器に…混ぜます。 [¶14], said it twice), the quotes alone, after the number unless the
    sentence opens with it."""
    if not text:
        return f"{n}. {title}"
    marker = marker.strip()
    cue = cue_end(marker, item=True)
    if not text.startswith(marker) or title != marker[cue:].lstrip("、, ").rstrip("。．.!?！？"):
        return f"{n}. {title}\n{text}"
    opens_with_n = n in (ordinal(marker), spaced_marker(marker))
    return text if cue and opens_with_n else f"{n}. {text}"
