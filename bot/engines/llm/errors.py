"""Model server faults: one `ModelError` kind per cause, the server's own words kept (keys never),
and which faults are worth a second request."""

from __future__ import annotations

import json
import re

import openai

MAX_SERVER_TEXT = 400  # of a server's error message kept for the log
# Statuses worth asking again: request timeout, conflict, rate limit (and 5xx, see `retryable`).
RETRY_STATUSES = frozenset({408, 409, 429})
_FORMAT_WORDS = re.compile(r"response_format|json_schema", re.I)
# How servers say a prompt is over the context: llama-server, OpenAI and vLLM, others.
_CONTEXT_WORDS = re.compile(
    r"exceed_context_size_error|context_length_exceeded|maximum context length"
    r"|exceeds? the (?:available )?context|context (?:size|window|length) (?:of|is|exceeded)",
    re.I,
)
_CONTEXT_SIZE = re.compile(
    r"(?:context size|context length is|context window of)\D{0,20}(\d{3,7})", re.I
)
_KEYLIKE = re.compile(r"(?:sk|pk|key)-[A-Za-z0-9_*.-]{4,}|Bearer\s+\S+", re.I)


class ModelError(Exception):
    """A model call that gave no usable reply. `kind` names the fault; `status`, `request_id`
    and `server_text` say what the server answered (its text redacted of anything key-like)."""

    def __init__(
        self,
        kind: str,
        detail: str = "",
        *,
        status: int | None = None,
        request_id: str | None = None,
        server_text: str = "",
        context_tokens: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail
        self.status = status
        self.request_id = request_id
        self.server_text = server_text
        self.context_tokens = context_tokens  # the context size a server reported, if it did
        self.retry_after = retry_after  # seconds, when the server said how long to wait


def redact(text: str, secret: str = "") -> str:
    """`text` without `secret` or anything shaped like an API key or bearer token."""
    if secret:
        text = text.replace(secret, "***")
    return _KEYLIKE.sub("***", text)


def server_text(exc: openai.APIStatusError) -> str:
    """The message a server put in its error body (or the raw body), on one line, bounded."""
    body = exc.body
    message: object = None
    if isinstance(body, dict):
        error = body.get("error", body)
        message = error.get("message") if isinstance(error, dict) else error
    if not isinstance(message, str) or not message:
        try:
            message = exc.response.text
        except (openai.OpenAIError, RuntimeError, UnicodeDecodeError):
            message = ""
    text = " ".join(str(message).split())
    return text[:MAX_SERVER_TEXT] + ("…" if len(text) > MAX_SERVER_TEXT else "")


def _raw_body(exc: openai.APIStatusError) -> str:
    if exc.body is not None:
        return json.dumps(exc.body, ensure_ascii=False)
    try:
        return exc.response.text
    except (openai.OpenAIError, RuntimeError, UnicodeDecodeError):
        return ""


def _reported_context(exc: openai.APIStatusError, text: str) -> int | None:
    """The context size a server named in its overflow error (llama-server: `n_ctx`)."""
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error", body)
    if isinstance(error, dict) and isinstance(error.get("n_ctx"), int):
        return int(error["n_ctx"])
    m = _CONTEXT_SIZE.search(text)
    return int(m.group(1)) if m else None


def _retry_after(exc: openai.APIStatusError) -> float | None:
    try:
        value = float(exc.response.headers.get("retry-after", ""))
    except ValueError:
        return None  # absent, or an HTTP date: the usual backoff will do
    return value if value >= 0 else None


def _status_error(exc: openai.APIStatusError, secret: str) -> ModelError:
    code = exc.status_code
    said = redact(server_text(exc), secret)
    raw = _raw_body(exc)

    def error(kind: str, detail: str, context_tokens: int | None = None) -> ModelError:
        return ModelError(
            kind,
            detail,
            status=code,
            request_id=exc.request_id,
            server_text=said,
            context_tokens=context_tokens,
            retry_after=_retry_after(exc),
        )

    if code in (400, 413) and _CONTEXT_WORDS.search(raw):
        overflow = "the prompt is over the model's context"
        return error("context", overflow, _reported_context(exc, raw))
    if code in (400, 422, 500) and _FORMAT_WORDS.search(raw):
        return error("format", "the server rejects this response_format")
    if code == 429:
        return error("rate_limited", "the model server is rate limiting requests")
    if code in (401, 403):
        return error("auth", f"the model server refused the API key ({code})")
    return error("unavailable" if code >= 500 else "bad_request", f"HTTP {code}")


def classify(exc: BaseException, secret: str = "") -> ModelError:
    """Map an `openai` exception to a `ModelError`."""
    if isinstance(exc, ModelError):
        return exc
    if isinstance(exc, openai.APITimeoutError):
        return ModelError("timeout", "the model server did not answer in time")
    if isinstance(exc, openai.APIConnectionError):
        return ModelError("connection", "the model server could not be reached")
    if isinstance(exc, openai.APIStatusError):
        return _status_error(exc, secret)
    if isinstance(exc, openai.APIResponseValidationError):
        return ModelError("malformed", "the server's response did not have the expected shape")
    return ModelError("unavailable", type(exc).__name__)


def retryable(error: ModelError) -> bool:
    """Whether asking again may help: timeouts, lost connections, 408/409/429 and 5xx, except
    a 501 (not implemented) and rejections that name what the server will not do."""
    if error.kind in ("timeout", "connection"):
        return True
    if error.status is None or error.kind in ("format", "context"):
        return False
    return error.status in RETRY_STATUSES or (error.status >= 500 and error.status != 501)
