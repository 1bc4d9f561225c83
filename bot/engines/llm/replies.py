"""Readers of the model's replies: its JSON made into verified answers, one reader per command."""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import replace
from typing import Any

from bot.core.answer import Answer, AnswerItem
from bot.core.article import Article
from bot.core.language import quote_marks, ui_language
from bot.engines.llm.checks import Enforcer, MalformedReply, text_field
from bot.engines.messages import message

NOT_COVERED_MAX_CHARS = 400
MAX_DIGEST_QUOTES = 6  # of one part's notes: enough to stand for it, few enough to fit many

# (data, final attempt) -> (answer or None, failures); raises MalformedReply on a wrong shape.
Builder = Callable[[dict[str, Any], bool], tuple[Answer | None, list[str]]]


class Replies:
    """Builds the readers that turn a reply into an answer of engine `engine`, or say why not."""

    def __init__(self, article: Article, enforcer: Enforcer, engine: str) -> None:
        self.article = article
        self.enforcer = enforcer
        self.engine = engine

    def answer(self, kind: str, allowed: Set[int], *, needs_cover: bool = True) -> Builder:
        """Sentences with their citations (summary, factor detail, ask); `needs_cover`: ask
        may say the piece does not cover the question."""

        def build(data: dict[str, Any], final: bool) -> tuple[Answer | None, list[str]]:
            raw = data.get("sentences")
            if not isinstance(raw, list) or not raw:
                raise MalformedReply("the answer has no sentences")
            if needs_cover and data.get("covered") is False:
                # The model says the piece does not cover it: no citation is owed, none shown.
                # Unsupported text stays short; a long one would be an uncited answer.
                said = " ".join(e["text"] for e in raw if isinstance(e, dict) and _is_text(e))
                clean = self.enforcer.clean_text(said, ())
                if not clean or len(clean) > NOT_COVERED_MAX_CHARS:
                    clean = message("not_covered", ui_language(None, clean or None))
                return Answer(clean, (), self.engine, grounded=False, kind=kind), []
            claims = self.enforcer.claims(raw, allowed)
            if not claims.sentences:
                return None, claims.failures or ["the answer cited no passage"]
            answer = Answer(
                claims.text, tuple(claims.citations), self.engine, grounded=True, kind=kind
            )
            return answer, claims.failures

        return build

    def digest(self, first: int, last: int, allowed: Set[int]) -> Builder:
        """Notes on part ¶`first`–¶`last` of a long piece: a note, and quotes that verified."""

        def build(data: dict[str, Any], final: bool) -> tuple[Answer | None, list[str]]:
            note = text_field(data, "note")
            checked = self.enforcer.citations(data.get("quotes"), allowed)
            if not checked.citations:
                return None, checked.failures or ["no quote was given"]
            quotes = tuple(checked.citations[:MAX_DIGEST_QUOTES])
            note = self.enforcer.clean_text(note, ())
            answer = Answer(note, quotes, self.engine, grounded=True, kind=f"digest:{first}-{last}")
            return answer, checked.failures

        return build

    def factor(self, n: int, item: AnswerItem, allowed: Set[int]) -> Builder:
        """The detail of factor `n` of a list: one item, numbered and titled as in the list."""
        build = self.answer("factor", allowed, needs_cover=False)

        def as_factor(data: dict[str, Any], final: bool) -> tuple[Answer | None, list[str]]:
            answer, failures = build(data, final)
            if answer is None:
                return None, failures
            detail = AnswerItem(item.title, answer.text, answer.citations)
            text = f"{n}. {item.title}\n{answer.text}"
            return replace(answer, text=text, items=(detail,)), failures

        return as_factor

    def factors(self, allowed: Set[int], lang: str) -> Builder:
        """A numbered list of factors, each with its own verified citations."""

        def build(data: dict[str, Any], final: bool) -> tuple[Answer | None, list[str]]:
            raw_items = data.get("items")
            if not isinstance(raw_items, list) or not raw_items:
                raise MalformedReply("no items in the factor list")
            items: list[AnswerItem] = []
            failures: list[str] = []
            for raw in raw_items:
                item, item_failures = self.enforcer.item(raw, allowed)
                failures += item_failures
                if item is not None:
                    items.append(item)
            dropped = len(raw_items) - len(items)
            # A list with a hole misnumbers the factors: retry first, accept a partial list last.
            if not items or (dropped and not final):
                return None, failures
            # The intro is a sentence like any other: shown only with a verified quote.
            intro = self.enforcer.claims([data.get("intro")], allowed)
            citations = list(intro.citations)
            for item in items:
                citations += [c for c in item.citations if c not in citations]
            lines = [intro.text] if intro.sentences else []
            lines += [f"{n}. {i.title} — {i.text}" for n, i in enumerate(items, start=1)]
            answer = Answer(
                "\n".join(lines),
                tuple(citations),
                self.engine,
                grounded=True,
                kind="factors",
                items=tuple(items),
                note=message("partial_list", lang, n=dropped) if dropped else None,
            )
            return answer, failures

        return build

    def quotes(self, allowed: Set[int], k: int, topic: str | None, lang: str) -> Builder:
        """Up to `k` verbatim quotes, each with the model's reason for choosing it."""
        open_q, close_q = quote_marks(self.article.meta.language)

        def build(data: dict[str, Any], final: bool) -> tuple[Answer | None, list[str]]:
            raw = data.get("quotes")
            if not isinstance(raw, list):
                raise MalformedReply("'quotes' is not a list")
            if data.get("covered") is False or not raw:
                if topic is None:
                    return None, ["no quotes were given, but the whole piece is open to quote"]
                text = message("no_quotes", lang, topic=topic)
                return Answer(text, (), self.engine, grounded=False, kind="quote"), []
            checked = self.enforcer.citations(raw, allowed)
            if not checked.citations:
                return None, checked.failures
            why = {}
            for entry in raw:
                if isinstance(entry, dict) and isinstance(entry.get("why"), str):
                    # Checked as its quote was (in the passage it names), so the reason lands
                    # on that quote even when the piece has the same words elsewhere too.
                    for c in self.enforcer.citations([entry], allowed).citations:
                        why[(c.start, c.end)] = entry["why"].strip()
            kept = checked.citations[:k]
            lines = []
            for c in kept:
                reason = self.enforcer.clean_text(why.get((c.start, c.end), ""), ())
                line = f"{open_q}{c.quote}{close_q} [¶{c.passage}]"
                lines.append(f"{line} — {reason}" if reason else line)
            answer = Answer("\n".join(lines), tuple(kept), self.engine, grounded=True, kind="quote")
            return answer, checked.failures

        return build


def _is_text(entry: dict[str, Any]) -> bool:
    return isinstance(entry.get("text"), str)
