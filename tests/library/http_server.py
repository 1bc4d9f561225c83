"""A local HTTP server (127.0.0.1, a free port) that serves what URL downloads must handle."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiohttp import web

from tests.library.documents import DOCUMENTS, EN_PARAGRAPHS, make_pdf

MB = 1_000_000


@dataclass
class Served:
    """The running server: its base URL, port, and the requests it received (path, Host)."""

    port: int
    requests: list[tuple[str, str]] = field(default_factory=list)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


async def _stream(request: web.Request, total: int, pause: float = 0.0) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/plain; charset=utf-8"})
    await response.prepare(request)
    chunk = b"word " * 20_000  # 100 kB
    sent = 0
    while sent < total:
        await response.write(chunk)
        sent += len(chunk)
        if pause:
            await asyncio.sleep(pause)
    return response


def _respond(**kw: object) -> object:
    """An async handler giving the same response every time."""

    async def handler(request: web.Request) -> web.Response:
        return web.Response(**kw)  # type: ignore[arg-type]

    return handler


def _streaming(total: int, pause: float = 0.0) -> object:
    async def handler(request: web.Request) -> web.StreamResponse:
        return await _stream(request, total, pause)

    return handler


def _app(served: Served) -> web.Application:
    async def record(request: web.Request, handler: object) -> web.StreamResponse:
        served.requests.append((request.path, request.headers.get("Host", "")))
        return await handler(request)  # type: ignore[operator]

    html = (DOCUMENTS / "blog-en.html").read_bytes()
    pdf = make_pdf(EN_PARAGRAPHS, title="Spot builds", japanese=False)

    async def redirect(request: web.Request) -> web.Response:
        raise web.HTTPFound(request.query["to"])

    async def loop(request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop")

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(float(request.query.get("s", "5")))
        return web.Response(text="late", content_type="text/plain")

    routes = [
        web.get("/page.html", _respond(body=html, content_type="text/html")),
        web.get("/doc.pdf", _respond(body=pdf, content_type="application/pdf")),
        web.get("/notes", _respond(text="第一段落。\n第二段落。")),
        web.get("/image", _respond(body=b"\x89PNG....", content_type="image/png")),
        web.get("/big", _streaming(11 * MB)),
        web.get("/trickle", _streaming(MB, pause=0.2)),
        web.get(
            "/declared-big",
            _respond(
                body=b"x", headers={"Content-Length": str(20 * MB)}, content_type="text/plain"
            ),
        ),
        web.get("/redirect", redirect),
        web.get("/loop", loop),
        web.get("/slow", slow),
        web.get("/missing", _respond(status=404, text="no")),
    ]
    app = web.Application(middlewares=[web.middleware(record)])
    app.add_routes(routes)
    return app


@asynccontextmanager
async def http_server() -> AsyncIterator[Served]:
    served = Served(port=0)
    runner = web.AppRunner(_app(served), handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    served.port = runner.addresses[0][1]
    try:
        yield served
    finally:
        await runner.cleanup()
