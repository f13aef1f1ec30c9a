"""Shared fixtures: a tiny valid project copied into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/fixtures/good, made the working folder."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "good", root)
    monkeypatch.chdir(root)
    return root


pytest_plugins = ["pytester"]


def declare(root: Path, *refs: str) -> None:
    """Declare systems (by the ``ref`` their run records keep) in ``root/systems.yaml``, so
    ``bench check`` may run them."""
    from bench.systems.declared import declaration_text

    text = "systems:\n" + "".join(declaration_text(ref) for ref in refs)
    (root / "systems.yaml").write_text(text, encoding="utf-8")
