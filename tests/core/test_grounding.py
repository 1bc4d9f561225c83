"""Grounding: quotes locate verbatim (after normalisation), altered ones never do."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.core import grounding
from bot.core.answer import Answer, AnswerItem, Citation
from bot.core.article import Article, parse_article
from bot.core.grounding import MIN_QUOTE_CHARS, Grounder, normalize

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")


@pytest.fixture(scope="module")
def grounder(article: Article) -> Grounder:
    return Grounder(article)


def _norm(text: str) -> str:
    return normalize(text)[0]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_substring_locates_to_itself(grounder: Grounder, data: st.DataObject) -> None:
    text = grounder.article.text
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 2, min(len(text), start + 300)))
    quote = text[start:end]
    assume(len(_norm(quote)) >= 2)
    span = grounder.locate(quote)
    assert span is not None
    # The match is the same text (normalised) and, where the quote occurs once, the same place.
    assert _norm(text[span.start : span.end]) == _norm(quote)
    if grounder._norm.count(_norm(quote)) == 1:
        stripped = quote.strip()
        lead = len(quote) - len(quote.lstrip())
        assert (span.start, span.end) == (start + lead, start + lead + len(stripped))


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_altered_text_does_not_locate(grounder: Grounder, data: st.DataObject) -> None:
    text = grounder.article.text
    start = data.draw(st.integers(0, len(text) - 20))
    quote = text[start : start + data.draw(st.integers(12, 120))]
    pos = data.draw(st.integers(0, len(quote) - 1))
    new = data.draw(st.characters(categories=("L", "N"), exclude_characters=quote[pos]))
    # A different letter or digit (not just another width of the same one).
    assume(_norm(new) != _norm(quote[pos]) and not quote[pos].isspace())
    altered = quote[:pos] + new + quote[pos + 1 :]
    assume(_norm(altered) not in grounder._norm)  # the alteration is not elsewhere in the piece
    assert grounder.locate(altered) is None
    assert (
        grounder.locate(quote[:pos] + new + quote[pos:]) is None
        or _norm(quote[:pos] + new + quote[pos:]) in grounder._norm
    )


def test_width_quotes_and_space_variants_locate(grounder: Grounder, article: Article) -> None:
    s = next(s for s in article.sentences if any(c.isdigit() for c in s.text))
    wide = unicodedata.normalize("NFKC", s.text).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )
    assert grounder.locate(wide) is not None
    assert grounder.locate(f"「{s.text}」") is not None
    spaced = "".join(c + (" " if ord(c) >= 0x3000 else "") for c in s.text)
    assert grounder.locate(spaced) is not None  # spaces next to CJK characters are ignored
    assert grounder.locate(s.text.replace("10", "1 0")) is None  # but not inside numbers
    cite = grounder.cite(wide)
    assert cite is not None and cite.quote == s.text  # mapped back to the original characters


def test_near_prefers_the_named_paragraph(article: Article) -> None:
    from bot.core.article import parse_article

    a = parse_article("同じ文です。最初。\n別の段落。同じ文です。\n")
    g = Grounder(a)
    assert g.cite("同じ文です。").passage == 1
    assert g.cite("同じ文です。", passage=2).passage == 2
    assert g.cite("同じ文です。", passage=2).start == a.text.rindex("同じ文です。")


@pytest.mark.parametrize("quote", ["", "。", "x", "   ", "存在しない文章です。"])
def test_non_quotes_do_not_locate(grounder: Grounder, quote: str) -> None:
    assert grounder.cite(quote) is None


def test_quote_across_paragraphs_is_not_a_citation(grounder: Grounder, article: Article) -> None:
    p1, p2 = article.paragraphs[1], article.paragraphs[2]
    spanning = p1.text[-5:] + "\n" + p2.text[:5]
    assert grounder.cite(spanning) is None


def test_verify_and_check_answer(grounder: Grounder, article: Article) -> None:
    s = article.sentences[3]
    good = Citation(s.paragraph, s.text, s.start, s.end)
    fake = Citation(1, "この記事には書かれていない捏造の引用。", 0, 10)
    wrong_place = Citation(s.paragraph, s.text, 0, 5)  # right quote, wrong offsets
    claims = [(c.passage, c.quote) for c in (good, fake, wrong_place, good)]
    checked = grounder.verify(claims)
    assert checked.citations == [good]  # re-located to the true offsets, duplicates merged
    assert len(checked.failures) == 1 and fake.quote[:10] in checked.failures[0]
    checked = grounder.verify([(good.passage, good.quote)], allowed={s.paragraph + 1})
    assert checked.citations == [] and "not among" in checked.failures[0]

    answer = Answer("t", (good, fake), "x", True, items=(AnswerItem("a", "b", (fake, good)),))
    checked = grounder.check_answer(answer)
    assert checked.citations == (good,) and checked.items[0].citations == (good,)
    moved = grounder.check_answer(Answer("t", (wrong_place,), "x", True))
    assert moved.citations == (good,)  # nothing dropped, but the offsets are made exact


def test_a_quote_too_short_to_support_anything_is_no_citation(
    grounder: Grounder, article: Article
) -> None:
    s = next(s for s in article.sentences if len(s.text) > MIN_QUOTE_CHARS + 2)
    enough, short = s.text[:MIN_QUOTE_CHARS], s.text[: MIN_QUOTE_CHARS - 1]
    assert grounder.cite(enough) is not None
    assert grounder.cite(short) is None
    assert grounder.locate(short) is not None  # still the piece's words, as quote marks say
    checked = grounder.verify([(s.paragraph, short)])
    assert checked.citations == [] and "too short" in checked.failures[0]


SHORT_HEADINGS = parse_article(
    "二つの傘を比べた。どちらも折りたたみ式である。\n\n"
    "ソラ A1\n\n"  # 5 characters: a heading, however short, names its section
    "重さは250グラムで、鞄に入れても気にならない。\n\n"
    "ソラ A1とアメ B2の差は小さい。\n\n"
    "アメ B2\n\n"
    "重さは310グラムで、骨が太い。\n"
)


def test_a_short_heading_quoted_whole_is_a_citation_of_its_paragraph() -> None:
    grounder = Grounder(SHORT_HEADINGS)
    found = grounder.verify([(2, "ソラ A1"), (5, "アメ B2")])
    assert found.failures == []
    assert [(c.passage, c.quote) for c in found.citations] == [(2, "ソラ A1"), (5, "アメ B2")]


def test_short_words_of_a_heading_or_of_prose_are_still_too_short() -> None:
    grounder = Grounder(SHORT_HEADINGS)
    # Part of a heading; the heading's words inside a sentence; a heading not in the ¶ named.
    for passage, quote in [(2, "ソラ"), (4, "ソラ A1"), (5, "ソラ A1"), (None, "ソラ A1")]:
        assert grounder.cite(quote, passage=passage) is None
    assert grounder.verify([(4, "ソラ A1")]).citations == []


LABELLED_HEADINGS = parse_article(
    "二つの傘を比べた。どちらも折りたたみ式である。\n\n"
    "POINT\n\n"  # a label: it names nothing its section is about
    "重さは250グラムで、鞄に入れても気にならない。\n\n"
    "まとめ\n\n"
    "どちらも雨の日の通勤に向いている。\n"
)


def test_a_short_heading_that_names_nothing_supports_nothing() -> None:
    grounder = Grounder(LABELLED_HEADINGS)
    checked = grounder.verify([(2, "POINT"), (4, "まとめ")])
    assert checked.citations == [] and all("too short" in f for f in checked.failures)


def test_ascii_runs_normalise_as_character_by_character() -> None:
    # Long ASCII runs are normalised at once; the result is the per-character one.
    rng = random.Random(3)
    ascii_chars = list('ab Z.,"\'`\t\n\r\x0b\x1c ')
    others = list("あ漢「」“”´…㍿ﬁ\u3000\u00a0¨Ａ")
    for _ in range(2000):
        text = "".join(
            "".join(rng.choices(ascii_chars, k=rng.randint(0, 70)))
            if rng.random() < 0.6
            else "".join(rng.choices(others, k=rng.randint(1, 4)))
            for _ in range(rng.randint(0, 5))
        )
        out: list[str] = []
        index: list[int] = []
        grounding._normalize_chars(text, 0, len(text), out, index, grounding._Written())
        assert normalize(text) == ("".join(out), index), repr(text)
