"""Where the piece speaks of what a question names, when it names something specific.

A question asking for a figure or a value names what it is about: 合宿免許の料金はいくら？,
汐見駅観光案内所の電話番号は？. When the piece writes that name in a few paragraphs only, what it
says of it is in those paragraphs; in the paragraphs they stand for (a heading's section, a
table header's rows, an interviewer's question's answers); in the section one of them opens
with the name (■ 合宿コース, then 合宿免許は最短14日間で…, then 料金は248,000円…; not the day
that 10:30 金沢駅に到着。 opens); in a paragraph right after one that points back at it (この
作業で描き直された図面は…); and in the list after one that points on to it (合宿免許の料金は
以下のとおりです。, then 普通車AT：248,000円: the lines up to the next sentence of prose, at
most LIST_AFTER). If none of them gives a figure of the asked unit, the piece does not say it,
however many other prices or numbers it lists: the nearest fee line is about something else.

A specific name is a proper noun, a compound of two or more naming words (合宿免許,
平均下校時間), one of three characters or more of a naming word and another (蔵見学), one
with a suffix or a prefix the tagger tells apart (ふれあい荘), or one with the number the
question puts before it (第2駐車場, where 駐車場 alone names every car park; not 2023年 nor
2024年度), or a name the question quotes (「ぱちっとシール」, whose kana the compounds leave
out); written in at most SPECIFIC paragraphs (a Latin name as a word of its own), not in
the title (a piece's own name is about every paragraph), and not the name of what is asked
for (基本料金, 電話番号, 連絡先). A paragraph writes a compound when it writes it whole or
writes each of its naming words (「ダニ対策」モード for ダニ対策モード). A question naming
nothing specific (電話番号は？, 充電で何分動く？) has no scope, and nothing is judged by it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property

from bot.core.article import Article
from bot.core.compounds import Compound, is_content
from bot.core.enumeration import LINE_MARKS, bulleted
from bot.core.normalize import loose_fold
from bot.core.question import FEE
from bot.core.structure import cells, points_back, sections
from bot.core.text import SENTENCE_END
from bot.core.values import QUOTED_NAME, as_read, given_of, names_a_value

logger = logging.getLogger(__name__)

# A form of する after a name: the name done as a verb (受験すると, 利用して, 予約される), not
# しか or さま after it (東京本社しか, 山田さま).
_DONE = r"(?:す[るれ]|し[てたまなよ]|さ[れせ]|でき)"
# A number that tells one of a kind apart: 第2, 3号, 5番.
_NUMBERED = r"第?[0-9０-９]+[号番]?"
# A counter of time after a figure: when, not what (2024年度, 3時間, 2日目, 第2月曜日, 10時台;
# not 第2分館).
_WHEN = re.compile("[年月日時分秒週][度間目生限曜代版号台分]")
SPECIFIC = 3  # a name written in more paragraphs than this names no specific subject
# A name of what is asked for, not of what it is asked of: 基本料金, 電話番号, 連絡先.
_ASKED = re.compile(rf"(?:{FEE}|番号|アドレス|URL|連絡先|住所|所在地)$", re.I)
# A paragraph that points on to the lines after it (not 中学生以下の: under, or the age).
_POINTS_ON = re.compile(
    r"(?:次|以下|下記)の?(?:とおり|通り)|下記|以下に(?:示|記|挙げ|まとめ)"
    r"|\b(?:as follows|the following|listed below|shown below)\b|[：:]$",
    re.I,
)
LIST_AFTER = 20  # the most lines of a list pointed on to that are read with its lead
_LEADS = LINE_MARKS + "【「『（("  # what may come before a paragraph's first word
_CLOSERS = "」』）)］]〕】〉》”’\"'"
_QUOTED = re.compile(QUOTED_NAME)  # a name a question quotes


class SubjectScope:
    """The paragraphs of one piece where each specific name of a question is spoken of."""

    def __init__(self, article: Article, read_with: Mapping[int, Sequence[int]]) -> None:
        """`read_with`: paragraphs standing for others, by ¶ number (`interview.stands_for`)."""
        self.article = article
        self.read_with = read_with

    @cached_property
    def _folded(self) -> tuple[str, ...]:
        return tuple(loose_fold(p.text) for p in self.article.paragraphs)

    @cached_property
    def _opened(self) -> dict[int, int]:
        """The heading of each paragraph that is the first under a section heading."""
        opened: dict[int, int] = {}
        for paragraph, heading in sorted(sections(self.article).items()):
            opened.setdefault(heading, paragraph)
        return {paragraph: heading for heading, paragraph in opened.items()}

    @cached_property
    def _plain(self) -> tuple[str, ...]:
        """The paragraphs case-folded, their spaces kept (Latin words stay words)."""
        return tuple(
            unicodedata.normalize("NFKC", p.text).casefold() for p in self.article.paragraphs
        )

    @cached_property
    def _title(self) -> str:
        return loose_fold(self.article.meta.title or "")

    def _writing(self, compound: Compound) -> list[int]:
        """¶ numbers of the paragraphs that write a specific name, or [] for none."""
        content = [loose_fold(p.surface) for p in compound.parts if is_content(p)]
        proper = any(p.proper for p in compound.parts)
        whole = loose_fold(compound.surface)
        named = (
            len(content) >= 2
            or proper
            or (len(compound.parts) >= 2 and bool(content) and len(whole) >= 3)
            # a name with a suffix or a prefix the tagger tells apart (ふれあい荘)
            or (len(whole) >= 4 and len(whole) > len("".join(p.surface for p in compound.parts)))
        )
        if not named or len(whole) < 2 or whole in self._title or _ASKED.search(whole):
            return []
        if whole.isascii():
            # A Latin name as a word of its own: Art is not in start, Party or Starters.
            word = re.compile(rf"(?<![a-z0-9]){re.escape(compound.surface.casefold())}(?![a-z0-9])")
            found = [n for n, text in enumerate(self._plain, start=1) if word.search(text)]
        else:
            found = [
                n
                for n, text in enumerate(self._folded, start=1)
                if whole in text or (len(content) >= 2 and all(c in text for c in content))
            ]
        return found if len(found) <= SPECIFIC else []

    def paragraphs(self, question: str, compounds: Sequence[Compound]) -> tuple[int, ...]:
        """The paragraphs where the piece speaks of any of the specific names of `question`
        (its `compounds`), in reading order; () when it names nothing specific. A name done
        as a verb (両日受験すると) is a condition, not what the question is about."""
        named: list[tuple[str, list[int]]] = [
            (name, self._written(name)) for name in _QUOTED.findall(question)
        ]
        for compound in compounds:
            if re.search(re.escape(compound.surface) + _DONE, question):
                continue
            found = self._qualified(question, compound) or self._writing(compound)
            named.append((compound.surface, found))
        scope: set[int] = set()
        count = len(self._folded)
        for name, found in named:
            whole = loose_fold(name)
            for n in found:
                scope.add(n)
                scope.update(self.read_with.get(n, ()))
                if n < count and points_back(self.article.paragraph(n + 1).text):
                    scope.add(n + 1)
                heading = self._opened.get(n)
                if heading is not None and self._folded[n - 1].lstrip(_LEADS).startswith(whole):
                    scope.add(heading)  # ¶n opens its section with the name: it is of the name
                    scope.update(self.read_with.get(heading, ()))
                for m in self._list_after(n):
                    scope.add(m)
                    scope.update(self.read_with.get(m, ()))
        return tuple(sorted(scope))

    def giving(
        self, gives: Callable[[str], bool], compounds: Sequence[Compound], of: str | None = None
    ) -> list[int]:
        """For a question asking a value by name (`gives`: `values.asked_value`'s test) and
        naming nothing else (電話番号を教えて, whose `compounds` all name a value), or naming
        only what it is asked of (`of`: `values.owner`, 本店 of 本店の住所は？), the paragraphs
        that give one (as that name's: `values.given_of`), when the piece gives it in at most
        SPECIFIC: that is where it speaks of it, however little they share with the question's
        words (• Phone: 01632 960214 for telephone number); [] otherwise."""
        if of is not None:
            found = [
                p.number for p in self.article.paragraphs if given_of(gives, as_read(p.text), of)
            ]
            return found if len(found) <= SPECIFIC else []
        if not compounds:
            return []
        if not all(names_a_value(c.surface) for c in compounds):
            return []
        found = [p.number for p in self.article.paragraphs if gives(as_read(p.text))]
        return found if len(found) <= SPECIFIC else []

    def names_apart(self, name: str) -> bool:
        """Whether the piece writes `name`, not in its title (a piece's own name is about every
        paragraph: its address need not name it)."""
        whole = loose_fold(name)
        return whole not in self._title and any(whole in text for text in self._folded)

    def _written(self, name: str) -> list[int]:
        """¶ numbers of the paragraphs that write a name the question quotes (「ぱちっとシール」
        シリーズの売上高は？, whose kana the compounds leave out), or [] if the piece writes it
        nowhere, too often or in its title."""
        whole = loose_fold(name)
        if len(whole) < 2 or whole in self._title:
            return []
        found = [n for n, text in enumerate(self._folded, start=1) if whole in text]
        return found if len(found) <= SPECIFIC else []

    def _qualified(self, question: str, compound: Compound) -> list[int]:
        """¶ numbers of the paragraphs that write a name with the number the question puts
        before it (第2駐車場 of 第2駐車場には何台？, where 駐車場 alone names every car park),
        or [] if the question puts none, the name is a counter of time (2024年度), or the
        piece writes it nowhere, too often or in its title."""
        if len(compound.surface) < 2 or _WHEN.match(compound.surface):
            return []  # a counter after its figure (2023年, 1回, 2024年度), not a name
        m = re.search(_NUMBERED + re.escape(compound.surface), question)
        if m is None:
            return []
        whole = loose_fold(m.group())
        if whole in self._title:
            return []  # the piece's own subject: about every paragraph
        # Written with that number, not a longer one (2番乗り場 is not in 12番乗り場).
        written = re.compile(r"(?<![0-9])" + re.escape(whole))
        found = [n for n, text in enumerate(self._folded, start=1) if written.search(text)]
        return found if len(found) <= SPECIFIC else []

    def _list_after(self, n: int) -> list[int]:
        """¶ numbers of the list ¶`n` points on to (下記のとおり, as follows:): the paragraph
        after it, and the next ones up to the first sentence of prose (a list's items, a
        table's rows and a bulleted line may end with one), [] if it points on to nothing."""
        if not _POINTS_ON.search(self.article.paragraph(n).text.strip()):
            return []
        out: list[int] = []
        for m in range(n + 1, min(len(self._folded), n + LIST_AFTER) + 1):
            text = self.article.paragraph(m).text.strip()
            prose = text.rstrip(_CLOSERS).endswith(SENTENCE_END)
            if out and prose and not bulleted(text) and cells(text) < 2:
                break
            out.append(m)
        return out
