"""A new record kind needs no edit to bench: a task names it by ``module:Class``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.cli import main
from bench.errors import InputError
from bench.kinds import get_kind
from bench.models.answers import read_answer, schema
from bench.project import open_task
from bench.reports.html.judges import judge

from .relations import Relation

TASK = """name: relations
version: "1"
kind: tests.kinds.relations:RelationKind
documents: gold/documents.yaml
gold: gold/relations.jsonl
labels: [MET, CALLED]
metrics:
  - name: span
    options: {match: exact}
primary: span.f1
predictions:
  labels: {PHONED: CALLED}
statistics: {resamples: 20}
"""
GOLD = [{"doc": "a", "head": [18, 32], "tail": [36, 41], "type": "CALLED"},
        {"doc": "a", "head": [11, 17], "tail": [18, 32], "type": "MET"}]


def test_a_task_runs_a_kind_named_by_module_and_class(project: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (project / "tasks" / "relations.yaml").write_text(TASK, encoding="utf-8")
    (project / "gold" / "relations.jsonl").write_text(
        "".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    data = open_task(project, "relations")
    assert data.kind.name == "relations" and len(data.gold) == 2
    pred = [{**GOLD[0], "type": "PHONED"}, {**GOLD[1], "type": "CALLED"}]
    (project / "pred.jsonl").write_text("".join(json.dumps(p) + "\n" for p in pred),
                                        encoding="utf-8")
    assert main(["score", "--task", "relations", "--predictions", "pred.jsonl", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["span.precision"]["value"] == 0.5  # PHONED became CALLED; MET was wrong
    assert scores["span.recall"]["value"] == 0.5


def test_the_html_report_shows_a_new_kind_by_its_hooks(project: Path) -> None:
    (project / "tasks" / "relations.yaml").write_text(TASK, encoding="utf-8")
    (project / "gold" / "relations.jsonl").write_text(
        "".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    assert main(["run", "--task", "relations", "--system",
                 "tests.kinds.relations:FixedRelations", "--record"]) == 0
    assert main(["report", "--html"]) == 0
    page = next((project / "reports" / "site" / "relations").glob("errors-*fixed-relations*"))
    text = page.read_text(encoding="utf-8")
    assert "boundary" in text and "MET" in text  # MET's tail stops short
    doc = (project / "reports" / "site" / "relations" / "doc-a.html").read_text(encoding="utf-8")
    assert doc.count('data-label="CALLED"') == 2  # gold and the renamed PHONED, both drawn
    data = open_task(project, "relations")
    verdicts = sorted(m.status for m in judge(data, [
        Relation("a", 18, 41, "CALLED", (18, 32), (36, 41)),
        Relation("a", 11, 30, "MET", (11, 17), (20, 30)),
        Relation("a", 0, 5, "MET", (0, 2), (3, 5))]).pred)
    assert verdicts == ["boundary", "correct", "spurious"]


def test_the_gate_and_export_take_a_new_kind(project: Path) -> None:
    """With only its module, task file and gold: bench check re-runs it, export writes it."""
    (project / "tasks" / "relations.yaml").write_text(TASK, encoding="utf-8")
    (project / "gold" / "relations.jsonl").write_text(
        "".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    assert main(["run", "--task", "relations", "--system",
                 "tests.kinds.relations:FixedRelations", "--record"]) == 0
    assert main(["check", "--task", "relations"]) == 0
    assert main(["export", "--task", "relations", "--format", "jsonl", "--out", "out",
                 "--system", "fixed-relations"]) == 0
    exported = (project / "out" / "predictions.jsonl").read_text(encoding="utf-8")
    assert [json.loads(line) for line in exported.splitlines()] == [
        {"doc": "a", "head": [18, 32], "tail": [36, 41], "type": "CALLED"},  # PHONED renamed
        {"doc": "a", "head": [11, 17], "tail": [20, 30], "type": "MET"}]
    assert main(["export", "--task", "relations", "--format", "conll", "--out", "x"]) == 2


@pytest.mark.parametrize(("name", "expected"), [("timex", "dates"), ("pairs", "conflicts"),
                                                ("spans", "spans")],
                         ids=["timex", "pairs", "spans"])
def test_old_kind_names_still_load(name: str, expected: str, tmp_path: Path) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text("", encoding="utf-8")
    assert get_kind(name, {"claims": claims}).name == expected


def test_a_class_that_is_not_a_kind_is_refused() -> None:
    with pytest.raises(Exception, match="is not a record kind"):
        get_kind("tests.kinds.relations:Relation")


def test_a_model_is_asked_for_a_new_kind_through_its_answer_hooks(project: Path) -> None:
    (project / "gold" / "relations.jsonl").write_text(
        "".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    (project / "tasks" / "relations.yaml").write_text(TASK, encoding="utf-8")
    with pytest.raises(InputError, match="cannot answer tasks of the kind 'relations'"):
        schema(open_task(project, "relations"))
    (project / "tasks" / "relations.yaml").write_text(
        TASK.replace("RelationKind", "AnsweredRelationKind"), encoding="utf-8")
    data = open_task(project, "relations")
    asked = schema(data)["properties"]["relations"]["items"]
    assert asked["required"] == ["head", "tail", "type"]
    assert asked["properties"]["type"]["enum"] == ["MET", "CALLED"]
    answer = json.dumps({"relations": [
        {"head": "فلاديمير بوتين", "tail": "موسكو", "type": "CALLED"},
        {"head": "بوتين", "tail": "باريس", "type": "MET"},  # no tail in the text: unaligned
        {"head": "الروسي", "type": "MET"}]}, ensure_ascii=False)  # no tail field: dropped
    reading = read_answer(answer, data.document("a"), data)
    assert reading.predictions == [
        {"doc": "a", "head": [18, 32], "tail": [36, 41], "type": "CALLED"}]
    assert reading.unaligned == ["باريس"] and reading.dropped == 1
