"""Each folder under fixtures/bad/ is one failure mode: its files overlay the good project, and
the command in its case.json must fail with exactly the stated one-line error and exit code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.cli import main

from .conftest import FIXTURES

CASES = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_bad_input_gives_one_line_error(case: Path, project: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    for file in case.rglob("*"):
        if file.is_file() and file.name != "case.json":
            target = project / file.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)
    args = [a.replace("{root}", str(project)) for a in spec["args"]]
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    code = main(args)
    err = capsys.readouterr().err
    assert code == spec["code"]
    assert err.strip() == spec["stderr"]
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before, "wrote files"


def test_verbose_shows_the_traceback(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--verbose", "run", "--task", "nope"])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" in err and err.strip().endswith("known: dates, ner, quotes)")
