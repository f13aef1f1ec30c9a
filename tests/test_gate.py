"""compare and check on constructed runs whose answer is known: a real drop fails, noise passes."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from bench.cli import main
from bench.stats.paired import compare

from .conftest import FIXTURES, declare
from .toy_systems import Oracle

ORACLE = "tests.toy_systems:Oracle"
LINES = 60


def accuracy(totals: np.ndarray) -> dict[str, np.ndarray]:
    return {"acc": totals[..., 0] / np.maximum(totals[..., 1], 1)}


def test_identical_systems_are_not_separated() -> None:
    rows = np.array([[1.0, 1.0]] * 50 + [[0.0, 1.0]] * 50)
    c = compare(rows, rows.copy(), accuracy, "acc", resamples=500, seed=1, trials=2000)
    assert c.delta == 0 and c.p_bootstrap == 1.0 and c.p_randomization == 1.0


def test_a_large_difference_is_separated_and_a_small_one_is_not() -> None:
    good = np.array([[1.0, 1.0]] * 100)
    bad = good.copy()
    bad[:40, 0] = 0  # wrong on 40 of 100 units
    c = compare(good, bad, accuracy, "acc", resamples=1000, seed=1, trials=2000)
    assert c.delta == pytest.approx(0.4)
    assert c.p_randomization == pytest.approx(1 / 2001) and c.p_bootstrap < 0.01
    assert 0.25 < c.ci_low < 0.4 < c.ci_high < 0.55
    noisy = good.copy()
    noisy[:2, 0] = 0  # wrong on 2 of 100 units
    c = compare(good, noisy, accuracy, "acc", resamples=1000, seed=1, trials=2000)
    assert c.p_randomization > 0.2 and c.ci_low <= 0 <= c.ci_high


@pytest.fixture
def big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of two documents with 60 one-name paragraphs each."""
    root = tmp_path / "big"
    (root / "seeds").mkdir(parents=True)
    (root / "gold").mkdir()
    (root / "tasks").mkdir()
    gold, docs = [], []
    for doc in ("a", "b"):
        text = "".join(f"وصل بوتين إلى المدينة رقم {i}.\n" for i in range(LINES))
        (root / "seeds" / f"{doc}.txt").write_text(text, encoding="utf-8")
        start = 0
        for line in text.splitlines(keepends=True):
            s = start + line.index("بوتين")
            gold.append({"doc": doc, "start": s, "end": s + 5, "text": "بوتين", "type": "PER"})
            start += len(line)
        digest = hashlib.sha256(text.encode()).hexdigest()
        docs.append(f"  - {{id: {doc}, path: seeds/{doc}.txt, sha256: {digest}, "
                    "dct: '2022-02-12'}")
    (root / "gold/documents.yaml").write_text("documents:\n" + "\n".join(docs) + "\n")
    (root / "gold/ner.jsonl").write_text(
        "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
    task = (FIXTURES / "good/tasks/ner.yaml").read_text()
    (root / "tasks/ner.yaml").write_text(task.replace("tolerance: 0.005",
                                                      "tolerance: 0.005\n  floor: 0.5"))
    shutil.copy(FIXTURES / "good/systems.yaml", root / "systems.yaml")
    monkeypatch.chdir(root)
    Oracle.MISS = set()
    yield root
    Oracle.MISS = set()
    shutil.rmtree(root)


def test_check_fails_on_a_significant_drop_and_lists_the_flips(
        big: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--task", "ner", "--system", ORACLE]) == 0
    declare(Path.cwd(), ORACLE)
    assert main(["check"]) == 0
    Oracle.MISS = {("a", i) for i in range(25)}
    capsys.readouterr()
    assert main(["check", "--summary", "summary.md"]) == 1
    out = capsys.readouterr().out
    assert "FAIL: dropped by" in out and "significant" in out and "-25 +0" in out
    summary = (big / "summary.md").read_text(encoding="utf-8")
    assert "1 of 1 checks failed" in summary
    assert "- right before, wrong now: a@4 «بوتين» PER" in summary


def test_check_passes_noise_above_the_tolerance(big: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--task", "ner", "--system", ORACLE]) == 0
    declare(Path.cwd(), ORACLE)
    Oracle.MISS = {("a", 3), ("b", 7)}  # 2 of 120 mentions: F1 -0.008, over the tolerance
    capsys.readouterr()
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "-2 +0" in out and "ok" in out


def test_check_fails_under_the_floor(big: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Oracle.MISS = {(d, i) for d in ("a", "b") for i in range(50)}
    assert main(["run", "--task", "ner", "--system", ORACLE]) == 0
    declare(Path.cwd(), ORACLE)
    capsys.readouterr()
    assert main(["check"]) == 1
    assert "under the floor 0.5" in capsys.readouterr().out


def test_gold_change_without_version_bump_fails(big: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--task", "ner", "--system", ORACLE]) == 0
    declare(Path.cwd(), ORACLE)
    gold = big / "gold/ner.jsonl"
    gold.write_text("".join(gold.read_text().splitlines(keepends=True)[:-1]))
    capsys.readouterr()
    assert main(["check"]) == 1
    assert "gold changed without a task version bump" in capsys.readouterr().out
    task = big / "tasks/ner.yaml"
    task.write_text(task.read_text().replace('version: "1.0"', 'version: "1.1"'))
    assert main(["check"]) == 1
    assert "task version changed (ner@1.0 -> ner@1.1): the record is stale" in \
        capsys.readouterr().out


def test_compare_cli_and_refusal(big: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--task", "ner", "--system", ORACLE]) == 0
    declare(Path.cwd(), ORACLE)
    record = big / "reports/runs/ner/toy-oracle.json"
    other = json.loads(record.read_text())
    other["system"]["name"] = "copy"
    (big / "reports/runs/ner/copy.json").write_text(json.dumps(other))
    capsys.readouterr()
    assert main(["compare", "toy-oracle", "copy", "--task", "ner", "--trials", "500"]) == 0
    out = capsys.readouterr().out
    assert "+0.0000" in out and "A: task:ner@1.0|gold:" in out
    other["signature"] = other["signature"].replace("gold:", "gold:x")
    (big / "reports/runs/ner/copy.json").write_text(json.dumps(other))
    assert main(["compare", "toy-oracle", "copy", "--task", "ner"]) == 2
    assert "differ in gold" in capsys.readouterr().err
