"""The task's prediction label map (``predictions: labels:``): system labels renamed to task
labels, or dropped with null, before the predictions are checked and scored, whether they come
from a system or from a predictions file."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bench.core.records import Document
from bench.errors import InputError
from bench.kinds.spans import Span
from bench.project import open_task
from bench.runner import run_system
from bench.systems.protocol import System
from bench.task.gold import TaskData
from bench.task.predictions import load_predictions

from ..conftest import FIXTURES

PREDICTED = ("PER", "GPE", "LOC", "NORP")
"""What the system below predicts in each document: four spans of the first 20 characters."""


class FourLabels(System):
    """Tags characters [0,2), [3,5), [6,8), [9,11) of each document with ``PREDICTED``."""

    name = "four-labels"
    version = "1"
    tasks = ("ner",)
    regime = "rules"

    def predict(self, doc: Document) -> list[Span]:
        return [Span(doc.id, 3 * i, 3 * i + 2, label) for i, label in enumerate(PREDICTED)]


@pytest.fixture(scope="module")
def ner() -> TaskData:
    return open_task(FIXTURES / "good", "ner")


def on_task(data: TaskData, labels: tuple[str, ...],
            label_map: dict[str, str | None]) -> TaskData:
    return replace(data, spec=replace(data.spec, labels=labels, label_map=label_map))


@pytest.mark.parametrize(("labels", "label_map", "expected"), [
    # No map on a task that has every predicted label: nothing changes.
    (("PER", "GPE", "LOC", "NORP"), {}, ["PER", "GPE", "LOC", "NORP"]),
    # ANERcorp's map: GPE and LOC both count as LOC, NORP is dropped, PER untouched.
    (("PER", "LOC", "ORG"), {"GPE": "LOC", "NORP": None}, ["PER", "LOC", "LOC"]),
    # Renames need not merge: PER becomes PERS, the rest pass through.
    (("PERS", "GPE", "LOC", "NORP"), {"PER": "PERS"}, ["PERS", "GPE", "LOC", "NORP"]),
    # Dropping everything the task does not have leaves only PER.
    (("PER",), {"GPE": None, "LOC": None, "NORP": None}, ["PER"]),
], ids=["no-map", "merge-and-drop", "rename-only", "drop-all-but-one"])
@pytest.mark.parametrize("way_in", ["system", "file"])
def test_predictions_are_relabelled_before_scoring(
        ner: TaskData, labels: tuple[str, ...], label_map: dict[str, str | None],
        expected: list[str], way_in: str, tmp_path: Path) -> None:
    data = on_task(ner, labels, label_map)
    if way_in == "system":
        predictions = run_system(FourLabels, data)
    else:  # the same spans in a predictions file, as `bench score` reads it
        path = tmp_path / "pred.jsonl"
        path.write_text("".join(
            json.dumps({"doc": s.doc, "start": s.start, "end": s.end, "type": s.label}) + "\n"
            for doc in data.documents for s in FourLabels().predict(doc)), encoding="utf-8")
        predictions = load_predictions(path, data)
    first = data.documents[0].id
    # Per document, the spans in order, with the map applied and the dropped ones gone.
    assert [s.label for s in predictions if s.doc == first] == expected
    assert len(predictions) == len(expected) * len(data.documents)


def test_a_label_the_map_leaves_outside_the_task_is_an_error(ner: TaskData) -> None:
    # NORP is neither a task label nor mapped: the prediction is rejected, naming the label.
    data = on_task(ner, ("PER", "LOC"), {"GPE": "LOC"})
    with pytest.raises(InputError, match="label 'NORP'"):
        run_system(FourLabels, data)
