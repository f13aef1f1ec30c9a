"""How fast bench scores at corpus scale, against seqeval, nervaluate and scipy in one run.

Usage: .venv/bin/python benchmarks/run.py [--copies 8] [--reps 5] [--units 20000]
[--big-units 100000] [--commands] [--out reports/performance.md]

Builds ANERcorp repeated ``--copies`` times (8: about 1.2M tokens) as a throwaway project, then
times, interleaved (every step once per repetition, in turn) and as medians of ``--reps``
repetitions: loading the corpus; bench's three entity families against seqeval (strict and
default) and nervaluate on the same data in memory; ``score()`` with 1000-resample intervals;
bench's bootstrap against ``scipy.stats.bootstrap``; a paired compare against
``scipy.stats.permutation_test`` (``--units``), and alone on ``--big-units`` units; loading and
scoring the same tokens cut into 10x more documents (a load reads the corpus file, with the
copy bench remembers in ``.bench-cache/corpora`` removed first; one more step loads from that
copy, and one loads in a new Python process, as a ``bench`` command does, its ``open_task``
timed inside it); ``bench score`` of the whole corpus as a
command (a subprocess: start, load, check the predictions, every family, intervals,
per-document scores) against seqeval's ``f1_score`` alone on the data in memory; and, with
``--commands``, ``bench list``, ``bench validate`` and a cached ``bench run --task ner`` in
this project against ``python -c "import numpy, yaml"``. The scaled task scores all three
entity families (``seqeval``, ``span``, ``semeval``). Peak memory is measured in a separate
untimed pass (tracemalloc; not for commands). Bench's numbers must equal the
peers' where they compute the same thing (the "same" column); the script exits 1 otherwise.
Wall times depend on the machine and its load: compare the ratios, which are measured side by
side.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, scaled_project, system_output  # noqa: E402
from peers import Step, interval_steps, paired_steps, peer_inputs, point_steps  # noqa: E402

from bench.core.atomic import write_text  # noqa: E402
from bench.project import open_task  # noqa: E402
from bench.scoring import score  # noqa: E402

COMMAND = "bench score, whole command"


@dataclass(frozen=True)
class Timed:
    """What a step returns when it measures its own seconds (a subprocess that times its work,
    leaving out the interpreter's start and the imports)."""

    seconds: float
    value: Any


def interleaved(steps: list[Step], reps: int) -> dict[str, tuple[float, Any]]:
    """Median seconds and the last result of every step, steps taken in turn per repetition."""
    times: dict[str, list[float]] = {name: [] for name, _, _ in steps}
    results: dict[str, Any] = {}
    for _ in range(reps):
        for name, _, fn in steps:
            start = time.perf_counter()
            result = fn()
            seconds = time.perf_counter() - start
            if isinstance(result, Timed):
                seconds, result = result.seconds, result.value
            results[name] = result
            times[name].append(seconds)
    return {name: (statistics.median(times[name]), results[name]) for name in times}


def peak_mb(fn: Callable[[], Any]) -> float:
    """Peak traced memory of one call, in MB."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def command_steps(reps: int) -> list[Step]:
    """CLI wall times in subprocesses (bench run rewrites identical records and reports)."""
    exe = Path(sys.executable)
    bench = exe.parent / "bench"

    def call(*argv: str) -> Callable[[], int]:
        return lambda: subprocess.run(argv, cwd=ROOT, capture_output=True, check=True).returncode

    return [("python -c 'import numpy, yaml'", "", call(str(exe), "-c", "import numpy, yaml")),
            ("bench list", "python -c 'import numpy, yaml'", call(str(bench), "list")),
            ("bench validate", "python -c 'import numpy, yaml'", call(str(bench), "validate")),
            ("bench run --task ner (cached)", "python -c 'import numpy, yaml'",
             call(str(bench), "run", "--task", "ner"))]


def fresh_load(project: Path) -> Callable[[], int]:
    """Load the scaled task from its corpus file (its remembered copy in ``.bench-cache``
    removed first, so the corpus is read and the copy written again)."""
    def run() -> int:
        shutil.rmtree(project / ".bench-cache" / "corpora", ignore_errors=True)
        return len(open_task(project, "anercorp").gold)

    return run


LOAD = """
import json, shutil, sys, time
from pathlib import Path
from bench.project import open_task
project = Path(sys.argv[1])
shutil.rmtree(project / ".bench-cache" / "corpora", ignore_errors=True)
start = time.perf_counter()
gold = len(open_task(project, "anercorp").gold)
print(json.dumps({"seconds": time.perf_counter() - start, "gold": gold}))
"""


def fresh_process_load(project: Path) -> Callable[[], Timed]:
    """``fresh_load`` in a new Python process, as a ``bench`` command loads a task: the seconds
    of ``open_task`` alone, measured inside it."""
    def run() -> Timed:
        done = subprocess.run([sys.executable, "-c", LOAD, str(project)], capture_output=True,
                              check=True, text=True)
        measured = json.loads(done.stdout)
        return Timed(float(measured["seconds"]), int(measured["gold"]))

    return run


def score_command(project: Path, pred: list[Any], kind: Any) -> Callable[[], float]:
    """``bench score`` of the scaled task as a subprocess; returns its seqeval.f1."""
    path = project / "predictions.jsonl"
    path.write_text("".join(json.dumps(kind.dump(p), ensure_ascii=False) + "\n" for p in pred),
                    encoding="utf-8")
    bench = Path(sys.executable).parent / "bench"

    def run() -> float:
        done = subprocess.run([str(bench), "--root", str(project), "score", "--task",
                               "anercorp", "--predictions", str(path), "--json"],
                              capture_output=True, check=True, text=True)
        return float(json.loads(done.stdout)["seqeval.f1"]["value"])

    return run


def table(rows: list[Step], measured: dict[str, tuple[float, Any]],
          memory: dict[str, float]) -> tuple[list[str], bool]:
    """Markdown rows with ratios against the named peer, and whether every check held."""
    lines = ["| step | median s | peer | peer median s | bench faster by | same number | "
             "peak MB |", "|---|---|---|---|---|---|---|"]
    ok = True
    for name, peer, _ in rows:
        seconds, value = measured[name]
        cells = [name, f"{seconds:.3f}", peer or "-", "-", "-", "-",
                 f"{memory[name]:.0f}" if name in memory else "-"]
        if peer:
            peer_seconds, peer_value = measured[peer]
            cells[3] = f"{peer_seconds:.3f}"
            cells[4] = f"{peer_seconds / seconds:.1f}x"
            if name.startswith(COMMAND):  # the command prints 6 decimals
                same = value == round(peer_value, 6)
                ok &= same
                cells[5] = "yes" if same else f"NO ({value!r} vs {peer_value!r})"
            elif isinstance(value, float) and "bootstrap" not in peer and "permutation" not in peer:
                same = value == peer_value
                ok &= same
                cells[5] = "yes" if same else f"NO ({value!r} vs {peer_value!r})"
            elif isinstance(value, float):
                cells[5] = f"{value:.4f} vs {peer_value:.4f} (other random streams)"
        lines.append("| " + " | ".join(cells) + " |")
    return lines, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=float, default=8.0)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--units", type=int, default=20_000,
                        help="paired-compare units, against scipy")
    parser.add_argument("--big-units", type=int, default=100_000,
                        help="paired-compare units, bench alone")
    parser.add_argument("--commands", action="store_true", help="also time the CLI commands")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "performance.md")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        few = scaled_project(Path(tmp) / "few", args.copies)
        many = scaled_project(Path(tmp) / "many", args.copies, per_document=5)
        data = open_task(few, "anercorp")
        pred = system_output(data.gold, data.spec.labels)
        data_many = open_task(many, "anercorp")
        pred_many = system_output(data_many.gold, data_many.spec.labels)
        tokens = sum(len(d.text.split()) for d in data.documents)
        inputs = peer_inputs(data, pred)
        steps: list[Step] = [
            ("load the corpus", "", fresh_load(few)),
            ("load the corpus, in a fresh process (as a bench command loads it)", "",
             fresh_process_load(few)),
            ("load, 10x more documents", "", fresh_load(many)),
            ("load the corpus, remembered in .bench-cache", "",
             lambda: len(open_task(few, "anercorp").gold)),
            (f"{COMMAND} (subprocess: load, check, 3 families, intervals, per document)",
             "seqeval strict f1_score", score_command(few, pred, data.kind)),
            *point_steps(data, pred, inputs),
            *interval_steps(data, pred, 1000),
            ("bench score(), 10x more documents", "",
             lambda: score(data_many, pred_many).scores[data.spec.primary].value),
            *paired_steps(args.units, 1000, 10_000),
            *paired_steps(args.big_units, 1000, 10_000, peer=False),
        ]
        if args.commands:
            steps += command_steps(args.reps)
        measured = interleaved(steps, args.reps)
        memory = {name: peak_mb(fn) for name, _, fn in steps
                  if name.startswith("bench ") and "(cached)" not in name
                  and not name.startswith(COMMAND)
                  and name not in ("bench list", "bench validate")}
        memory["load the corpus"] = peak_mb(steps[0][2])
    lines, ok = table(steps, measured, memory)
    head = [
        "# Performance", "",
        "Generated by `python benchmarks/run.py` (see its docstring); wall times are medians of "
        f"{args.reps} interleaved repetitions in one process on the machine that ran it, so "
        "compare ratios, not seconds.", "",
        f"Corpus: ANERcorp x {args.copies:g}: {tokens:,} tokens, {len(data.documents):,} "
        f"documents ({len(data_many.documents):,} in the 10x variant), {len(data.gold):,} gold "
        f"mentions, {len(pred):,} predicted; {len(inputs['tags'][0]):,} units (sentences). "
        f"Paired compare: {args.units:,} synthetic units against scipy, "
        f"{args.big_units:,} alone.", ""]
    write_text(args.out, "\n".join([*head, *lines, ""]))
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
