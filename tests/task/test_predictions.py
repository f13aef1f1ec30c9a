"""The one prediction path: parse, label map, check, the same for a file, a system and a run
record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.cli import main
from bench.core.records import Document
from bench.kinds.spans import Span
from bench.project import open_task
from bench.runner import run_system
from bench.systems.protocol import System
from bench.task.gold import TaskData
from bench.task.predictions import load_predictions, prepare

from ..conftest import REPO


@pytest.fixture(scope="module")
def anercorp() -> TaskData:
    return open_task(REPO, "anercorp")


def first_entities(data: TaskData, label: str) -> list[dict[str, Any]]:
    """The first document's gold spans as prediction objects, every label replaced."""
    doc = data.documents[0].id
    return [{"doc": g.doc, "start": g.start, "end": g.end, "type": label}
            for g in data.gold if g.doc == doc]


@pytest.mark.parametrize(("given", "kept"), [("GPE", "LOC"), ("LOC", "LOC"), ("NORP", None)],
                         ids=["renamed", "kept", "dropped"])
def test_the_label_map_applies_after_parsing(anercorp: TaskData, given: str,
                                             kept: str | None) -> None:
    objs = first_entities(anercorp, given)
    records = prepare(((f"test:{n}", o) for n, o in enumerate(objs, 1)), anercorp)
    assert [r.label for r in records] == ([kept] * len(objs) if kept else [])


def test_bench_score_relabels_a_gpe_prediction_as_loc(anercorp: TaskData, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    scores = []
    for label in ("GPE", "LOC"):
        path = tmp_path / f"{label}.jsonl"
        path.write_text("".join(json.dumps(o) + "\n" for o in first_entities(anercorp, label)),
                        encoding="utf-8")
        assert [s.label for s in load_predictions(path, anercorp)] == ["LOC"] * len(
            first_entities(anercorp, label))
        assert main(["score", "--task", "anercorp", "--predictions", str(path), "--json"]) == 0
        scores.append(json.loads(capsys.readouterr().out))
    assert scores[0] == scores[1]
    assert scores[0]["span.precision"]["value"] > 0


class GpeTagger(System):
    """Predicts the gold spans of the first document, every one as GPE."""

    name = "gpe-tagger"
    version = "1"
    tasks = ("anercorp",)
    regime = "rules"
    gold: list[Span] = []

    def predict(self, doc: Document) -> list[Span]:
        return [Span(g.doc, g.start, g.end, "GPE") for g in self.gold if g.doc == doc.id]


def test_bench_run_relabels_a_gpe_prediction_as_loc(anercorp: TaskData) -> None:
    GpeTagger.gold = [g for g in anercorp.gold if g.doc == anercorp.documents[0].id]
    predictions = run_system(GpeTagger, anercorp)
    assert predictions and {p.label for p in predictions} == {"LOC"}
    assert [(p.start, p.end) for p in predictions] == [(g.start, g.end) for g in GpeTagger.gold]


def test_a_label_outside_the_set_and_the_map_is_refused(anercorp: TaskData) -> None:
    objs = first_entities(anercorp, "MISC")[:1]
    with pytest.raises(Exception, match="label 'MISC' is not in the label set"):
        prepare([("test:1", objs[0])], anercorp)
