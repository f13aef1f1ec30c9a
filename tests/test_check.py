"""bench check --jobs: the same rows, exit code and first error as one process, whatever N."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, ClassVar

import pytest

from bench.cli import main
from bench.core.records import Document
from bench.kinds.spans import Span
from bench.systems.protocol import System

from .conftest import declare

DICT = "tests.toy_systems:DictionaryTagger"
MEMO = "tests.toy_systems:Memorizer"
FLAKY = "tests.test_check:Flaky"
ALSO_FLAKY = "tests.test_check:AlsoFlaky"
DIES = "tests.test_check:Dies"


class Flaky(System):
    """Tags nothing; raises in predict once ``BROKEN`` is set (after its run was recorded)."""

    name = "flaky"
    version = "1"
    kinds = ("spans",)
    BROKEN: ClassVar[bool] = False

    def predict(self, doc: Document) -> list[Span]:
        if Flaky.BROKEN:
            raise RuntimeError("broken now")
        return []


class AlsoFlaky(Flaky):
    """Flaky under another name, checked before it (records go in file-name order)."""

    name = "also-flaky"


class Dies(System):
    """Tags nothing; ends its process without a word once ``DEAD`` is set."""

    name = "dies"
    version = "1"
    kinds = ("spans",)
    DEAD: ClassVar[bool] = False

    def predict(self, doc: Document) -> list[Span]:
        if Dies.DEAD:
            os._exit(7)
        return []


@pytest.fixture
def recorded(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture project with run records of five ner systems and two dates systems."""
    monkeypatch.setattr(Flaky, "BROKEN", False)
    monkeypatch.setattr(Dies, "DEAD", False)
    declare(project, DICT, MEMO, FLAKY, ALSO_FLAKY, DIES, "dct", "rules")
    assert main(["run", "--task", "ner"]) == 0
    assert main(["run", "--task", "dates"]) == 0
    return project


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _tamper(root: Path) -> None:
    """Raise the stored score of toy-dict's record: the gate must refuse it by name."""
    path = root / "reports/runs/ner/toy-dict.json"
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    record["scores"]["span.f1"]["value"] = 0.99
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("jobs", ["2", "3", "16"], ids=["two", "three", "more-than-records"])
@pytest.mark.parametrize("tampered", [False, True], ids=["clean", "one-tampered"])
def test_rows_and_exit_code_are_those_of_one_process(
        recorded: Path, capsys: pytest.CaptureFixture[str], jobs: str, tampered: bool) -> None:
    if tampered:
        _tamper(recorded)
    code, out, err = _check(capsys, "--jobs", "1")
    assert code == (1 if tampered else 0)
    assert out.count("\n") == 2 + 7  # header, rule, one row per record
    assert ("FAIL: record reports/runs/ner/toy-dict.json" in out) is tampered
    assert _check(capsys, "--jobs", jobs) == (code, out, err)


def test_the_default_uses_every_usable_cpu_and_says_so(
        recorded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bench.cli import build_parser, usable_cpus

    assert build_parser().parse_args(["check"]).jobs == usable_cpus() >= 1
    code, out, _ = _check(capsys)
    assert (code, out) == _check(capsys, "--jobs", "1")[:2]


def test_the_first_failure_in_order_is_the_error(
        recorded: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Flaky, "BROKEN", True)
    expected = (2, "", "error: system 'also-flaky' failed in predict on 'a': RuntimeError: broken "
                "now (run with --verbose for the traceback)\n")
    assert _check(capsys, "--jobs", "1") == expected
    assert _check(capsys, "--jobs", "2") == expected


def test_a_worker_that_dies_is_one_line_naming_the_system(
        recorded: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Dies, "DEAD", True)
    assert _check(capsys, "--jobs", "2") == (
        2, "", "error: a worker process died while checking system 'dies' on task 'ner' (run "
        "with --jobs 1 to see why)\n")


@pytest.mark.parametrize("jobs", ["0", "-3"], ids=["zero", "negative"])
def test_jobs_must_be_positive(recorded: Path, capsys: pytest.CaptureFixture[str],
                               jobs: str) -> None:
    assert _check(capsys, "--jobs", jobs) == (
        2, "", f"error: --jobs {jobs} is not a positive number (e.g. --jobs 2)\n")
