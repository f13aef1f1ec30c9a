"""The benchmark suite keeps working: a tiny run, numbers checked against the peers, no timing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import REPO


def test_a_tiny_benchmark_run_writes_the_table_and_numbers_agree(tmp_path: Path) -> None:
    out = tmp_path / "performance.md"
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--copies",
                           "0.02", "--reps", "1", "--units", "300", "--big-units", "400",
                           "--out", str(out)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    text = out.read_text(encoding="utf-8")
    for step in ("seqeval strict f1_score", "nervaluate strict f1", "scipy.stats.bootstrap",
                 "scipy.stats.permutation_test"):
        assert f"| {step} |" in text
    # bench score as a command, token family, exact spans, SemEval partial
    assert text.count("| yes |") == 4
