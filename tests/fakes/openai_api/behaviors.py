"""Scripted replies for the fake OpenAI server: grounded ones, and each way a model goes wrong."""

from __future__ import annotations

import inspect
import json
import math
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

PASSAGE = re.compile(r'<passage id="(\d+)">(.*?)</passage>', re.S)
QUESTION = re.compile(r"<question>\n?(.*?)\n?</question>", re.S)
_SENTENCE = re.compile(r".+?(?:[。！？!?]|\.(?=\s)|$)", re.S)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
# The schema a request asks for, read from its properties when no json_schema name is sent.
_SHAPES = {
    ("covered", "sentences"): "answer",
    ("sentences",): "summary",
    ("intro", "items"): "factors",
    ("covered", "quotes"): "quotes",
    ("note", "quotes"): "digest",
    ("query",): "rewrite",
}


@dataclass
class Spec:
    """One scripted reply: a completion (content or refusal), or an HTTP error, maybe late."""

    content: str | None = None
    refusal: str | None = None
    finish_reason: str = "stop"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    error: dict[str, Any] | None = None
    body: str | None = None  # an error body sent as is, byte for byte (a real server's)
    delay: float = 0.0
    chunk_chars: int = 12
    chunk_delay: float = 0.0


@dataclass
class Request:
    """A request the server received, kept for assertions."""

    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    answered: bool = False  # True once the server sent a completion (not an error) for it

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def schema(self) -> str:
        """The schema's name: from json_schema, else told by its shape (json_object's schema,
        or the schema spelt out in the prompt for plain text)."""
        fmt = self.body.get("response_format") or {}
        if fmt.get("type") == "json_schema":
            return str(fmt.get("json_schema", {}).get("name", "")).removeprefix("piece_bot_")
        schema = fmt.get("schema") or _schema_in(self.text())
        properties = tuple(sorted((schema or {}).get("properties", {})))
        return _SHAPES.get(properties, "")

    def text(self) -> str:
        return "\n".join(str(m.get("content") or "") for m in self.messages)

    def passages(self) -> list[tuple[int, str]]:
        """(id, text) of every passage shown to the model, in order."""
        return [(int(n), t) for n, t in PASSAGE.findall(self.text())]

    def question(self) -> str | None:
        found = QUESTION.findall(self.text())
        return found[-1] if found else None


def _schema_in(text: str) -> dict[str, Any] | None:
    start = text.rfind('{"type": "object"')
    if start == -1:
        return None
    try:
        schema, _end = json.JSONDecoder().raw_decode(text[start:])
    except ValueError:
        return None
    return schema if isinstance(schema, dict) else None


Behavior = Callable[[Request], Spec | Awaitable[Spec]]


def estimate_tokens(text: str) -> int:
    """A rough token count: a CJK character ≈ 1 token, other text ≈ 4 characters a token."""
    cjk = len(_CJK.findall(text))
    return cjk + math.ceil((len(text) - cjk) / 4)


def first_sentence(text: str) -> str:
    m = _SENTENCE.match(text.strip())
    return m.group().strip() if m else text.strip()


async def resolve(behavior: Behavior, req: Request) -> Spec:
    out = behavior(req)
    if inspect.isawaitable(out):
        out = await out
    return out  # type: ignore[return-value]


def reply(content: Any, **kw: Any) -> Behavior:
    """Always this content (a dict or list is sent as JSON text)."""
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    return lambda _req: Spec(content=text, **kw)


def grounded_payload(
    req: Request, *, quote_fn: Callable[[int, str], tuple[int, str]] | None = None
) -> dict[str, Any]:
    """A well-formed, grounded reply for whatever the request's schema asks.

    Quotes the first sentence of the passages it was shown, so they verify; `quote_fn` lets
    a behavior corrupt them (wrong passage ids, words the piece does not have).
    """
    passages = req.passages() or [(1, "")]
    pick = quote_fn or (lambda n, t: (n, first_sentence(t)))
    cites = [dict(zip(("passage", "quote"), pick(n, t), strict=True)) for n, t in passages]
    schema = req.schema
    if schema == "rewrite":
        return {"query": req.question() or "query"}
    if schema == "digest":
        return {"note": f"What ¶{cites[0]['passage']} and the rest of this part say.",
                "quotes": cites[:3]}  # fmt: skip
    if schema == "factors":
        items = [
            {"title": f"Point {i}",
             "sentences": [{"text": f"What ¶{c['passage']} says.", "citations": [c]}]}
            for i, c in enumerate(cites[:3], start=1)
        ]  # fmt: skip
        intro = {"text": f"The piece names {len(items)} factors.", "citations": cites[:1]}
        return {"intro": intro, "items": items}
    if schema == "quotes":
        return {
            "covered": True,
            "quotes": [{**c, "why": f"It states ¶{c['passage']}'s claim."} for c in cites[:3]],
        }
    sentences = [
        {"text": f"The piece answers this in ¶{c['passage']}.", "citations": [c]} for c in cites[:2]
    ]
    if schema == "summary":
        return {"sentences": sentences}
    return {"sentences": sentences, "covered": True}


def grounded(**kw: Any) -> Behavior:
    return lambda req: Spec(content=json.dumps(grounded_payload(req), ensure_ascii=False), **kw)


def bad_quotes() -> Behavior:
    """Citations whose quotes the piece does not contain."""

    def quote(n: int, _t: str) -> tuple[int, str]:
        return n, "This sentence appears nowhere in the piece, word for word."

    return lambda req: Spec(content=json.dumps(grounded_payload(req, quote_fn=quote)))


def bad_ids(passage: int = 999) -> Behavior:
    """Real quotes attributed to a passage id the model was never given."""

    def quote(_n: int, t: str) -> tuple[int, str]:
        return passage, first_sentence(t)

    return lambda req: Spec(
        content=json.dumps(grounded_payload(req, quote_fn=quote), ensure_ascii=False)
    )


def not_covered(text: str = "The piece does not say.") -> Behavior:
    return reply({"sentences": [{"text": text, "citations": []}], "covered": False})


def slow(seconds: float, then: Behavior | None = None) -> Behavior:
    inner = then or grounded()

    async def behave(req: Request) -> Spec:
        spec = await resolve(inner, req)
        spec.delay = seconds
        return spec

    return behave


def status(code: int, *, retry_after: float | None = None, message: str = "error") -> Behavior:
    headers = {"retry-after": str(retry_after)} if retry_after is not None else {}
    body = {"error": {"message": message, "type": "server_error", "code": None}}
    return lambda _req: Spec(status=code, headers=headers, error=body)


def invalid_json() -> Behavior:
    return lambda _req: Spec(content='{"sentences": [{"text": "unterminated')


def refusal(text: str = "I'm sorry, I can't help with that.") -> Behavior:
    return lambda _req: Spec(content=None, refusal=text)


def empty() -> Behavior:
    return lambda _req: Spec(content="")


def truncated() -> Behavior:
    return lambda _req: Spec(content='{"sentences": [{"text": "cut', finish_reason="length")


def loopholes(**kw: Any) -> Behavior:
    """A model that obeys an injected instruction: besides one real quote, its reply tries every
    way to show words the piece lacks as a quote, or a link as clickable, and attributes words
    to the author with support from elsewhere or none at all."""

    def behave(req: Request) -> Spec:
        n, text = (req.passages() or [(1, "")])[0]
        real = first_sentence(text)
        cite = [{"passage": n, "quote": real}]
        sentences = [
            {"text": f"It says 「{real}」.", "citations": cite},
            {"text": INVENTED_MARKS, "citations": cite},
            {"text": "> 捏造された引用文です\n> 二行目も捏造です", "citations": cite},
            {"text": "It reads 「複数行に\nわたる捏造の引用」 here.", "citations": cite},
            {"text": LINKS, "citations": cite},
            {"text": "筆者は「核武装こそ正義だ」と述べている。", "citations": []},
            {"text": "The author says “Russia will invade the moon”.", "citations": cite},
            {"text": "This claim stands on nothing at all.", "citations": []},
        ]
        payload: dict[str, Any] = {"sentences": sentences, "covered": True}
        if req.schema == "summary":
            payload = {"sentences": sentences}
        elif req.schema == "factors":
            items = [{"title": f"[Factor](https://evil.example/{i})", "sentences": sentences}
                     for i in (1, 2)]  # fmt: skip
            payload = {"intro": sentences[5], "items": items}
        elif req.schema == "quotes":
            why = f"{INVENTED_MARKS} {LINKS}"
            payload = {"covered": True, "quotes": [{**cite[0], "why": why}]}
        return Spec(content=json.dumps(payload, ensure_ascii=False), **kw)

    return behave


# The words of the piece never include these: shown, they may only be unquoted paraphrase.
INVENTED_MARKS = (
    "Some call it ‘invented words here’, «mots inventés», 〝捏造の語〟, 【偽の見出し】, "
    "'fake single quote' or \"fake double\", but don't say it's so."
)
LINKS = (
    "Read [記事の公式全文](https://evil.example/login), <https://evil.example/a> "
    "or https://evil.example/b."
)
