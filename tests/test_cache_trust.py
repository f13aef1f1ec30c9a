"""The prediction cache: a corrupt entry is a miss, and --no-write writes no cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.cli import main

RUN = ["run", "--task", "ner", "--system", "tests.toy_systems:DictionaryTagger"]


def test_no_write_writes_nothing_not_even_the_cache(project: Path) -> None:
    before = sorted(project.rglob("*"))
    assert main([*RUN, "--no-write"]) == 0
    assert sorted(project.rglob("*")) == before


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2], lambda b: b.replace(b'"start": ', b'"start": 1'),
    lambda b: b"\xff" + b, lambda b: b"[" * 5000 + b"]" * 5000, lambda b: b"[]",
    lambda b: b'{"key": "x", "sha256": "y", "predictions": [1]}',
], ids=["cut", "edited", "not-utf8", "deep", "old-format", "other-key"])
def test_a_corrupt_entry_is_a_miss(project: Path, damage: object,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(RUN) == 0
    entries = sorted((project / ".bench-cache").rglob("*.json"))
    assert entries
    for entry in entries:
        entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    capsys.readouterr()
    assert main(RUN) == 0
    assert "cache: reused" not in capsys.readouterr().err
    assert main(RUN) == 0  # rewritten whole: now every document is a hit
    assert f"cache: reused {len(entries)} of {len(entries)}" in capsys.readouterr().err
