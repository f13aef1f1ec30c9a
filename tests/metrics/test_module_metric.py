"""A new metric family needs no edit to bench: a task names it by ``module:Class``."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from bench.cli import main
from bench.project import open_task
from bench.runs.signature import task_signature

VOLUME = "  - name: tests.metrics.volume:Volume\n    options: {per: record}\n"
PRED = [{"doc": "a", "start": 18, "end": 32, "type": "PER"},
        {"doc": "a", "start": 0, "end": 5, "type": "PER"},
        {"doc": "b", "start": 0, "end": 3, "type": "ORG"}]


def add_metric(project: Path, entry: str, primary: str = "span.f1") -> None:
    path = project / "tasks" / "ner.yaml"
    text = path.read_text(encoding="utf-8").replace("metrics:\n", "metrics:\n" + entry)
    path.write_text(text.replace("primary: span.f1", f"primary: {primary}"), encoding="utf-8")


def test_a_task_scores_with_a_metric_named_by_module_and_class(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_metric(project, VOLUME, primary="volume.ratio")
    data = open_task(project, "ner")
    assert [m.family for m in data.spec.metrics] == ["volume", "span", "semeval", "seqeval"]
    assert "metrics:volume:record+span:exact" in task_signature(data)
    (project / "pred.jsonl").write_text("".join(json.dumps(p) + "\n" for p in PRED),
                                        encoding="utf-8")
    assert main(["score", "--task", "ner", "--predictions", "pred.jsonl", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    gold = len(data.gold)
    assert scores["volume.pred"]["value"] == 3 and scores["volume.gold"]["value"] == gold
    assert scores["volume.ratio"]["value"] == pytest.approx(3 / gold)
    assert "span.f1" in scores


@pytest.mark.parametrize(("entry", "message"), [
    ("  - name: tests.metrics.volume:NotAMetric\n",
     "error: tasks/ner.yaml:12: 'tests.metrics.volume:NotAMetric' is not a metric family"),
    ("  - name: tests.metrics.nowhere:Volume\n",
     "error: tasks/ner.yaml:12: cannot import metric 'tests.metrics.nowhere:Volume'"),
    ("  - name: tests.metrics.volume:Volume\n  - name: tests.metrics.volume:Volume\n",
     "error: tasks/ner.yaml:13: metric 'volume' is listed twice"),
], ids=["not-a-metric", "no-such-module", "listed-twice"])
def test_a_bad_metric_reference_is_one_line(project: Path, capsys: pytest.CaptureFixture[str],
                                            entry: str, message: str) -> None:
    add_metric(project, entry)
    assert main(["validate"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(message) and len(err.splitlines()) == 1


def test_a_metric_module_in_the_project_folder_needs_no_pythonpath(
        project: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Run, gate and compare on a metric defined in the project root, as a user would."""
    monkeypatch.setattr(sys, "path", [p for p in sys.path if Path(p or ".").resolve() != project])
    shutil.copy(Path(__file__).parent / "volume.py", project / "project_volume.py")
    shutil.copy(Path(__file__).parent.parent / "toy_systems.py", project / "project_toys.py")
    add_metric(project, "  - name: project_volume:Volume\n")
    assert main(["run", "--task", "ner", "--system", "project_toys:DictionaryTagger",
                 "--record"]) == 0
    record = json.loads((project / "reports" / "runs" / "ner" / "toy-dict.json").read_text(
        encoding="utf-8"))
    assert record["scores"]["volume.pred"]["value"] > 0
    assert main(["check"]) == 0
    assert main(["compare", "toy-dict", "toy-dict", "--task", "ner",
                 "--metric", "volume.ratio"]) == 0
    assert "volume.ratio" in capsys.readouterr().out
