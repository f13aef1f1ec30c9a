"""A declaration's ``tasks:`` list: the system is benchmarked on those tasks only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.cli import main
from bench.errors import InputError
from bench.systems.declared import declared_systems

ORACLE = "tests.toy_systems:Oracle"


def _second_ner_task(project: Path) -> None:
    text = (project / "tasks/ner.yaml").read_text(encoding="utf-8")
    (project / "tasks/ner2.yaml").write_text(text.replace("name: ner\n", "name: ner2\n"),
                                             encoding="utf-8")


def _limit_oracle(project: Path, tasks: str) -> None:
    path = project / "systems.yaml"
    text = "".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                   if not line.startswith("    tasks:"))
    path.write_text(text.replace(f"  - class: {ORACLE}\n",
                                 f"  - class: {ORACLE}\n    tasks: {tasks}\n"), encoding="utf-8")


def test_tasks_are_read_as_a_name_or_a_list(project: Path) -> None:
    _limit_oracle(project, "[ner, dates]")
    limited = next(d for d in declared_systems(project) if d.ref == ORACLE)
    assert limited.tasks == ("ner", "dates")
    assert limited.serves("ner") and not limited.serves("quotes")
    _limit_oracle(project, "ner")
    assert next(d for d in declared_systems(project) if d.ref == ORACLE).tasks == ("ner",)


@pytest.mark.parametrize("tasks", ["[]", "{ner: 1}", "[ner, 3]"], ids=["empty", "map", "number"])
def test_a_bad_tasks_value_is_a_one_line_error(project: Path, tasks: str) -> None:
    _limit_oracle(project, tasks)
    with pytest.raises(InputError) as error:
        declared_systems(project)
    assert error.value.render().startswith("systems.yaml:6: 'tasks' must list task names")


def test_validate_names_an_unknown_task(project: Path, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    _limit_oracle(project, "[ner, qoutes]")
    assert main(["validate"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: systems.yaml:6: 'tasks' names 'qoutes', which is not a task of the project "
        "(did you mean 'quotes'?)")


def test_a_limited_system_runs_only_on_its_tasks(project: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _second_ner_task(project)
    assert main(["run", "--task", "ner2"]) == 0  # declared for every task yet
    assert (project / "reports/runs/ner2/toy-oracle.json").is_file()
    _limit_oracle(project, "[ner]")
    capsys.readouterr()
    # A committed record of a task the declaration no longer covers is refused by check.
    assert main(["check", "--task", "ner2"]) == 1
    assert ("names system 'tests.toy_systems:Oracle', which systems.yaml declares "
            "for ner only: refused, not run") in capsys.readouterr().out
    (project / "reports/runs/ner2/toy-oracle.json").unlink()
    assert main(["run", "--task", "ner2"]) == 0
    assert "toy-oracle" not in capsys.readouterr().out
    assert not (project / "reports/runs/ner2/toy-oracle.json").exists()
    # Named, it runs as an experiment; recording it there asks to widen the list by hand.
    assert main(["run", "--task", "ner2", "--system", ORACLE]) == 0
    assert (project / ".bench/runs/ner2/toy-oracle.json").is_file()
    before = (project / "systems.yaml").read_bytes()
    assert main(["run", "--task", "ner2", "--system", ORACLE, "--record"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        f"error: systems.yaml:6: '{ORACLE}' is declared for ner only, not for 'ner2' "
        "(add ner2 to its 'tasks:' list to record it)")
    assert (project / "systems.yaml").read_bytes() == before
    assert not (project / "reports/runs/ner2/toy-oracle.json").exists()
    assert main(["run", "--task", "ner"]) == 0
    record = json.loads((project / "reports/runs/ner/toy-oracle.json").read_text())
    assert record["task"]["name"] == "ner"


def test_list_shows_the_tasks_a_declaration_is_limited_to(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _limit_oracle(project, "[ner, dates]")
    assert main(["list"]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line}
    assert "spans; tasks: ner,dates " in rows["toy-oracle"]
    assert "tasks:" not in rows["toy-memo"]
