"""`python -m bot doctor`: checks the configured model server the way the LLM engine will use it,
and says what to change. Exit codes: 0 ready, 1 reachable but not usable, 2 not configured,
3 cannot connect."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Any

from bot.engines.llm.budget import DEFAULT_CONTEXT_TOKENS
from bot.engines.llm.checks import MalformedReply, parse_json
from bot.engines.llm.client import OPENAI_URL, ModelClient, make_client, reported_context
from bot.engines.llm.errors import ModelError
from bot.engines.llm.prompts import PromptSet, load_prompts
from bot.settings import Settings

EXIT_READY, EXIT_UNUSABLE, EXIT_UNCONFIGURED, EXIT_CANNOT_CONNECT = 0, 1, 2, 3
PROBE_TIMEOUT_S = 10.0
ROUND_TRIP_TOKENS = 40
# A round trip slower than this share of LLM_TIMEOUT_S means piece-wide prompts (thousands of
# tokens, not dozens) will not finish in time on this server.
SLOW_SHARE = 0.1


@dataclass
class Check:
    """One line of the verdict: what was checked, how it went (True, False, None: for your
    information), and what to change, if anything."""

    name: str
    ok: bool | None
    detail: str
    change: str | None = None


@dataclass
class Report:
    server: str
    model: str
    checks: list[Check] = field(default_factory=list)
    code: int = EXIT_READY

    def add(self, name: str, ok: bool | None, detail: str, change: str | None = None) -> None:
        self.checks.append(Check(name, ok, detail, change))

    def lines(self) -> list[str]:
        marks = {True: "ok  ", False: "FAIL", None: "info"}
        out = [f"piece-bot doctor: {self.server} (model {self.model})"]
        out += [f"  {marks[c.ok]}  {c.name}: {c.detail}" for c in self.checks]
        changes = [c.change for c in self.checks if c.change]
        if changes:
            out += ["What to change:"] + [f"  - {c}" for c in changes]
        verdicts = {
            EXIT_READY: "ready: the LLM engine will answer from this server",
            EXIT_UNUSABLE: "not usable yet: the LLM engine would answer offline",
            EXIT_UNCONFIGURED: "not configured: the offline engine answers",
            EXIT_CANNOT_CONNECT: "cannot connect: the LLM engine would answer offline",
        }
        return [*out, f"Verdict: {verdicts[self.code]}"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "server": self.server,
            "model": self.model,
            "code": self.code,
            "checks": [dataclasses.asdict(c) for c in self.checks],
        }


async def diagnose(settings: Settings) -> Report:
    """Check the server `settings` name: reachable, model listed, context, structured output,
    a tiny round trip with its timing, embeddings."""
    report = Report(settings.openai_base_url or OPENAI_URL, settings.openai_model)
    if not settings.openai_api_key:
        report.add(
            "configuration",
            False,
            "OPENAI_API_KEY is not set, so the offline engine answers",
            "set OPENAI_API_KEY (any non-empty value for a local server) and OPENAI_BASE_URL",
        )
        report.code = EXIT_UNCONFIGURED
        return report
    # No retries: a verdict now is worth more than a success after waiting.
    settings = dataclasses.replace(settings, llm_max_retries=0)
    prompts = load_prompts()
    model = ModelClient(make_client(settings), settings, format_prompt=prompts["format"])
    try:
        if await _models(model, settings, report):
            await _round_trip(model, prompts, settings, report)
            await _embeddings(model, settings, report)
    finally:
        await model.aclose()
    return report


async def _models(model: ModelClient, settings: Settings, report: Report) -> bool:
    """Reachable, the model listed, the context reported; False if nothing more can be asked."""
    started = time.perf_counter()
    try:
        listed = await model.listed_models(timeout=PROBE_TIMEOUT_S)
    except ModelError as exc:
        if exc.kind in ("connection", "timeout"):
            how = "connection refused or no answer" if exc.kind == "connection" else "timed out"
            report.add(
                "server",
                False,
                f"cannot connect to {report.server} ({how})",
                "start the server, or set OPENAI_BASE_URL to where it listens (…/v1)",
            )
            report.code = EXIT_CANNOT_CONNECT
            return False
        if exc.kind == "auth":
            report.add("server", False, _said(exc), "set OPENAI_API_KEY to a key this server takes")
            report.code = EXIT_UNUSABLE
            return False
        report.add("server", None, f"reachable, but /v1/models answered {_said(exc)}")
        return True
    report.add("server", True, f"reachable ({time.perf_counter() - started:.2f} s)")
    ids = [str(m.get("id")) for m in listed if m.get("id")]
    if settings.openai_model in ids:
        report.add("model", True, f"{settings.openai_model} is listed")
    else:
        served = ", ".join(ids[:5]) or "none"
        change = (
            f"set OPENAI_MODEL={ids[0]}" if len(ids) == 1 else "set OPENAI_MODEL to one of them"
        )
        report.add(
            "model", False, f"{settings.openai_model} is not listed (listed: {served})", change
        )
    _context(reported_context(listed, settings.openai_model), settings, report)
    return True


def _context(size: int | None, settings: Settings, report: Report) -> None:
    configured = settings.llm_context_tokens
    if size is None:
        assumed = configured or DEFAULT_CONTEXT_TOKENS
        report.add(
            "context",
            None,
            f"not reported by the server; planning for {assumed:,} tokens",
            None if configured else "set LLM_CONTEXT_TOKENS to the server's context (-c, n_ctx)",
        )
    elif configured is not None and configured > size:
        report.add(
            "context",
            False,
            f"LLM_CONTEXT_TOKENS={configured:,} is more than the server's {size:,}",
            f"set LLM_CONTEXT_TOKENS={size} (or leave it empty)",
        )
    else:
        report.add("context", True, f"{size:,} tokens, as the server reports")


async def _round_trip(
    model: ModelClient, prompts: PromptSet, settings: Settings, report: Report
) -> None:
    """One tiny structured request (`prompts/doctor_probe.txt`), in every mode the server may
    need, timed."""
    probe = prompts["doctor_probe"]
    messages = [{"role": role, "content": probe.entry(role)} for role in ("system", "user")]
    first = model.mode
    started = time.perf_counter()
    try:
        reply = await model.chat(
            messages,
            "rewrite",
            command="doctor",
            timeout=min(settings.llm_timeout_s, PROBE_TIMEOUT_S * 3),
            max_tokens=ROUND_TRIP_TOKENS,
        )
        content: str | None = reply.content
    except ModelError as exc:
        if exc.kind not in ("length", "empty", "refused"):
            report.add("round trip", False, _said(exc), _advice(exc))
            report.code = EXIT_UNUSABLE
            return
        content = None  # accepted and answered, if not usefully: the request itself is fine
    seconds = time.perf_counter() - started
    mode = model.mode
    if mode != first:
        report.add(
            "structured output",
            True,
            f"{mode} (the server rejects {first})",
            f"set LLM_RESPONSE_FORMAT={mode} to skip the probe on every start",
        )
    else:
        report.add("structured output", True, f"{mode} accepted")
    _answer(content, seconds, settings, report)


def _answer(content: str | None, seconds: float, settings: Settings, report: Report) -> None:
    try:
        parse_json(content)
        shape = "a JSON reply"
    except MalformedReply as exc:
        shape = f"a reply that is not the JSON asked for ({exc}); small models often fail so"
    slow = seconds > settings.llm_timeout_s * SLOW_SHARE
    change = None
    if slow:
        change = (
            "raise LLM_TIMEOUT_S and LLM_DEADLINE_S (a CPU server needs minutes for a "
            "piece-wide prompt; see the README's recipes)"
        )
    report.add(
        "round trip", not slow and content is not None, f"{shape} in {seconds:.2f} s", change
    )


async def _embeddings(model: ModelClient, settings: Settings, report: Report) -> None:
    if not settings.openai_embedding_model:
        report.add("embeddings", None, "not configured (lexical retrieval only)")
        return
    try:
        await model.embed(["probe"], timeout=PROBE_TIMEOUT_S)
    except ModelError as exc:
        report.add("embeddings", False, f"no: {_said(exc)}", "unset OPENAI_EMBEDDING_MODEL")
        return
    report.add("embeddings", True, f"yes ({settings.openai_embedding_model})")


def _said(exc: ModelError) -> str:
    if exc.status is None:
        return str(exc)
    return f"HTTP {exc.status}: {exc.server_text or exc.detail}"


def _advice(exc: ModelError) -> str | None:
    return {
        "timeout": "raise LLM_TIMEOUT_S (the server is slow) or check that it is not overloaded",
        "auth": "set OPENAI_API_KEY to a key this server takes",
        "format": "set LLM_RESPONSE_FORMAT=text",
        "bad_request": "check OPENAI_MODEL and the server's log for why it refused",
    }.get(exc.kind)
