"""The project folder: where tasks, gold, seeds and reports live, and the tasks found there."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bench.core.yamlio import did_you_mean, shown
from bench.errors import InputError
from bench.task.spec import TaskSpec, load_task

if TYPE_CHECKING:
    from bench.task.gold import TaskData


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: the working folder) with ``tasks/``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "tasks").is_dir():
            return folder
    raise InputError(f"no tasks/ folder at or above {here}",
                     hint="run bench inside the project folder or pass --root")


def task_paths(root: Path) -> dict[str, Path]:
    """Task name (the file stem) -> YAML path, sorted by name."""
    return {p.stem: p for p in sorted((root / "tasks").glob("*.yaml"))}


def load_task_spec(root: Path, name: str) -> TaskSpec:
    """The checked definition of task ``name``, without its gold."""
    paths = task_paths(root)
    if name not in paths:
        raise InputError(f"unknown task '{name}'", hint=did_you_mean(name, paths))
    spec = load_task(paths[name], root)
    if spec.name != name:
        raise InputError(f"task file is named '{name}' but declares name '{spec.name}'",
                         where=shown(paths[name]), hint="make the name match the file name")
    return spec


def open_task(root: Path, name: str) -> TaskData:
    """Load the task ``name`` with its documents and gold."""
    from bench.task.gold import load_task_data

    return load_task_data(load_task_spec(root, name), root)


def load_specs(root: Path, loaded: TaskSpec | None = None) -> list[TaskSpec]:
    """Every task definition, checked, without loading gold (``loaded``, a task the command
    has read already, is not read again)."""
    return [loaded if loaded is not None and loaded.path == path else load_task(path, root)
            for path in task_paths(root).values()]
