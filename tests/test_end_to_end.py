"""run, report, score and check on the tiny fixture project, with toy systems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.cli import main

from .conftest import declare
from .toy_systems import Memorizer

DICT = "tests.toy_systems:DictionaryTagger"
MEMO = "tests.toy_systems:Memorizer"


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted((root / "reports").rglob("*")) if p.is_file()}


def test_run_writes_records_and_a_deterministic_leaderboard(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--task", "ner", "--system", DICT, "--system", MEMO]) == 0
    out = capsys.readouterr().out
    assert "toy-dict" in out and "toy-memo" in out and "span.f1 [95% CI]" in out
    first = files(project)
    assert set(first) == {"reports/leaderboard.md", "reports/runs/ner/toy-dict.json",
                          "reports/runs/ner/toy-memo.json", "reports/ner.md",
                          "reports/charts/ner.svg"}
    assert main(["run", "--task", "ner", "--system", DICT, "--system", MEMO]) == 0
    assert files(project) == first
    for name in ("leaderboard.md", "ner.md", "charts/ner.svg"):
        (project / "reports" / name).unlink()
    assert main(["report"]) == 0
    assert files(project) == first
    assert main(["report"]) == 0
    assert files(project) == first
    board = first["reports/leaderboard.md"].decode()
    assert "| 1 " in board and "toy-dict" in board and "Signature: `task:ner@1.0|gold:" in board
    page = first["reports/ner.md"].decode()
    assert "## Errors in context" in page and "⟦" in page
    assert first["reports/charts/ner.svg"].startswith(b"<?xml")


def test_report_publishes_between_markers(project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--task", "ner", "--system", DICT]) == 0
    readme = project / "README.md"
    readme.write_text("intro\n<!-- bench:leaderboard:start -->\nSTALE TEXT\n"
                      "<!-- bench:leaderboard:end -->\noutro\n")
    assert main(["report", "--publish", "README.md"]) == 0
    text = readme.read_text()
    assert text.startswith("intro\n<!-- bench:leaderboard:start -->\n### Leaderboard")
    assert "STALE TEXT" not in text and text.endswith("<!-- bench:leaderboard:end -->\noutro\n")
    assert "](reports/ner.md)" in text and "toy-dict" in text
    readme.write_text("no markers\n")
    assert main(["report", "--publish", "README.md"]) == 2
    assert "expected one '<!-- bench:leaderboard:start -->' line" in capsys.readouterr().err


def test_run_record_contents(project: Path) -> None:
    assert main(["run", "--task", "ner", "--system", DICT]) == 0
    record = json.loads((project / "reports/runs/ner/toy-dict.json").read_text())
    # toy-dict finds بوتين x2 (one inside فلاديمير بوتين: wrong span), موسكو, بايدن, كييف.
    assert record["scores"]["span.precision"]["value"] == pytest.approx(4 / 5)
    assert record["scores"]["span.recall"]["value"] == pytest.approx(4 / 11)
    assert record["system"]["regime"] == "rules"
    assert record["signature"].endswith("|system:toy-dict@1")
    assert len(record["units"]) == len(record["statistics"]["span"]["rows"]) == 4
    low, high = record["scores"]["span.f1"]["ci_low"], record["scores"]["span.f1"]["ci_high"]
    assert low <= record["scores"]["span.f1"]["value"] <= high
    assert set(record["per_document"]) == {"a", "b"}


def test_trainable_systems_never_see_the_test_document(project: Path) -> None:
    Memorizer.seen_training_docs.clear()
    assert main(["run", "--task", "ner", "--system", MEMO, "--no-write"]) == 0
    assert Memorizer.seen_training_docs == [["b"], ["a"]]
    assert not (project / "reports").exists()


def test_score_a_predictions_file_as_json(project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--task", "ner", "--predictions", "gold/ner.jsonl", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["span.f1"]["value"] == 1.0
    assert scores["seqeval.f1"]["value"] == 1.0


def test_check_passes_on_an_unchanged_system(project: Path) -> None:
    assert main(["run", "--task", "ner", "--system", DICT]) == 0
    declare(project, DICT)
    assert main(["check"]) == 0


def test_check_fails_when_gold_changed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--task", "ner", "--system", DICT]) == 0
    declare(project, DICT)
    gold = project / "gold/ner.jsonl"
    gold.write_text("".join(gold.read_text().splitlines(keepends=True)[:-1]))
    assert main(["check"]) == 1
    assert "FAIL: gold changed without a task version bump" in capsys.readouterr().out


def test_check_without_records_is_bad_usage(project: Path) -> None:
    assert main(["check"]) == 2


@pytest.mark.parametrize(("system", "message"), [
    ("tests.toy_systems:Crashing",
     "error: system 'toy-crash' failed in predict on 'a': RuntimeError: boom"),
    ("tests.toy_systems:Overlapping",
     "error: system 'toy-overlap', document 'a', prediction 1: span [2, 6)"),
], ids=["crash", "overlap"])
def test_bad_systems_give_one_line_errors(project: Path, capsys: pytest.CaptureFixture[str],
                                          system: str, message: str) -> None:
    assert main(["run", "--task", "ner", "--system", system]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and len(err.strip().splitlines()) == 1
    assert not (project / "reports").exists()
