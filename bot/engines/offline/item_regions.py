"""What explains each item of a list (`factor N` quotes it): the sentences from its cue to
the next item's; for the last item, its paragraph and those after it that stay on its
subject; and for items one sentence counts off (要因は、①円安、②燃料高…), the paragraph after
the list that takes each one up (円安は輸入に頼る…), if one does."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from bot.core.article import Article, Sentence

Relatedness = Callable[[str, str], float]
# The share of an item's words a paragraph must repeat to go on about it.
STAYS_ON = 0.12


def regions(
    article: Article, items: Sequence[Sentence], related: Relatedness | None
) -> list[tuple[Sentence, ...]]:
    """Each item's sentences, its cue's sentence first, in the order of `items`."""
    sentences = article.sentences
    shared = {i for i, n in Counter(s.index for s in items).items() if n > 1}
    taken: set[int] = set()
    out: list[tuple[Sentence, ...]] = []
    for k, s in enumerate(items):
        taken_up = None
        if s.index in shared and related is not None:
            # An item one sentence counts off: that sentence, and the paragraph taking it up.
            taken_up = _taking_up(article, s, len(items), related, taken)
        if taken_up is not None:
            taken.add(taken_up)
            out.append((sentences[s.index], *article.paragraph(taken_up).sentences))
        elif k + 1 < len(items):
            stop = max(items[k + 1].index, s.index + 1)  # two items of one sentence: it
            out.append(tuple(sentences[s.index : stop]))
        else:
            out.append(tuple(_last_region(article, s, related, taken)))
    return out


def _taking_up(
    article: Article, item: Sentence, count: int, related: Relatedness, taken: set[int]
) -> int | None:
    """Of the `count` + 1 paragraphs after the item's own, the one that repeats most of its
    words (at least STAYS_ON; the first of equals), not one taking up another item already."""
    last = min(item.paragraph + count + 1, len(article.paragraphs))
    scores = {
        p: related(item.text, article.paragraph(p).text)
        for p in range(item.paragraph + 1, last + 1)
        if p not in taken
    }
    best = max(scores, key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] >= STAYS_ON else None


def _last_region(
    article: Article, marker: Sentence, related: Relatedness | None, taken: set[int]
) -> list[Sentence]:
    """The last item's marker paragraph, plus following paragraphs that stay on its subject
    (up to one that takes up another item)."""
    para = article.paragraph(marker.paragraph)
    region = [s for s in para.sentences if s.index >= marker.index]
    if related is None:
        return region
    for number in range(para.number + 1, min(para.number + 5, len(article.paragraphs) + 1)):
        nxt = article.paragraph(number)
        if number in taken or related(marker.text, nxt.text) < STAYS_ON:
            break
        region.extend(nxt.sentences)
    return region
