"""The `Engine` protocol every front end calls, and the request checks all engines share."""

from __future__ import annotations

import asyncio
import re
import unicodedata
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol, get_args, runtime_checkable

from bot.core.answer import Answer, Turn
from bot.core.article import Article
from bot.core.retrieval import Hit, Retriever

Length = Literal["short", "medium", "long"]
LENGTHS: tuple[str, ...] = get_args(Length)
MAX_QUESTION_CHARS = 1000
MAX_QUOTES = 10
MAX_SEARCH_RESULTS = 20
# What shows nothing, or should not reach a tokenizer: control characters (Cc, but line
# breaks and tabs), format characters (Cf: zero-width spaces, BOM, soft hyphen, bidi
# controls…), and lone surrogates (Cs, what undecodable bytes become in argv or stdin).
_INVISIBLE = frozenset({"Cc", "Cf", "Cs"})
_KEPT = frozenset("\n\t")
# Default-ignorable code points Unicode files under other categories: the combining grapheme
# joiner, Hangul fillers, Khmer inherent vowels, Mongolian and other variation selectors.
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]"
)


class InvalidRequest(ValueError):
    """A request the user can fix; the message says how and is safe to show. `code` and
    `values` let a front end say the same in another language (`invalid.<code>`)."""

    def __init__(self, message: str, code: str | None = None, **values: object) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


@dataclass(frozen=True, slots=True)
class ReaderRequest:
    """What a front end says about the request being answered, to every engine call made for it.

    `deadline` (event-loop time) is set once, when the request arrives, so that time spent
    queued counts against it; an engine with a deadline of its own keeps the earlier one.
    `private` marks words that must not outlive the reader's conversation (a DM): engines
    may answer them from a shared cache, but never add them to one.
    """

    deadline: float | None = None
    private: bool = False


_REQUEST: ContextVar[ReaderRequest | None] = ContextVar("piece_bot_request", default=None)
_NO_REQUEST = ReaderRequest()  # outside any: no deadline but the engine's, and may be kept


def current_request() -> ReaderRequest:
    """The request being answered."""
    return _REQUEST.get() or _NO_REQUEST


@contextmanager
def reader_request(*, within_s: float, private: bool = False) -> Iterator[ReaderRequest]:
    """Engine calls in this block answer a reader who arrived now and waits `within_s` at most."""
    request = ReaderRequest(asyncio.get_running_loop().time() + within_s, private)
    token = _REQUEST.set(request)
    try:
        yield request
    finally:
        _REQUEST.reset(token)


@dataclass(frozen=True, slots=True)
class StreamEvent:
    """Progress of a streamed answer: the text so far, and the verified answer at the end."""

    text: str
    final: Answer | None = None


def check_search(query: str, k: int) -> str:
    """A search request as it may be run: the query checked like a question, and `k` in
    range; `InvalidRequest` otherwise."""
    query = check_question(query)
    if not 1 <= k <= MAX_SEARCH_RESULTS:
        raise InvalidRequest(f"the number of results must be between 1 and {MAX_SEARCH_RESULTS}")
    return query


@runtime_checkable
class Engine(Protocol):
    """Everything a front end (terminal, Discord) asks of an engine; nothing else is used.

    Engines subclass this protocol explicitly, so they inherit the defaults below where
    they have nothing special to do. Every method returns grounded `Answer`s.
    """

    name: str
    article: Article
    retriever: Retriever

    async def summary(self, length: Length = "medium", *, locale: str | None = None) -> Answer: ...

    async def factors(self, *, locale: str | None = None) -> Answer: ...

    async def factor(self, n: int, *, locale: str | None = None) -> Answer: ...

    async def quotes(
        self, topic: str | None = None, k: int = 3, *, locale: str | None = None
    ) -> Answer: ...

    async def ask(
        self, question: str, history: Sequence[Turn] = (), *, locale: str | None = None
    ) -> Answer: ...

    async def ask_stream(
        self, question: str, history: Sequence[Turn] = (), *, locale: str | None = None
    ) -> AsyncIterator[StreamEvent]:
        """The answer's text as it arrives, the verified `Answer` last (default: all at once)."""
        answer = await self.ask(question, history, locale=locale)
        yield StreamEvent(answer.text, answer)

    async def search(self, query: str, k: int = 5) -> list[Hit]:
        """The piece's passages ranked for `query`, best first, one per paragraph."""
        return await self.retriever.asearch(check_search(query, k), k)

    def about(self) -> PieceInfo:
        """What a reader may want to know about the piece and this engine."""
        return PieceInfo.of(self.article, self.name)

    def start_warm_up(self, locales: Sequence[str | None] = (None,)) -> asyncio.Task[None] | None:
        """Start preparing answers in the background (needs a running loop); None: nothing to do."""
        return None

    async def aclose(self) -> None:
        """Release what the engine holds (connections, caches, background work)."""
        await self.retriever.aclose()


@dataclass(frozen=True, slots=True)
class PieceInfo:
    """The piece's metadata and the engine in use, as `about` shows them."""

    title: str
    title_derived: bool
    author: str | None
    source: str | None
    date: str | None
    language: str
    url: str | None
    path: str | None
    paragraphs: int
    sentences: int
    sha256: str
    engine: str

    @classmethod
    def of(cls, article: Article, engine: str) -> PieceInfo:
        m = article.meta
        return cls(
            title=m.title,
            title_derived=m.title_derived,
            author=m.author,
            source=m.source,
            date=m.date,
            language=m.language,
            url=m.url,
            path=str(article.path) if article.path else None,
            paragraphs=len(article.paragraphs),
            sentences=len(article.sentences),
            sha256=article.sha256,
            engine=engine,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def clean_text(text: str) -> str:
    """Drop invisible characters (controls, format characters, surrogates, fillers, variation
    selectors); normalise line breaks and outer spaces. Text of nothing but those is empty."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c in _KEPT or unicodedata.category(c) not in _INVISIBLE)
    return unicodedata.normalize("NFC", _IGNORABLE.sub("", text)).strip()


def check_question(question: str, *, limit: int = MAX_QUESTION_CHARS) -> str:
    """Return the cleaned question, or raise `InvalidRequest` saying what is wrong."""
    if not isinstance(question, str):
        raise InvalidRequest("the question must be text")
    cleaned = clean_text(question)
    if not cleaned:
        raise InvalidRequest("the question is empty: ask something about the piece", "empty")
    if len(cleaned) > limit:
        raise InvalidRequest(
            f"the question is too long ({len(cleaned):,} characters; the limit is {limit:,})",
            "question_too_long",
            length=f"{len(cleaned):,}",
            limit=f"{limit:,}",
        )
    return cleaned


def check_topic(topic: str | None, *, limit: int = 200) -> str | None:
    """A quote topic: optional, but if given it must be non-empty and short."""
    if topic is None:
        return None
    cleaned = clean_text(topic)
    if not cleaned:
        return None
    if len(cleaned) > limit:
        raise InvalidRequest(
            f"the topic is too long ({len(cleaned):,} characters; the limit is {limit:,})",
            "topic_too_long",
            length=f"{len(cleaned):,}",
            limit=f"{limit:,}",
        )
    return cleaned


def check_count(k: int, *, maximum: int = MAX_QUOTES) -> int:
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= maximum:
        raise InvalidRequest(f"the number of quotes must be between 1 and {maximum}")
    return k


def check_length(length: str) -> Length:
    if length not in LENGTHS:
        raise InvalidRequest(f"length must be one of {', '.join(LENGTHS)}")
    return length  # type: ignore[return-value]


def check_factor_number(n: int, count: int) -> int:
    if count == 0:
        raise InvalidRequest("the piece names no factors", "no_factors")
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= count:
        raise InvalidRequest(
            f"there is no factor {n}: choose a number from 1 to {count}",
            "no_factor",
            n=n,
            count=count,
        )
    return n
