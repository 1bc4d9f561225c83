"""The house rules, read from the imports of `bot/`: layers apart, no import circles.

Every import counts, including those inside functions (they run too, only later); imports
under `if TYPE_CHECKING:` do not, since they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "bot"
CLIENT_LIBRARIES = {"discord", "openai", "aiohttp", "httpx", "aiosqlite"}
FRONT_ENDS = ("bot.discord", "bot.cli", "bot.client")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Import statements that run: everything but the bodies of `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for s in node.orelse for n in _runtime_imports_of(s))
            continue
        yield from _runtime_imports_of(node)


def _runtime_imports_of(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    else:
        yield from _runtime_imports(node)


def imports_of(name: str) -> set[str]:
    """Fully qualified names a module imports (modules of `bot`, and top-level others)."""
    path = MODULES[name]
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            parent = name.split(".") if is_package else name.split(".")[:-1]
            parent = parent[: len(parent) - (node.level - 1)]
            base = ".".join([*parent, base] if base else parent)
        for alias in node.names:
            child = f"{base}.{alias.name}"
            found.add(child if child in MODULES else base)
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def internal_edges(name: str) -> set[str]:
    """Modules of `bot` that `name` imports, ignoring its own ancestor packages (Python
    imports those first in any case, and their re-exports are not a dependency)."""
    return {
        dep
        for dep in GRAPH[name]
        if dep in MODULES and dep != name and not name.startswith(dep + ".")
    }


def cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in internal_edges(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in sorted(MODULES):
        if name not in index:
            visit(name)
    return found


def test_the_graph_sees_the_imports_it_should() -> None:
    # A guard on the reader itself: if it saw nothing, every rule below would pass.
    assert "bot.core.article" in internal_edges("bot.core.retrieval")
    assert "discord" in GRAPH["bot.discord.bot"]
    assert "bot.engines.factory" in GRAPH["bot.cli"] | internal_edges("bot.cli")


def test_no_import_circles() -> None:
    assert cycles() == []


def test_a_circle_would_be_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(GRAPH, "bot.core.text", GRAPH["bot.core.text"] | {"bot.core.article"})
    assert any({"bot.core.article", "bot.core.text"} <= set(c) for c in cycles())


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("bot.core")))
def test_core_knows_no_client_library_engine_or_front_end(name: str) -> None:
    outside = {d for d in internal_edges(name) if not d.startswith("bot.core")}
    assert outside == set(), f"{name} imports {outside}"
    assert GRAPH[name] & CLIENT_LIBRARIES == set()


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("bot.engines")))
def test_engines_import_no_front_end(name: str) -> None:
    front = {d for d in internal_edges(name) if d.startswith(FRONT_ENDS)}
    assert front == set(), f"{name} imports {front}"
    assert "discord" not in GRAPH[name]


@pytest.mark.parametrize(
    "name", sorted(n for n in MODULES if n.startswith(FRONT_ENDS) or n == "bot.cli")
)
def test_front_ends_use_engines_only_through_the_protocol(name: str) -> None:
    # The engine's protocol (and the factory that builds one) is all a front end may know; and
    # the table of sentences in both languages (no engine code: the terminal's own are there).
    allowed = {"bot.engines", "bot.engines.base", "bot.engines.factory", "bot.engines.messages"}
    inner = {d for d in internal_edges(name) if d.startswith("bot.engines") and d not in allowed}
    assert inner == set(), f"{name} reaches into {inner}"


@pytest.mark.parametrize(
    "name", sorted(n for n in MODULES if n.startswith(("bot.library", "bot.storage")))
)
def test_the_library_and_its_storage_know_no_front_end(name: str) -> None:
    # Data flows one way: front ends say who asks; the library decides, and knows nothing
    # of Discord or the terminal.
    front = {d for d in internal_edges(name) if d.startswith(FRONT_ENDS)}
    assert front == set(), f"{name} imports {front}"
    assert "discord" not in GRAPH[name]
