"""The gate verifies run records: stored scores recompute from stored statistics, signatures
agree with content, and only declared systems are ever run."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench.cli import main
from bench.project import load_task_spec, task_paths
from bench.runs.record import read_records
from bench.runs.verify import record_problem

from ..conftest import REPO, declare

DICT = "tests.toy_systems:DictionaryTagger"
RECORD = "reports/runs/ner/toy-dict.json"


def _primary(r: dict[str, Any]) -> None:
    r["scores"]["span.f1"]["value"] = 0.99


def _interval(r: dict[str, Any]) -> None:
    r["scores"]["span.f1"]["ci_low"] = 0.0


def _statistics(r: dict[str, Any]) -> None:
    r["statistics"]["span"]["rows"][0][0] += 1


def _signature(r: dict[str, Any]) -> None:
    r["signature"] = r["signature"].replace("system:toy-dict@1", "system:toy-dict@2")


def _name(r: dict[str, Any]) -> None:
    r["system"]["name"] = "other"


TAMPERS: list[tuple[Callable[[dict[str, Any]], None], str]] = [
    (_primary, "stored span.f1 value 0.99 is not what its statistics give"),
    (_interval, "stored span.f1 ci_low 0.0 is not what its statistics give"),
    (_statistics, "is not what its statistics give"),
    (_signature, "signature says system 'toy-dict@2' but the record says 'toy-dict@1'"),
    (_name, "is stored as ner/toy-dict.json but names ner/other"),
]


@pytest.fixture
def recorded(project: Path) -> Path:
    assert main(["run", "--task", "ner", "--system", DICT]) == 0
    declare(project, DICT)
    return project / RECORD


@pytest.mark.parametrize(("tamper", "problem"), TAMPERS,
                         ids=["primary", "interval", "statistics", "signature", "name"])
def test_a_tampered_record_fails_the_gate_by_name(recorded: Path, tamper: Any, problem: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    record = json.loads(recorded.read_text(encoding="utf-8"))
    tamper(record)
    recorded.write_text(json.dumps(record), encoding="utf-8")
    capsys.readouterr()
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"FAIL: record {RECORD} " in out and problem in out


def test_an_undeclared_command_is_refused_never_run(recorded: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    marker = recorded.parent / "ran"
    record = json.loads(recorded.read_text(encoding="utf-8"))
    record["system"]["ref"] = f"command:toy-dict:touch {marker}"
    recorded.write_text(json.dumps(record), encoding="utf-8")
    capsys.readouterr()
    assert main(["check"]) == 1
    assert "which systems.yaml does not declare: refused, not run" in capsys.readouterr().out
    assert not marker.exists()


@pytest.mark.parametrize(("text", "message"), [
    (b"{", "not a readable run record: Expecting property name enclosed in double quotes: "
           "line 1 column 2 (char 1) (re-create it with bench run)"),
    (b'{"a": "\xff"}', "not a readable run record: 'utf-8' codec can't decode byte 0xff in "
                       "position 7: invalid start byte (re-create it with bench run)"),
    (b"[]", "top level: must be a mapping, got [] (re-create it with bench run; see 'bench "
            "schema run-record')"),
], ids=["cut", "not-utf8", "array"])
def test_a_malformed_record_is_one_line_exit_2(recorded: Path, text: bytes, message: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    recorded.write_bytes(text)
    capsys.readouterr()
    assert main(["check"]) == 2
    assert capsys.readouterr().err.strip() == f"error: {RECORD}: {message}"


def test_every_committed_record_verifies() -> None:
    for task in task_paths(REPO):
        spec = load_task_spec(REPO, task)
        for record in read_records(REPO, task):
            assert record_problem(record, spec, record.path) == "", record.path
