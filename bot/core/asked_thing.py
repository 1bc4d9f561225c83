"""The thing a yes/no question asks is there: 駐車場 of 駐車場はありますか, the discount for
seniors of "Is there a discount for seniors?", 控訴 of 被告は控訴しましたか.

A piece that never writes the thing cannot say whether it is there or happened, however well
the rest of the question matches it (the farm and its open days, for "Is there parking at the
farm on open days?"): `relevance` then takes the question as not covered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.compounds import Compound
from bot.core.tokenize import fold, morphemes

# The end of a question: its marks, and a full stop or two (駐車場はありますか。, ある？？).
_END = r"[？?！!。．.]*$"
# …は / が / って / も / とか, then a verb of being there or of being given, ending the question.
_JA_THERE = re.compile(
    r"(?:は|が|って|も|とか)"
    r"(?:(?:あり|ござい)ます(?:か|でしょうか)?|ある|(?:出|で)(?:ます(?:か)?|る)"
    r"|(?:貸して|借りて)?(?:もらえ|いただけ)(?:ます(?:か)?|る)|借りられ(?:ます(?:か)?|る)"
    r"|置いて(?:あります(?:か)?|ある)|(?:付き|つき)ます(?:か)?)"
    rf"(?:の)?{_END}"
)
# Where a thing is (本社はどこにありますか): asked of a thing the piece never writes, it can
# no more say where it is than whether it is there.
_JA_WHERE = re.compile(rf"(?:は|って|が)どこに(?:あ(?:ります|る)|ございます)(?:か|の)?{_END}")
# A deed asked of, with no particle before it: 控訴しましたか, 返金されますか.
_JA_DONE = re.compile(rf"(?:し|され)(?:ました|ます)か{_END}")
# Is there …, are there …, do you have / offer / sell …, can I hire / rent / borrow / buy ….
_EN_THERE = re.compile(
    r"^(?:is|are) there (?:a |an |any |some )?"
    r"|^(?:do|does) (?:you|the \w+) (?:have|offer|sell|provide|rent|hire) (?:a |an |any |some )?"
    r"|^(?:can|could|may) (?:i|we) (?:hire|rent|borrow|buy) (?:a |an |any |some )?",
    re.IGNORECASE,
)
# What ends the thing: the place, the time or the condition it is asked for ("for" and "of"
# stay with it: a discount for seniors, a map of the site).
_EN_AFTER = re.compile(
    r"\s+(?:at|on|in|during|from|to|if|when|with|near|by|after|before|while|inside|outside"
    r"|per|here|there|this|these|that|those|you|your|our)\b|[?？.,]",
    re.IGNORECASE,
)
# A question word: the question asks which, when or how, not whether (村営バスは何時に出発
# しますか asks a time the piece may give with 発車). Not 何か, 何らか, どこか, 誰か, いつも:
# 何か割引はありますか is still a yes/no question.
_ASKING = re.compile(
    r"何(?!か|も|でも|とか|らか)|なに(?!か|も)|いつ(?!か|も|でも)|どこ(?!か|も|でも)"
    r"|誰(?!か|も|でも)|だれ(?!か|も|でも)|どれ(?!か|も)|どちら(?!か|も)|どっち(?!か|も)"
    r"|いくら|いくつ|幾|なぜ|どう|どの|どんな"
)
# A noun a clause before it says what it is (乗れる機会, 無料になるタイミング): the clause is the
# question, not the noun.
_CLAUSE = frozenset({"動詞", "形容詞", "助動詞"})


def _ja_thing(question: str, compounds: Sequence[Compound]) -> Compound | None:
    text = question.strip()
    where = _JA_WHERE.search(text)
    if where is not None:
        before = text[: where.start()]
    elif _ASKING.search(text):
        return None
    elif (there := _JA_THERE.search(text)) is not None:
        before = text[: there.start()]
    else:
        done = _JA_DONE.search(text)
        if done is None:
            return None
        before = text[: done.start()]
    thing = next((c for c in reversed(compounds) if before.endswith(c.surface)), None)
    if thing is None:
        return None
    rest = before[: len(before) - len(thing.surface)]
    tags = morphemes(rest) if rest else []
    if tags and tags[-1].pos1 in _CLAUSE and tags[-1].surface not in {"で", "だ"}:
        return None  # 剣道場で防具は: で is no clause
    return thing


def _en_thing(question: str, compounds: Sequence[Compound]) -> list[Compound]:
    text = question.strip()
    there = _EN_THERE.match(text)
    if there is None:
        return []
    after = text[there.end() :]
    end = _EN_AFTER.search(after)
    thing = after[: end.start()] if end else after
    words = {fold(w) for w in re.findall(r"[^\W\d_][\w'’-]*", thing)}
    return [c for c in compounds if fold(c.surface) in words]


def thing_absent(
    question: str,
    compounds: Sequence[Compound],
    missing_compounds: Sequence[str],
    missing_parts: Sequence[str],
) -> bool:
    """Whether `question` asks if a thing is there (or a deed was done) that the piece never
    writes: a Japanese compound none of whose parts the piece writes (`missing_compounds`), or
    every word of an English one (`missing_parts`), as `vocabulary.check` found them."""
    if re.search(r"[ぁ-ん]", question):
        thing = _ja_thing(question, compounds)
        return thing is not None and thing.surface in missing_compounds
    words = _en_thing(question, compounds)
    missing = {fold(p) for p in missing_parts}
    return bool(words) and all(fold(c.surface) in missing for c in words)
