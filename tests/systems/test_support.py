"""Systems run on every task of the record kinds they declare, labels reconciled by the task."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bench.cli import main
from bench.project import load_task_spec
from bench.systems.registry import resolve
from bench.systems.support import unsupported

from ..conftest import REPO


@pytest.mark.parametrize(("system", "task", "error"), [
    ("lexicon", "ner", None),
    ("lexicon", "anercorp", None),
    ("crf-anercorp", "anercorp", None),
    ("crf-lodo", "anercorp", None),
    ("rules", "dates", None),
    ("cue-rules", "quotes", None),
    ("majority", "conflicts", None),
    ("lexicon", "dates", "system 'lexicon' predicts spans records; task 'dates' is of kind dates"),
    ("rules", "ner", "system 'rules' predicts dates records; task 'ner' is of kind spans"),
    ("tests.toy_systems:DictionaryTagger", "ner", None),
    ("tests.toy_systems:DictionaryTagger", "anercorp",
     "system 'toy-dict' declares the tasks ner, not 'anercorp' (declare kinds = ('spans',)"),
], ids=lambda x: str(x).split(":")[-1][:40] if x else "runs")
def test_kinds_and_labels_decide(system: str, task: str, error: str | None) -> None:
    found = unsupported(resolve(system, root=REPO), load_task_spec(REPO, task))
    if error is None:
        assert found is None
    else:
        assert found is not None and error in found.render()


def test_labels_the_task_neither_has_nor_maps_are_refused() -> None:
    spec = replace(load_task_spec(REPO, "anercorp"),
                   label_map={"NORP": None, "FAC": None, "EVENT": None, "LAW": None})
    found = unsupported(resolve("lexicon"), spec)
    assert found is not None and found.render() == (
        "system 'lexicon' predicts the labels GPE, which task 'anercorp' neither has nor maps "
        "(map them in tasks/anercorp.yaml, e.g. predictions: {labels: {GPE: null}})")


def test_a_copy_of_a_task_under_another_name_runs_its_kind(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (project / "tasks/ner.yaml").read_text().replace("name: ner", "name: people")
    (project / "tasks/people.yaml").write_text(text)
    assert main(["run", "--task", "people"]) == 0
    out = capsys.readouterr().out
    assert "toy-memo" in out and "toy-oracle" in out and "toy-dict" not in out
    assert main(["run", "--task", "people", "--system", "lexicon", "--no-write"]) == 0


def test_a_task_read_back_from_an_hf_export_runs_the_ner_systems(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("datasets")
    assert main(["export", "--task", "ner", "--format", "hf", "--out", "out/hf"]) == 0
    text = (project / "tasks/ner.yaml").read_text().replace("name: ner", "name: again")
    text = text.replace("documents: gold/documents.yaml\ngold: gold/ner.jsonl\n",
                        "corpus: {format: hf, path: out/hf, split: gold}\n")
    (project / "tasks/again.yaml").write_text(text)
    assert main(["run", "--task", "again", "--system", "lexicon", "--system",
                 "crf-anercorp"]) == 0
    out = capsys.readouterr().out
    assert "lexicon" in out and "crf-anercorp" in out
    assert json.loads((project / ".bench/runs/again/lexicon.json").read_text())["task"] == {
        "name": "again", "version": "1.0"}


@pytest.mark.parametrize(("declared", "task_kind"), [
    (("timex",), "dates"), (("dates",), "timex"), (("pairs",), "conflicts"),
    (("conflicts",), "pairs"),
], ids=["old-system-new-task", "new-system-old-task", "old-pairs", "new-conflicts"])
def test_old_and_new_kind_names_are_one_kind(declared: tuple[str, ...], task_kind: str) -> None:
    name = "dates" if task_kind in ("dates", "timex") else "conflicts"
    spec = replace(load_task_spec(REPO, name), kind=task_kind)
    system = type("Old", (resolve("majority" if name == "conflicts" else "rules"),),
                  {"kinds": declared})
    assert unsupported(system, spec) is None


def test_a_declared_model_is_listed_without_an_endpoint(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (project / "systems.yaml").open("a", encoding="utf-8") as out:
        out.write("  - model: gpt-x\n    name: gx\n    prompt: k-shot\n"
                  "    base_url: http://127.0.0.1:9/v1\n")
    assert main(["list"]) == 0
    captured = capsys.readouterr()
    row = next(line.split() for line in captured.out.splitlines() if line.startswith("gx "))
    assert row[1:4] == ["k-shot-(per", "run)", "spans,dates,quotes,conflicts"]
    assert "warning" not in captured.err
