"""What each CLI subcommand does, in terms of the library.

Each command imports what it uses, inside its function: ``bench list`` should not pay for
scoring, reports and the regression gate.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.errors import InputError
from bench.output import print_json, print_table, status
from bench.project import find_root, load_specs, load_task_spec, open_task, task_paths

if TYPE_CHECKING:
    from bench.cache import Cache
    from bench.scoring import Scores
    from bench.systems.choose import Chosen
    from bench.systems.protocol import System
    from bench.task.gold import TaskData

LOCAL = ".bench"
"""Git-ignored folder of experiments: run records of undeclared systems (``.bench/runs/``)."""


def _root(args: argparse.Namespace) -> Path:
    if not args.root:
        return find_root()
    root = Path(args.root).resolve()
    if not (root / "tasks").is_dir():
        raise InputError(f"--root {args.root}: no tasks/ folder there" if root.is_dir()
                         else f"--root {args.root}: no such folder",
                         hint="give the project folder (the one with tasks/)")
    return root


def cmd_list(args: argparse.Namespace) -> int:
    """Tasks with their descriptions, then systems with what they serve; broken plug-ins
    are one warning line each."""
    from bench.systems.choose import listing
    from bench.systems.support import served

    root = _root(args)
    specs = load_specs(root)
    print_table([[s.name, s.version, s.kind, s.primary, s.description[:70]] for s in specs],
                ["task", "version", "kind", "primary", "description"])
    print()
    warnings: list[str] = []
    rows = [[cls.name, cls.version,
             served(cls) + (f"; tasks: {','.join(d.tasks)}" if d and d.tasks else ""),
             cls.regime, "yes" if cls.tuned_on_test else "no", "yes" if d else "no"]
            for cls, d in listing(root, warnings)]
    print_table(rows, ["system", "version", "serves", "regime", "tuned on test", "declared"])
    for warning in warnings:
        print(warning, file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Load every task with its documents and gold, and read ``systems.yaml`` when the project
    has one; any problem raises a one-line error."""
    from bench.core.yamlio import did_you_mean
    from bench.systems.declared import FILE, declared_systems

    root = _root(args)
    names = list(task_paths(root))
    for name in names:
        data = open_task(root, name)
        print(f"ok  {name}: {len(data.documents)} documents, {len(data.gold)} gold records")
    if (root / FILE).is_file():
        declared = declared_systems(root)
        for one in declared:
            for task in [t for t in one.tasks or () if t not in names][:1]:
                raise InputError(f"'tasks' names '{task}', which is not a task of the project",
                                 where=one.source, hint=did_you_mean(task, names))
        print(f"ok  {FILE}: {len(declared)} systems declared")
    return 0


def _chosen(args: argparse.Namespace, root: Path, data: TaskData,
            warnings: list[str]) -> list[Chosen]:
    from bench.systems.choose import for_task, named

    spec = data.spec
    if args.name and len(args.commands) + len(args.model) != 1:
        raise InputError("--name goes with exactly one --command or --model",
                         hint="run each command separately to name it")
    if args.system or args.commands or args.model:
        return named(root, spec, args.system, args.commands, args.name if args.commands else None,
                     args.timeout, args.worker)
    return for_task(root, data, warnings)


def _score_row(name: str, version: str, regime: str, scores: Scores,
               fields: list[str]) -> list[object]:
    from bench.reports.leaderboard import fmt

    cells: list[object] = [name, version]
    for field in fields:
        result = scores.scores[field]
        cells.append(f"{fmt(result.value)} [{fmt(result.ci_low)}, {fmt(result.ci_high)}]")
    return [*cells, regime]


def _model_settings(cls: type[System]) -> dict[str, Any] | None:
    """What ``systems.yaml`` needs to declare a model system: its configuration, the endpoint
    without credentials."""
    from bench.models.config import ModelConfig

    config = getattr(cls, "config", None)
    if not isinstance(config, ModelConfig):
        return None
    return {**asdict(config), "base_url": config.endpoint}


def cmd_run(args: argparse.Namespace) -> int:
    """Run the chosen systems and print their scores, best first. Declared systems write
    their run records and the leaderboard into reports/; others (experiments) write their
    record under .bench/runs/, unless --record declares them in systems.yaml."""
    from bench.cache import Cache
    from bench.core.atomic import transaction
    from bench.reports.leaderboard import ci_label
    from bench.systems.choose import Chosen
    from bench.systems.declared import FILE, is_declared

    root = _root(args)
    data = open_task(root, args.task)
    if args.jobs < 1:
        raise InputError(f"--jobs {args.jobs} is not a positive number", hint="e.g. --jobs 4")
    if args.worker and not args.commands:
        raise InputError("--worker goes with --command", hint="add --command CMD")
    warnings: list[str] = []
    chosen = _chosen(args, root, data, warnings)
    if args.model:  # building a model system imports the endpoint's client
        from bench.models.options import selected_models

        chosen += [Chosen(ref, cls, is_declared(root, ref, cls.name, args.task))
                   for ref, cls in selected_models(args, data, root)]
    for warning in warnings:
        print(warning, file=sys.stderr)
    if not chosen:
        raise InputError(f"no declared system can run task '{args.task}'",
                         where=FILE, hint="declare one, or pass --system module:Class")
    fields = [data.spec.primary, *data.spec.report[:3]]
    rows: list[tuple[float, list[object]]] = []
    local: list[str] = []
    cache = None if args.no_cache else Cache(root, write=not args.no_write)
    with transaction():  # records, pages, charts and leaderboard change together or not at all
        written = _run_all(args, root, data, chosen, cache, fields, rows, local)
    rows.sort(key=lambda pair: pair[0])  # best first, like the leaderboard (stable on ties)
    ci = ci_label(data.spec.statistics.confidence)
    print_table([row for _, row in rows],
                ["system", "version", *[f"{f} [{ci}]" for f in fields], "regime"])
    if cache is not None and cache.hits:
        print(f"\ncache: reused {cache.hits} of {cache.hits + cache.misses} document "
              "predictions (--no-cache to run everything)", file=sys.stderr)
    for shown_path in local:
        print(f"\nwrote {shown_path} (not declared in {FILE}: reports/ untouched; --record to add "
              "it)", file=sys.stderr)
    if written:
        print(f"\nwrote {written} run record(s) and reports/leaderboard.md", file=sys.stderr)
    return 0


def _run_all(args: argparse.Namespace, root: Path, data: TaskData, chosen: list[Chosen],
             cache: Cache | None, fields: list[str], rows: list[tuple[float, list[object]]],
             local: list[str]) -> int:
    """Run and score every chosen system; stage run records (declared ones under reports/,
    the others under .bench/runs/), then the reports. Returns how many records reports/ got."""
    from bench.models.options import PREFIX as MODEL_PREFIX
    from bench.models.options import usage_line
    from bench.reports.leaderboard import write_reports
    from bench.runner import run_system
    from bench.runs.record import build_record, record_path, write_record
    from bench.scoring import score
    from bench.systems.choose import declare
    from bench.systems.declared import FILE

    written = 0
    for one in chosen:
        predictions = run_system(one.cls, data, cache, progress=True, jobs=args.jobs)
        scores = score(data, predictions)
        rows.append((-scores.scores[data.spec.primary].value,
                     _score_row(one.cls.name, one.cls.version, one.cls.regime, scores, fields)))
        if one.ref.startswith(MODEL_PREFIX):
            print(usage_line(one.cls), file=sys.stderr)
        if args.no_write:
            continue
        record = build_record(data, one.cls, scores, predictions, one.ref)
        if one.declared or args.record:
            if not one.declared:
                declare(root, one.ref, _model_settings(one.cls), data.spec.name)
                print(f"declared {one.ref} in {FILE}", file=sys.stderr)
            write_record(record_path(root, data.spec.name, one.cls.name), record)
            written += 1
        else:
            path = root / LOCAL / "runs" / data.spec.name / f"{one.cls.name}.json"
            write_record(path, record)
            local.append(str(path.relative_to(root)))
    if written:
        write_reports(root, load_specs(root, loaded=data.spec), changed=data)
    return written


def cmd_score(args: argparse.Namespace) -> int:
    """Score a predictions file without running any system."""
    from bench.reports.leaderboard import ci_label, fmt
    from bench.scoring import score
    from bench.task.predictions import load_predictions

    root = _root(args)
    with status(f"loading {args.task}"):
        data = open_task(root, args.task)
    with status(f"reading {args.predictions}"):
        predictions = load_predictions(args.predictions, data)
    with status(f"scoring {len(predictions)} predictions"):
        scores = score(data, predictions)
    if args.json:
        print_json({k: {"value": round(v.value, 6), "ci_low": round(v.ci_low, 6),
                        "ci_high": round(v.ci_high, 6)} for k, v in scores.scores.items()})
        return 0
    fields = [data.spec.primary, *data.spec.report]
    print_table([[f, fmt(scores.scores[f].value),
                  f"[{fmt(scores.scores[f].ci_low)}, {fmt(scores.scores[f].ci_high)}]"]
                 for f in fields], ["metric", "value", ci_label(data.spec.statistics.confidence)])
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Paired bootstrap and approximate randomization between two committed runs."""
    from bench.core.yamlio import did_you_mean, shown_value
    from bench.reports.leaderboard import ci_label, fmt, fmt_p
    from bench.runs.compare import compare_records
    from bench.runs.record import read_records

    root = _root(args)
    spec = load_task_spec(root, args.task)
    records = {r.system["name"]: r for r in read_records(root, args.task)}
    for name in (args.a, args.b):
        if name not in records:
            raise InputError(f"no run record of system '{name}' for task '{args.task}'",
                             where=f"reports/runs/{args.task}/",
                             hint=f"run: bench run --task {args.task} --system {name}")
    for field in args.metric:
        if field not in records[args.a].scores or field not in records[args.b].scores:
            raise InputError(f"--metric {shown_value(field)}: no such score in both run "
                             f"records of '{args.task}'",
                             hint=did_you_mean(field, records[args.a].scores))
    trials = spec.statistics.trials if args.trials is None else args.trials
    if trials < 1:
        raise InputError("--trials must be at least 1",
                         hint=f"the default is the task's {spec.statistics.trials}")
    rows = []
    for field in args.metric or [spec.primary]:
        c = compare_records(spec, records[args.a], records[args.b], field, trials=trials)
        rows.append([field, fmt(c.a), fmt(c.b), f"{c.delta:+.4f}",
                     f"[{c.ci_low:+.4f}, {c.ci_high:+.4f}]", fmt_p(c.p_bootstrap),
                     fmt_p(c.p_randomization),
                     "yes" if c.p_randomization < spec.statistics.alpha else "no"])
    print_table(rows, ["metric", args.a, args.b, "A - B",
                       f"{ci_label(spec.statistics.confidence)} (paired bootstrap)",
                       "p (bootstrap)", f"p (randomization, {trials})",
                       f"separated at {spec.statistics.alpha:g}"])
    print()
    print(f"A: {records[args.a].signature}")
    print(f"B: {records[args.b].signature}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export gold (and predictions) for use outside the harness."""
    from bench.export import export

    root = _root(args)
    data = open_task(root, args.task)
    files = export(data, root, args.format, args.out.resolve(), args.system,
                   force=args.force)
    print(f"wrote {len(files)} file(s) under {args.out}")
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    """``bench cache clear``: delete ``.bench-cache/``."""
    from bench.cache import FOLDER, Cache

    root = _root(args)
    count = Cache(root).clear()
    print(f"removed {count} cached prediction file(s) from {FOLDER}/")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Regenerate the leaderboard, task pages and charts from the run records alone."""
    from bench.core.atomic import transaction
    from bench.reports.leaderboard import write_reports

    root = _root(args)
    specs = load_specs(root)
    with transaction():  # every page, chart and the published file change together
        path = write_reports(root, specs, args.publish)
    print(f"wrote {path.relative_to(root)}, the task pages and charts"
          + (f"; published into {args.publish}" if args.publish else ""))
    if args.html is not None:
        from bench.reports.html import write_site

        out = Path(args.html).resolve() if args.html else root / "reports" / "site"
        index = write_site(root, specs, out)
        print(f"wrote the HTML site; open it with: python3 -m webbrowser {index.as_uri()}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0 when every system holds, 1 with a table of what dropped, 2 on bad input."""
    from bench.check import check, summary_markdown
    from bench.core.atomic import write_text
    from bench.reports.leaderboard import fmt

    root = _root(args)
    if args.jobs < 1:
        raise InputError(f"--jobs {args.jobs} is not a positive number", hint="e.g. --jobs 2")
    rows = check(root, args.task or None, progress=True, jobs=args.jobs)
    rows.sort(key=lambda r: (r.task, -r.committed))  # per task, best first like the leaderboard
    table = [[r.task, r.system, fmt(r.committed), fmt(r.current),
              "–" if r.p_value is None else f"{r.p_value:.4f}",
              f"-{len(r.lost)} +{len(r.gained)}",
              "ok" if r.passed else f"FAIL: {r.problem}"] for r in rows]
    print_table(table, ["task", "system", "committed", "now", "p", "flipped", "status"])
    markdown = summary_markdown(rows)
    if args.summary:
        write_text(args.summary, markdown)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        with open(step_summary, "a", encoding="utf-8") as handle:
            handle.write(markdown)
    failed = [r for r in rows if not r.passed]
    if failed:
        print(f"error: {len(failed)} of {len(rows)} checks failed", file=sys.stderr)
        return 1
    if not rows:
        print("error: no committed run records to check (run bench run first)", file=sys.stderr)
        return 2
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of one file format."""
    from bench.schemas import schema_of

    print_json(schema_of(args.file))
    return 0
