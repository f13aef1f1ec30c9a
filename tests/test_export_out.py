"""``bench export --out`` never deletes what bench did not write."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.cli import main
from bench.core.outdir import MARKER


def export(out: Path, *extra: str) -> list[str]:
    return ["export", "--task", "ner", "--format", "jsonl", "--out", str(out), *extra]


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_onto_a_tracked_folder_is_refused(project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(project)
    assert main(export(project / "gold")) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"error: --out {project / 'gold'} is a folder bench did not create and it is "
                   "not empty (give a new or empty folder, or add --force to replace only the "
                   "files bench writes there)")
    assert main(export(project)) == 2
    assert tree(project) == before


def test_onto_a_file_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = project / "gold" / "ner.jsonl"
    before = target.read_bytes()
    assert main(export(target)) == 2
    assert capsys.readouterr().err.strip() == (f"error: --out {target} is a file, not a folder "
                                               "(give a folder)")
    assert target.read_bytes() == before


def test_a_second_export_replaces_only_its_own_files(project: Path) -> None:
    out = project / "exported"
    assert main(export(out)) == 0
    assert (out / MARKER).is_file() and (out / "gold.jsonl").is_file()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "gold.jsonl").write_text("stale", encoding="utf-8")
    assert main(export(out)) == 0
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "gold.jsonl").read_text(encoding="utf-8") != "stale"


def test_force_replaces_only_the_files_bench_writes(project: Path) -> None:
    before = tree(project / "gold")
    assert main(export(project / "gold", "--force")) == 0
    after = tree(project / "gold")
    assert {k: after[k] for k in before} == before
    assert set(after) - set(before) == {MARKER, "documents.jsonl", "gold.jsonl"}
