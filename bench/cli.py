"""The command line: parse, call the library, render; errors become one line and an exit code."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
import warnings
from collections.abc import Sequence
from pathlib import Path

from bench import __version__
from bench.core import interrupts
from bench.errors import INTERNAL, BenchError, BenchWarning, one_line, os_problem
from bench.models.options import add_model_arguments
from bench.schemas import SCHEMAS


def positive_seconds(text: str) -> float:
    """``--timeout``: a positive, finite number of seconds."""
    from bench.task.schema import MAX_TIMEOUT  # pydantic: only when the option is given

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most {MAX_TIMEOUT:g} "
                                         f"seconds, not {text}")
    return value


def usable_cpus() -> int:
    """How many CPUs this process may run on (its affinity where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="bench", description=__doc__)
    parser.add_argument("--version", action="version", version=f"bench {__version__}")
    parser.add_argument("--root", type=Path, help="project folder (default: nearest with tasks/)")
    parser.add_argument("--verbose", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("list", help="show tasks and systems")
    sub.add_parser("validate", help="check every task YAML and gold file, and systems.yaml")
    run = sub.add_parser("run", help="run systems on a task, write run records and leaderboard")
    run.add_argument("--task", required=True)
    run.add_argument("--system", action="append", default=[],
                     help="registry name or module:Class (repeatable; default: every system "
                     "systems.yaml declares that can run the task)")
    run.add_argument("--command", action="append", default=[], metavar="CMD", dest="commands",
                     help='an executable system, e.g. "python my_ner.py" (repeatable): one JSON '
                     "document on stdin, predictions as JSON lines on stdout")
    run.add_argument("--name", help="name for a single --command system")
    run.add_argument("--timeout", type=positive_seconds,
                     help="seconds per document for --command systems (default: task YAML, 60)")
    run.add_argument("--no-cache", action="store_true",
                     help="ignore and do not write .bench-cache/")
    run.add_argument("--no-write", action="store_true", help="print scores, write nothing")
    run.add_argument("--jobs", type=int, default=1, metavar="N",
                     help="predict documents in N worker processes (default 1); same results")
    run.add_argument("--worker", action="store_true",
                     help="start each --command once; it answers one JSON line per document")
    add_model_arguments(run)
    run.add_argument("--record", action="store_true",
                     help="declare the named systems in systems.yaml and write their run "
                     "records into reports/ (default for undeclared ones: .bench/runs/)")
    sc = sub.add_parser("score", help="score a predictions file in the gold format")
    sc.add_argument("--task", required=True)
    sc.add_argument("--predictions", required=True, type=Path)
    sc.add_argument("--json", action="store_true", help="print all scores as JSON")
    cmp = sub.add_parser("compare", help="paired tests between two systems' run records")
    cmp.add_argument("a", metavar="A", help="system name (its run record of the task)")
    cmp.add_argument("b", metavar="B", help="the other system")
    cmp.add_argument("--task", required=True)
    cmp.add_argument("--metric", action="append", default=[],
                     help="field to test, e.g. span.recall (repeatable; default: the primary)")
    cmp.add_argument("--trials", type=int,
                     help="approximate-randomization trials (default: the task's "
                     "statistics.trials, 10000 unless it says otherwise)")
    exp = sub.add_parser("export", help="write a task's gold (and a system's predictions) as "
                         "JSONL, CoNLL or a Hugging Face DatasetDict")
    exp.add_argument("--task", required=True)
    exp.add_argument("--format", required=True, choices=["hf", "conll", "jsonl"])
    exp.add_argument("--out", required=True, type=Path,
                     help="folder to write (an earlier export's files are replaced)")
    exp.add_argument("--system", help="also export this system's predictions (its run record)")
    exp.add_argument("--force", action="store_true",
                     help="write into a non-empty folder bench did not create (only the files "
                     "bench writes are replaced)")
    cache = sub.add_parser("cache", help="manage the prediction cache (.bench-cache/)")
    cache.add_argument("action", choices=["clear"], help="clear: delete every cached prediction")
    rep = sub.add_parser("report", help="regenerate reports/ (leaderboard, task pages, charts) "
                         "from the run records")
    rep.add_argument("--publish", type=Path, metavar="FILE",
                     help="also put the leaderboard between the bench:leaderboard markers of FILE")
    rep.add_argument("--html", nargs="?", const="", type=str, metavar="DIR",
                     help="also write the HTML site to DIR (default: reports/site/)")
    ch = sub.add_parser("check", help="re-run systems; exit 1 if a primary score dropped")
    ch.add_argument("--task", action="append", default=[], help="limit to a task (repeatable)")
    ch.add_argument("--summary", type=Path, metavar="FILE",
                    help="also write the result as Markdown (for a pull request)")
    ch.add_argument("--jobs", type=int, default=usable_cpus(), metavar="N",
                    help="re-run systems in N processes (default: every CPU bench may use, here "
                    f"{usable_cpus()}); the same rows in the same order")
    sch = sub.add_parser("schema", help="print the JSON Schema of a file bench reads")
    sch.add_argument("file", choices=SCHEMAS, help="which file's schema")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 a check failed, 2 bad input or usage, 3 an
    internal error, 130 interrupted, 141 the reader of stdout went away)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    interrupts.install()
    try:
        from bench import commands

        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            return int(getattr(commands, f"cmd_{args.command}")(args))
    except BenchError as exc:
        if args.verbose:
            traceback.print_exc()
        print(f"error: {exc.render()}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`bench list | head`): stop quietly with the status cat and grep
        # get from SIGPIPE (128 + 13), never 0, since the command did not finish.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:
        # The machine refused a read or write bench did not foresee (permissions, disk full).
        if args.verbose:
            traceback.print_exc()
        print(f"error: {os_problem(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the one place an unforeseen error is reported
        if args.verbose:
            traceback.print_exc()
        print(f"error: internal error: {type(exc).__name__}: {one_line(str(exc))} (a bug in "
              "bench: run with --verbose for the traceback and report it)", file=sys.stderr)
        return INTERNAL
    finally:
        interrupts.uninstall()


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: object = None, line: str | None = None) -> None:
    """Bench's own warnings as one line on stderr; others as Python shows them."""
    if issubclass(category, BenchWarning):
        print(f"warning: {message}", file=sys.stderr)
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


__all__ = ["main"]
