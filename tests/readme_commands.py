"""What each bench command of the README must print or write, checked after it ran.

``check_command`` finds the bench commands in a line the README shows and checks each against
the project copy it ran in; a subcommand with no check here fails, so a new command in the
README comes with one.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import yaml

from bench.systems.command import default_name
from tests.readme_blocks import README

PREDICTIONS = "my_predictions.jsonl"
SOURCE = "reports/runs/ner/lexicon.json"
"""The run record whose predictions make the README's ``my_predictions.jsonl``."""


def predictions_fixture(text: str, root: Path) -> None:
    """Write ``my_predictions.jsonl`` into ``root`` when ``text`` scores it."""
    if PREDICTIONS in text:
        record = json.loads((root / SOURCE).read_text(encoding="utf-8"))
        (root / PREDICTIONS).write_text("".join(json.dumps(p, ensure_ascii=False) + "\n"
                                                for p in record["predictions"]), "utf-8")


def values(args: list[str], option: str) -> list[str]:
    return [args[i + 1] for i, a in enumerate(args[:-1]) if a == option]


def value(args: list[str], option: str) -> str | None:
    found = values(args, option)
    return found[-1] if found else None


def task_file(root: Path, args: list[str]) -> dict[str, object]:
    loaded = yaml.safe_load((root / "tasks" / f"{value(args, '--task')}.yaml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def check_list(args: list[str], out: str, root: Path) -> None:
    for task in (root / "tasks").glob("*.yaml"):
        assert re.search(rf"(?m)^{task.stem} ", out), f"task {task.stem} not listed"
    for item in yaml.safe_load((root / "systems.yaml").read_text())["systems"]:
        name = item if isinstance(item, str) else item.get("name") or item["entry-point"]
        assert re.search(rf"(?m)^{name} .* yes$", out), f"{name} not listed as declared"


def check_validate(args: list[str], out: str, root: Path) -> None:
    for task in (root / "tasks").glob("*.yaml"):
        assert f"ok  {task.stem}: " in out
    declared = yaml.safe_load((root / "systems.yaml").read_text(encoding="utf-8"))["systems"]
    assert f"ok  systems.yaml: {len(declared)} systems declared" in out


def check_run(args: list[str], out: str, root: Path) -> None:
    task = value(args, "--task")
    assert f"{task_file(root, args)['primary']} [95% CI]" in out
    names = [s for s in values(args, "--system") if ":" not in s] + values(args, "--name")
    if "--command" in args and "--name" not in args:
        names.append(default_name(value(args, "--command") or ""))
    for name in names:
        assert re.search(rf"(?m)^{re.escape(name)} ", out), f"{name}: no score line"
    if "--no-write" in args:
        assert "wrote" not in out and not (root / ".bench").exists()
        return
    experiments = re.findall(rf"wrote (\.bench/runs/{task}/\S+\.json)", out)
    declared = re.search(r"wrote (\d+) run record\(s\) and reports/leaderboard.md", out)
    assert experiments or declared, out
    for path in experiments:
        assert json.loads((root / path).read_text())["signature"].startswith(f"task:{task}@")
    if declared:
        systems = values(args, "--system") or [
            p.stem for p in (root / "reports" / "runs" / str(task)).glob("*.json")]
        assert int(declared.group(1)) == len(systems)


def check_score(args: list[str], out: str, root: Path) -> None:
    primary = str(task_file(root, args)["primary"])
    if value(args, "--predictions") != PREDICTIONS:
        assert primary in out
        return
    expected = json.loads((root / SOURCE).read_text())["scores"][primary]["value"]
    if "--json" in args:
        assert json.JSONDecoder().raw_decode(out)[0][primary]["value"] == expected
    else:
        assert re.search(rf"(?m)^{re.escape(primary)} +{expected:.3f} ", out), out


def check_compare(args: list[str], out: str, root: Path) -> None:
    a, b = [x for x in args if not x.startswith("-") and x not in values(args, "--task")
            + values(args, "--metric")][:2]
    assert f"|system:{a}@" in out and f"|system:{b}@" in out
    metric = value(args, "--metric") or str(task_file(root, args)["primary"])
    assert metric in out


def check_report(args: list[str], out: str, root: Path) -> None:
    assert "wrote reports/leaderboard.md" in out
    published = value(args, "--publish")
    if published:  # the README already shows what the committed records give
        assert (root / published).read_bytes() == README.read_bytes()
    if "--html" in args:
        rest = args[args.index("--html") + 1:]
        site = root / (rest[0] if rest and not rest[0].startswith("-") else "reports/site")
        assert (site / "index.html").is_file() and (site / ".bench-site").exists()
        assert f"file://{site}/index.html" in out


def check_check(args: list[str], out: str, root: Path) -> None:
    assert re.search(r"(?m) ok$", out) and "FAIL" not in out, out
    summary = value(args, "--summary")
    if summary:
        assert (root / summary).read_text().startswith("## bench check: passed")


def check_export(args: list[str], out: str, root: Path) -> None:
    folder = value(args, "--out")
    assert re.search(rf"wrote \d+ file\(s\) under {folder}", out)
    parts = ["gold", "predictions"] if "--system" in args else ["gold"]
    for part in parts:
        assert (root / str(folder) / part / "dataset_info.json").is_file()


def check_cache(args: list[str], out: str, root: Path) -> None:
    assert re.search(r"removed \d+ cached", out), out


CHECKS: dict[str, Callable[[list[str], str, Path], None]] = {
    "list": check_list, "validate": check_validate, "run": check_run, "score": check_score,
    "compare": check_compare, "report": check_report, "check": check_check,
    "export": check_export, "cache": check_cache,
}


def check_command(line: str, out: str, root: Path) -> None:
    """Check each command of ``line``, a README line run in ``root`` that printed ``out``
    (stdout, then stderr)."""
    for part in re.split(r"&&|;", line):
        argv = shlex.split(part.replace("$PWD", str(root)), comments=True)
        if argv and Path(argv[0]).name == "bench":
            assert argv[1] in CHECKS, f"no check for 'bench {argv[1]}': add one to CHECKS"
            CHECKS[argv[1]](argv[2:], out, root)
        elif argv[1:3] == ["-m", "webbrowser"]:
            assert argv[3] in out.splitlines(), f"browser not opened on {argv[3]}"
        else:
            raise AssertionError(f"no check for {part!r}")
