"""The client factory (timeouts, no library retries), the mapping of library errors to fault
kinds, what is retried, and what a server's error text keeps in the log."""

from __future__ import annotations

import json
from pathlib import Path

import httpx2
import openai
import pytest

from bot.engines.llm.client import make_client, reported_context
from bot.engines.llm.errors import ModelError, classify, redact, retryable
from bot.engines.llm.usage import Usage
from tests.engines.llm.conftest import make_settings
from tests.fakes.openai_api import real


async def test_client_uses_our_timeout_and_leaves_retries_to_us(tmp_path: Path) -> None:
    settings = make_settings(
        "http://127.0.0.1:9/v1", tmp_path, llm_timeout_s=7.0, llm_max_retries=2
    )
    client = make_client(settings)
    try:
        assert client.timeout.read == 7.0 and client.timeout.connect == 5.0
        # The library would retry every 5xx, a 500 naming json_schema too: we decide instead.
        assert client.max_retries == 0
        assert str(client.base_url).startswith("http://127.0.0.1:9/v1")
    finally:
        await client.close()


def _status(code: int, body: str | None = None, headers: dict[str, str] | None = None):
    request = httpx2.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx2.Response(code, request=request, text=body or "", headers=headers)
    parsed = json.loads(body) if body else None
    cls = {401: openai.AuthenticationError, 429: openai.RateLimitError}.get(
        code, openai.InternalServerError if code >= 500 else openai.BadRequestError
    )
    return cls("error", response=response, body=parsed)


@pytest.mark.parametrize(
    ("exc", "kind", "again"),
    [
        (openai.APITimeoutError(httpx2.Request("POST", "http://x")), "timeout", True),
        (openai.APIConnectionError(request=httpx2.Request("POST", "http://x")), "connection", True),
        (_status(429), "rate_limited", True),
        (_status(408), "bad_request", True),
        (_status(409), "bad_request", True),
        (_status(401), "auth", False),
        (_status(404), "bad_request", False),
        (_status(422), "bad_request", False),
        (_status(500), "unavailable", True),
        (_status(501), "unavailable", False),
        (_status(500, real.LLAMACPP_PY_JSON_SCHEMA_500), "format", False),
        (_status(400, real.LLAMA_SERVER_CONTEXT_400), "context", False),
        (ValueError("boom"), "unavailable", False),
    ],
)
def test_library_errors_map_to_fault_kinds_and_retries(
    exc: Exception, kind: str, again: bool
) -> None:
    error = classify(exc)
    assert isinstance(error, ModelError) and error.kind == kind
    assert retryable(error) is again
    assert "sk-" not in str(error)


def test_a_server_error_keeps_its_own_words_status_and_request_id() -> None:
    exc = _status(400, real.LLAMA_SERVER_CONTEXT_400, {"x-request-id": "req_123"})
    error = classify(exc)
    assert error.status == 400 and error.request_id == "req_123"
    assert "exceeds the available context size (4096 tokens)" in error.server_text
    assert error.context_tokens == 4096


def test_an_openai_overflow_names_its_context() -> None:
    body = json.dumps(
        {
            "error": {
                "message": "This model's maximum context length is 16385 tokens. However, "
                "your messages resulted in 20000 tokens.",
                "type": "invalid_request_error",
                "code": "context_length_exceeded",
            }
        }
    )
    error = classify(_status(400, body))
    assert error.kind == "context" and error.context_tokens == 16385


def test_keys_never_reach_the_log_text() -> None:
    body = json.dumps({"error": {"message": "Incorrect API key provided: sk-proj-abc123XYZ."}})
    error = classify(_status(401, body), secret="sk-proj-abc123XYZ")
    assert "abc123" not in error.server_text and "***" in error.server_text
    assert redact("Bearer abc.def token sk-live-1234567") == "*** token ***"


def test_retry_after_is_read() -> None:
    error = classify(_status(429, None, {"retry-after": "0.5"}))
    assert error.retry_after == 0.5


@pytest.mark.parametrize(
    ("body", "model", "size"),
    [
        (real.LLAMA_SERVER_MODELS, "anything", 4096),  # the only model served
        (real.LLAMACPP_PY_MODELS, "m", None),
        ('{"data": [{"id": "a", "max_model_len": 32768}, {"id": "b"}]}', "a", 32768),
        ('{"data": [{"id": "a", "max_model_len": 32768}, {"id": "b"}]}', "c", None),
    ],
)
def test_reported_context(body: str, model: str, size: int | None) -> None:
    assert reported_context(json.loads(body)["data"], model) == size


def test_usage_reads_cached_tokens() -> None:
    class Details:
        cached_tokens = 1024

    class U:
        prompt_tokens = 2000
        completion_tokens = 50
        prompt_tokens_details = Details()

    assert Usage.from_api(U()) == Usage(2000, 1024, 50)
    assert Usage.from_api(None) == Usage()
    assert Usage(1, 2, 3) + Usage(1, 1, 1) == Usage(2, 3, 4)
