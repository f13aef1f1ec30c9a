"""How long bench's everyday commands take, against starting Python with numpy and yaml.

Usage: .venv/bin/python benchmarks/startup.py [--reps 5] [--check] [--out reports/startup.md]

Times, in this project and in subprocesses, ``bench list``, ``bench validate`` and a cached
``bench run --task ner`` (one warm-up run first, so every prediction is cached; it rewrites the
same records and reports byte for byte), and with ``--check`` also ``bench check --jobs 1``
and ``bench check`` (its default, every core), against ``python -c "import numpy, yaml"``:
every command once per repetition, in turn (interleaved, so a busy machine slows all of them
alike), medians of ``--reps`` repetitions. Each row gives the median wall time, the median CPU
time (user + system, the command's and its children's) and the ratio of the wall time to the
peer's. The commands run with Python's bytecode cache enabled (``PYTHONDONTWRITEBYTECODE`` is
removed from their environment), as an installed bench runs. Wall times depend on the machine
and its load: read the ratios, measured side by side. The table goes to ``--out`` (and stdout);
the script exits 1 when a command fails.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.core.atomic import write_text

ROOT = Path(__file__).resolve().parent.parent
PEER = "python -c 'import numpy, yaml'"


@dataclass(frozen=True)
class Step:
    """One command to time."""

    name: str
    """How the table names it."""
    argv: tuple[str, ...]
    """The command line."""


@dataclass(frozen=True)
class Timing:
    """Medians of one step."""

    wall: float
    """Median wall seconds."""
    cpu: float
    """Median CPU seconds (user + system, children included)."""


def steps(check: bool) -> list[Step]:
    """The peer, then bench's commands (``bench`` next to this Python)."""
    exe = Path(sys.executable)
    bench = str(exe.parent / "bench")
    found = [Step(PEER, (str(exe), "-c", "import numpy, yaml")),
             Step("bench list", (bench, "list")),
             Step("bench validate", (bench, "validate")),
             Step("bench run --task ner (cached)", (bench, "run", "--task", "ner"))]
    if check:
        found += [Step("bench check --jobs 1", (bench, "check", "--jobs", "1")),
                  Step(f"bench check (--jobs {os.cpu_count()})", (bench, "check"))]
    return found


def once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one run; a failing command stops the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: "
                         f"{done.stderr.decode(errors='replace').strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(found: list[Step], reps: int, env: dict[str, str]) -> dict[str, Timing]:
    """Medians per step; each step runs once untimed first (bytecode written, cache filled)."""
    for step in found:
        once(step.argv, env)
    walls: dict[str, list[float]] = {s.name: [] for s in found}
    cpus: dict[str, list[float]] = {s.name: [] for s in found}
    for _ in range(reps):
        for step in found:
            wall, cpu = once(step.argv, env)
            walls[step.name].append(wall)
            cpus[step.name].append(cpu)
    return {name: Timing(statistics.median(walls[name]), statistics.median(cpus[name]))
            for name in walls}


def table(found: list[Step], timed: dict[str, Timing]) -> list[str]:
    """Markdown rows, each with its ratio to the peer."""
    peer = timed[PEER]
    lines = ["| command | median wall s | median CPU s | wall / peer's wall |",
             "|---|---|---|---|"]
    for step in found:
        t = timed[step.name]
        ratio = "-" if step.name == PEER else f"{t.wall / peer.wall:.1f}x"
        lines.append(f"| {step.name} | {t.wall:.3f} | {t.cpu:.3f} | {ratio} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="also time bench check")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "startup.md")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    found = steps(args.check)
    timed = measure(found, args.reps, env)
    lines = table(found, timed)
    load = os.getloadavg()[0]
    head = ["# Start-up times", "",
            "Generated by `python benchmarks/startup.py` (see its docstring): medians of "
            f"{args.reps} interleaved repetitions on a machine with {os.cpu_count()} CPUs "
            f"(load average {load:.1f} when it finished), so compare ratios, not seconds.", ""]
    write_text(args.out, "\n".join([*head, *lines, ""]))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
