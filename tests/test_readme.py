"""Every fenced block of the README is run, so the README cannot rot.

Shell lines run with bash in a copy of the project, as a user types them (optional parts
without and with), each checked for its exit code and what it prints or writes; Python blocks
run (the ``# [...]`` comments are the results they must give); YAML, TOML and JSON blocks are
read by bench's own loaders or found in the files they quote. A block that no handler claims
fails: a new example cannot be added without running it.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
import tomllib
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement

from bench.systems.declared import GROUP, declared_systems
from tests.readme_blocks import REPO, Block, blocks, copy_project, shell, variants
from tests.readme_commands import check_command, predictions_fixture
from tests.readme_models import is_model, run_model

BLOCKS = blocks()


def the(claim: Callable[[Block], bool]) -> Block:
    """The one README block a handler claims (the class, the entry point ...)."""
    found = [b for b in BLOCKS if claim(b)]
    assert len(found) == 1, f"expected one README block for {claim.__name__}, got {len(found)}"
    return found[0]


def is_ci(b: Block) -> bool:
    return b.lang == "sh" and b.heading in ("Install", "Test")


def run_ci(b: Block, tmp_path: Path) -> None:
    """CI runs the README's install and test lines itself: they must be lines of .ci/run."""
    for line in b.lines:
        assert line in ci_lines(), f"README {b.id}: {line!r} is not a line of .ci/run"


def is_extra(b: Block) -> bool:
    return b.lang == "sh" and all(re.search(r"pip install -e '\.\[\w+\]'$", x) for x in b.lines)


def run_extra(b: Block, tmp_path: Path) -> None:
    """An extra's install line: the extra exists, and CI's dev install satisfies it."""
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]
    for line in b.lines:
        extra = re.findall(r"\[(\w+)\]", line)[-1]
        assert extra in extras, f"README {b.id}: no extra '{extra}' in pyproject.toml"
        for requirement in map(Requirement, extras[extra]):
            assert requirement.specifier.contains(version(requirement.name), prereleases=True)
            assert requirement.name in {Requirement(r).name for r in extras["dev"]}


def is_script(b: Block) -> bool:
    return b.lang == "sh" and "<<" in b.text


def run_script(b: Block, tmp_path: Path) -> None:
    """A script writing files then running bench: run whole, once per form of its last line."""
    *head, last = b.text.rstrip("\n").splitlines()
    for i, form in enumerate(variants(last)):
        root = copy_project(tmp_path / f"form{i}")
        done = shell("\n".join([*head, form]), root)
        assert done.returncode == 0, f"{form}\n{done.stderr}"
        check_command(form, done.stdout + done.stderr, root)


def is_lines(b: Block) -> bool:
    return b.lang == "sh"


LEFT_TO_CI = {".venv/bin/bench check"}
"""Forms .ci/run itself runs on this project (checked below), so the test does not run them
again: a bare ``bench check`` re-runs every system (about 8 s here); the test runs its full
form (summary, --jobs), and tests/test_check.py compares --jobs values."""


def ci_lines() -> list[str]:
    """The commands of .ci/run (an environment assignment may lead a line)."""
    return [re.sub(r"^(\w+=\S+ )+", "", line)
            for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]


def run_lines(b: Block, tmp_path: Path) -> None:
    """Each line in turn in one project copy, without and with its optional parts."""
    root = copy_project(tmp_path / "project")
    predictions_fixture(b.text, root)
    for line in b.lines:
        for form in variants(line):
            command = form.split("#")[0].strip()
            if command in LEFT_TO_CI:
                assert command in ci_lines(), f"{command!r} is no longer run by .ci/run"
                continue
            done = shell(form, root)
            assert done.returncode == 0, f"{form}\n{done.stderr}"
            check_command(form, done.stdout + done.stderr, root)


def is_gold(b: Block) -> bool:
    return b.lang == "json"


def run_gold(b: Block, tmp_path: Path) -> None:
    """A gold record shown after "Gold is `gold/X.jsonl`" is a record of that file."""
    name = re.findall(r"`(gold/[\w.]+\.jsonl)`", b.before)[-1]
    lines = (REPO / name).read_text(encoding="utf-8").splitlines()
    assert json.loads(b.text) in [json.loads(line) for line in lines], f"not in {name}"


def is_systems(b: Block) -> bool:
    return b.lang == "yaml" and "systems" in yaml.safe_load(b.text)


def run_systems(b: Block, tmp_path: Path) -> None:
    """bench's own loader reads each way in as written, and ``bench list`` shows them all."""
    root = copy_project(tmp_path / "project")
    (root / "systems.yaml").write_text(b.text, encoding="utf-8")
    (root / "mymodule.py").write_text(the(is_system_class).text, encoding="utf-8")
    items = yaml.safe_load(b.text)["systems"]
    declared = declared_systems(root)
    assert len(declared) == len(items)
    for item, system in zip(items, declared, strict=True):
        way, target = next(iter(item.items())) if isinstance(item, dict) else ("", item)
        assert system.way == (way or "entry-point") and system.target == target
        if isinstance(item, dict) and "name" in item:
            assert system.name == item["name"]
    done = shell("bench list", root)
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr
    listed = {line.split()[0]: line.split()[-1] for line in done.stdout.splitlines() if line}
    for name in [s.name or "my-tagger" for s in declared]:
        assert listed.get(name) == "yes", f"{name} not listed as declared:\n{done.stdout}"


def is_task_yaml(b: Block) -> bool:
    return b.lang == "yaml" and bool(re.search(r"`tasks/[\w-]+\.yaml`", b.before))


def run_task_yaml(b: Block, tmp_path: Path) -> None:
    """A task-file excerpt is what the task file it names says."""
    name = re.findall(r"`(tasks/[\w-]+\.yaml)`", b.before)[-1]
    task = yaml.safe_load((REPO / name).read_text(encoding="utf-8"))
    for key, value in yaml.safe_load(b.text).items():
        assert task[key] == value, f"{name}: {key} differs from the README's"


def is_entry_points(b: Block) -> bool:
    return b.lang == "toml"


def install(root: Path) -> dict[str, str]:
    """What ``pip install`` of a package with the README's entry point and class leaves in a
    site folder: the module and a dist-info holding the entry points. The environment to use."""
    site = root.parent / "site"
    info = site / "my_tagger-1.dist-info"
    info.mkdir(parents=True)
    (site / "mymodule.py").write_text(the(is_system_class).text, encoding="utf-8")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: my-tagger\nVersion: 1\n")
    points = tomllib.loads(the(is_entry_points).text)["project"]["entry-points"]
    (info / "entry_points.txt").write_text("".join(
        f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in names.items())
        for group, names in points.items()), encoding="utf-8")
    return {"PYTHONPATH": str(site)}


def run_entry_points(b: Block, tmp_path: Path) -> None:
    """The group is bench's, and once installed ``bench list`` shows the system."""
    points = tomllib.loads(b.text)["project"]["entry-points"]
    assert list(points) == [GROUP]
    assert GROUP in tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "entry-points"]
    root = copy_project(tmp_path / "project")
    done = shell("bench list", root, install(root))
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr
    for name in points[GROUP]:
        assert re.search(rf"(?m)^{re.escape(name)} .* no$", done.stdout), done.stdout


def is_system_class(b: Block) -> bool:
    return b.lang == "python" and "(System):" in b.text


def run_system_class(b: Block, tmp_path: Path) -> None:
    """Saved as the module the next paragraph's command names, then run by that command."""
    command = re.search(r"`(bench run [^`]+)`", b.after)
    assert command, "expected 'Run it with `bench run ...`' after the class"
    module = re.search(r"--system (\w+):(\w+)", command.group(1))
    assert module and f"class {module.group(2)}(" in b.text
    root = copy_project(tmp_path / "project")
    (root / f"{module.group(1)}.py").write_text(b.text, encoding="utf-8")
    done = shell(command.group(1), root)
    assert done.returncode == 0, done.stderr
    check_command(command.group(1), done.stdout + done.stderr, root)


def is_plugin(b: Block) -> bool:
    return b.lang == "python" and "def test_" in b.text


def run_plugin(b: Block, tmp_path: Path) -> None:
    """pytest runs the test from the project folder; with the README's weak example tagger it
    fails with the message the README shows."""
    root = copy_project(tmp_path / "project")
    (root / "test_mine.py").write_text(b.text, encoding="utf-8")
    done = shell(".venv/bin/pytest -p no:cacheprovider test_mine.py", root, install(root))
    assert "1 failed" in done.stdout, done.stdout + done.stderr
    shown = re.search(r"A failing assertion shows.*?`(where [^`]+)`", b.after, re.DOTALL)
    assert shown, "expected 'A failing assertion shows ... `where ...`' after the test"
    pattern = r"\s+".join(re.sub(r"(?<![@\w])\\?\d+\\\.\d+", r"[0-9.]+", re.escape(word))
                          .replace(r"\.\.\.", ".+?") for word in shown.group(1).split())
    assert re.search(pattern, done.stdout), f"{shown.group(1)}\nnot in\n{done.stdout}"


def is_example(b: Block) -> bool:
    return b.lang == "python"


def run_example(b: Block, tmp_path: Path) -> None:
    """Executed statement by statement; each expression gives what the comment after it says."""
    comments: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(b.text).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.string.lstrip("#").strip()
    namespace: dict[str, Any] = {}
    shown = 0
    for node in ast.parse(b.text).body:
        code = ast.Module([node], type_ignores=[])
        if not isinstance(node, ast.Expr):
            exec(compile(code, "README", "exec"), namespace)
            continue
        line = node.end_lineno or node.lineno
        expected = comments.get(line) or comments.get(line + 1)
        assert expected, f"README {b.id}: line {line} shows no result in a comment"
        got = eval(compile(ast.Expression(node.value), "README", "eval"), namespace)
        assert got == ast.literal_eval(expected), f"{ast.unparse(node)} gives {got!r}"
        shown += 1
    assert shown, "an example that shows no result"


HANDLERS: list[tuple[Callable[[Block], bool], Callable[[Block, Path], None]]] = [
    (is_ci, run_ci), (is_extra, run_extra), (is_model, run_model), (is_script, run_script),
    (is_lines, run_lines), (is_gold, run_gold), (is_systems, run_systems),
    (is_task_yaml, run_task_yaml), (is_entry_points, run_entry_points),
    (is_system_class, run_system_class), (is_plugin, run_plugin), (is_example, run_example),
]
"""(claims a block, runs it): the first that claims a block runs it."""


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_readme_block(block: Block, tmp_path: Path) -> None:
    runs = [run for claims, run in HANDLERS if claims(block)]
    assert runs, (f"README.md:{block.line}: no test runs this ```{block.lang} block: "
                  "add a handler to tests/test_readme.py")
    runs[0](block, tmp_path)


def test_every_handler_runs_a_block() -> None:
    for claims, run in HANDLERS:
        assert any(claims(b) and next(r for c, r in HANDLERS if c(b)) is run for b in BLOCKS), (
            f"{run.__name__} runs no README block")


def test_blocks_are_all_found() -> None:
    fences = [line for line in (REPO / "README.md").read_text().splitlines()
              if line.startswith("```")]
    assert len(fences) == 2 * len(BLOCKS)
