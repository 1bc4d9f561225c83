"""The client factory (timeouts, retries) and the mapping of library errors to fault kinds."""

from __future__ import annotations

from pathlib import Path

import httpx2
import openai
import pytest

from bot.engines.llm.client import ModelError, classify, make_client
from bot.engines.llm.usage import Usage
from tests.engines.llm.conftest import make_settings


async def test_client_uses_our_timeout_and_retries(tmp_path: Path) -> None:
    settings = make_settings(
        "http://127.0.0.1:9/v1", tmp_path, llm_timeout_s=7.0, llm_max_retries=2
    )
    client = make_client(settings)
    try:
        assert client.timeout.read == 7.0 and client.timeout.connect == 5.0
        assert client.max_retries == 2
        assert str(client.base_url).startswith("http://127.0.0.1:9/v1")
    finally:
        await client.close()


def _status(code: int) -> openai.APIStatusError:
    request = httpx2.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx2.Response(code, request=request)
    cls = {401: openai.AuthenticationError, 429: openai.RateLimitError}.get(
        code, openai.InternalServerError if code >= 500 else openai.BadRequestError
    )
    return cls("error", response=response, body=None)


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (openai.APITimeoutError(httpx2.Request("POST", "http://x")), "timeout"),
        (openai.APIConnectionError(request=httpx2.Request("POST", "http://x")), "connection"),
        (_status(429), "rate_limited"),
        (_status(401), "auth"),
        (_status(500), "unavailable"),
        (_status(400), "bad_request"),
        (ValueError("boom"), "unavailable"),
    ],
)
def test_library_errors_map_to_fault_kinds(exc: Exception, kind: str) -> None:
    error = classify(exc)
    assert isinstance(error, ModelError) and error.kind == kind
    assert "sk-" not in str(error)


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
