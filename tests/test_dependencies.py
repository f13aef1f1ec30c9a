"""Every third-party module bench and the baselines import is a declared dependency.

Imports are read with ``ast`` (function-local ones included), mapped to the distributions that
provide them, and checked against ``pyproject.toml``: a base dependency, or an extra's when the
import is one the table below allows, for a feature only that extra enables.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).parent.parent
PACKAGES = ("bench", "baselines")

EXTRA_ONLY = {
    ("bench.models.client", "openai"): "llm",      # only a --model system talks to an endpoint
    ("bench.corpora", "datasets"): "hf",           # only a corpus of `format: hf`
    ("bench.export", "datasets"): "hf",            # only `bench export --format hf`
}
"""(importing module, distribution) -> the extra that provides it. Such an import must sit
inside a function, so that a base install never reaches it without the feature."""

HOSTED = {
    ("bench.pytest_plugin", "pytest"): "pytest loads this module as its plugin (pytest11)",
}
"""(importing module, distribution) -> why the distribution is always there when it runs."""


def canonical(name: str) -> str:
    """A distribution name as PEP 503 compares it."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> tuple[set[str], dict[str, set[str]]]:
    """The base dependencies and each extra's, by canonical name."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = {canonical(Requirement(r).name) for r in project["dependencies"]}
    extras = {extra: {canonical(Requirement(r).name) for r in reqs}
              for extra, reqs in project["optional-dependencies"].items()}
    return base, extras


def third_party_imports() -> Iterator[tuple[str, str, int, bool]]:
    """(importing module, top-level module, line, inside a function) for every import."""
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            module = ".".join(path.relative_to(REPO).with_suffix("").parts)
            tree = ast.parse(path.read_text(encoding="utf-8"))
            local = {id(n) for f in ast.walk(tree)
                     if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
                     for n in ast.walk(f)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in PACKAGES:
                        yield module, top, node.lineno, id(node) in local


IMPORTS = sorted(set(third_party_imports()))
PROVIDERS = packages_distributions()


def test_the_scan_sees_the_known_imports() -> None:
    seen = {top for _, top, _, _ in IMPORTS}
    assert {"tqdm", "openai", "datasets", "rapidfuzz", "pycrfsuite", "dateparser"} <= seen
    assert ("bench.runner", "tqdm", True) in {(m, t, local) for m, t, _, local in IMPORTS}


@pytest.mark.parametrize(("module", "top", "line", "local"), IMPORTS,
                         ids=[f"{m}:{n}-{t}" for m, t, n, _ in IMPORTS])
def test_every_import_is_declared(module: str, top: str, line: int, local: bool) -> None:
    dists = PROVIDERS.get(top)
    assert dists, f"{module}:{line} imports '{top}', which no installed distribution provides"
    base, extras = declared()
    names = {canonical(d) for d in dists}
    if names & base:
        return
    dist = sorted(names)[0]
    if (module, dist) in HOSTED:
        return
    extra = EXTRA_ONLY.get((module, dist))
    assert extra is not None, (f"{module}:{line} imports '{top}' ({dist}), not a base "
                               "dependency: add it to [project] dependencies in pyproject.toml")
    assert dist in extras[extra], f"{module}:{line}: '{dist}' is not in the '{extra}' extra"
    assert local, f"{module}:{line} imports '{top}' (extra '{extra}') at module level"


def test_the_allowance_tables_name_real_imports() -> None:
    seen = {(module, canonical(d)) for module, top, _, _ in IMPORTS
            for d in PROVIDERS.get(top, [])}
    assert set(EXTRA_ONLY) | set(HOSTED) <= seen


def test_ci_runs_the_plain_install_test() -> None:
    """tests/test_install.py is deselected from a plain pytest run; .ci/run must run it."""
    steps = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ".venv/bin/pytest -m install" in steps
    assert "-m 'not install'" in tomllib.loads((REPO / "pyproject.toml").read_text())[
        "tool"]["pytest"]["ini_options"]["addopts"]
