"""The layering of ``bench`` (ARCHITECTURE.md): no module imports a higher layer, no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "bench"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("bench", "bench.errors"),
    ("bench.core",),
    ("bench.kinds",),
    ("bench.metrics", "bench.stats"),
    ("bench.corpora", "bench.task", "bench.project"),
    ("bench.systems", "bench.cache", "bench.api", "bench.models"),
    ("bench.scoring", "bench.runner"),
    ("bench.runs",),
    ("bench.reports", "bench.export", "bench.check"),
    ("bench.output", "bench.commands", "bench.cli", "bench.schemas", "bench.pytest_plugin",
     "bench.__main__"),
)
"""Packages from the ground up; ARCHITECTURE.md says what each holds."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    """The layer of the longest listed prefix of ``module``."""
    best, found = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            inside = module == prefix or (prefix != "bench" and module.startswith(prefix + "."))
            if inside and len(prefix) > best:
                best, found = len(prefix), index
    if found < 0:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS and ARCHITECTURE.md")
    return found


def imports_of(path: Path) -> set[str]:
    """Every ``bench`` module that ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "bench")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "bench":
                continue
            found.add(node.module)
            for alias in node.names:  # ``from bench.kinds import spans`` imports a module
                if (PACKAGE.parent / node.module.replace(".", "/") / f"{alias.name}.py").is_file():
                    found.add(f"{node.module}.{alias.name}")
    return found


def graph() -> dict[str, set[str]]:
    """Module -> the bench modules it imports (packages stand for their ``__init__``)."""
    modules = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    return {name: {m for m in imports_of(path) if m in modules and m != name}
            for name, path in modules.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_every_module_is_in_a_layer() -> None:
    for module in graph():
        layer_of(module)


def upward(edges: dict[str, set[str]]) -> list[str]:
    """Imports from a lower layer into a higher one, as sentences."""
    return [f"{source} (layer {layer_of(source)}) imports {target} (layer {layer_of(target)})"
            for source, targets in sorted(edges.items()) for target in sorted(targets)
            if layer_of(target) > layer_of(source)]


def test_no_module_imports_a_higher_layer() -> None:
    assert upward(graph()) == []


def test_an_upward_import_is_caught() -> None:
    edges = {"bench.kinds.spans": {"bench.reports.pages"}, "bench.cli": {"bench.core.records"}}
    assert upward(edges) == ["bench.kinds.spans (layer 2) imports bench.reports.pages (layer 8)"]


def test_there_is_no_import_cycle() -> None:
    assert find_cycle(graph()) is None


@pytest.mark.parametrize(("edges", "expected"), [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
    ({"a": {"a"}}, ["a", "a"]),
], ids=["chain", "three-cycle", "self-loop"])
def test_the_cycle_finder_finds_cycles(edges: dict[str, set[str]],
                                       expected: list[str] | None) -> None:
    assert find_cycle(edges) == expected


def test_layer_of_picks_the_longest_prefix() -> None:
    assert layer_of("bench.kinds.spans") == 2
    assert layer_of("bench.cli") == len(LAYERS) - 1
    with pytest.raises(AssertionError, match="in no layer"):
        layer_of("bench.nowhere")
