"""Task files: keys kept for old files, and metric lists."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from bench.cli import main
from bench.errors import BenchWarning
from bench.project import load_task_spec

OLD_KEYS = """input: [text]
output: >-
  One record per mention: {"doc", "start", "end", "type"}.
"""


def test_input_and_output_are_accepted_with_a_warning(project: Path) -> None:
    before = load_task_spec(project, "ner")
    task = project / "tasks" / "ner.yaml"
    text = task.read_text(encoding="utf-8")
    task.write_text(text + OLD_KEYS, encoding="utf-8")
    line = text.count("\n") + 1  # 'input:' is the first line after the old text
    with pytest.warns(BenchWarning) as caught:
        after = load_task_spec(project, "ner")
    assert [str(w.message) for w in caught] == [
        f"tasks/ner.yaml:{line}: 'input' is no longer read (remove it; the README describes "
        "what systems receive and return)",
        f"tasks/ner.yaml:{line + 1}: 'output' is no longer read (remove it; the README "
        "describes what systems receive and return)"]
    assert after == before


def test_the_cli_shows_the_warning_as_one_line(project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    task = project / "tasks" / "ner.yaml"
    task.write_text(task.read_text(encoding="utf-8") + "input: [text]\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main(["validate"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err and all(e.startswith("warning: tasks/ner.yaml:") and "'input' is no longer read"
                       in e for e in err)
