"""Choosing the systems of a run: the declared ones that can run the task, or those named.

A named system (``--system``, ``--command``) is looked up among the declarations of
``systems.yaml``: a declared one writes into ``reports/``, any other is an experiment. A declared
system that cannot be loaded (a plug-in missing a dependency) becomes a one-line warning and the
others go on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.core.atomic import write_text
from bench.errors import InputError
from bench.systems.command import command_system, reference
from bench.systems.declared import (
    FILE,
    DeclaredSystem,
    declaration_text,
    declared_systems,
    find_declared,
)
from bench.systems.protocol import System
from bench.systems.registry import known_names, resolve
from bench.systems.support import supports, unsupported
from bench.task.gold import TaskData
from bench.task.spec import TaskSpec


@dataclass(frozen=True)
class Chosen:
    """A system chosen for a run."""

    ref: str
    """What its run record keeps, so ``bench check`` can run it again."""
    cls: type[System]
    """The system class."""
    declared: bool
    """True when ``systems.yaml`` declares it: its record goes into ``reports/``."""


def load(declared: DeclaredSystem, spec: TaskSpec | None, root: Path,
         timeout: float | None = None, data: TaskData | None = None) -> type[System]:
    """The class a declaration names (a command runs for ``spec``; a model is run on ``data``
    as it is built)."""
    task = spec.name if spec else None
    if declared.way == "command":
        return command_system(declared.target, task, timeout or declared.timeout,
                              declared.name, version=declared.version)
    if declared.way == "model":
        if data is None:
            raise InputError(f"model system '{declared.name or declared.target}' is built for "
                             "a task", where=declared.source, hint="run it with bench run")
        from bench.models.options import declared_model

        return declared_model(declared.target, declared.name, declared.options, data, root,
                              source=declared.source)
    return resolve(declared.ref, task, timeout, root)


def for_task(root: Path, data: TaskData, warnings: list[str]) -> list[Chosen]:
    """Every declared system that can run the task; broken ones add a warning."""
    chosen = []
    spec = data.spec
    for declared in declared_systems(root):
        if not declared.serves(spec.name):
            continue
        try:
            cls = load(declared, spec, root, spec.timeout, data)
        except InputError as exc:
            warnings.append(f"warning: {declared.source}: skipped: {exc.render()}")
            continue
        if supports(cls, spec):
            chosen.append(Chosen(declared.ref, cls, True))
    return chosen


def named(root: Path, spec: TaskSpec, systems: Sequence[str], commands: Sequence[str],
          name: str | None = None, timeout: float | None = None,
          worker: bool = False) -> list[Chosen]:
    """The systems given by ``--system`` and ``--command``, each checked against the task."""
    declared = declared_systems(root)
    chosen = []
    for ref in systems:
        cls = resolve(ref, spec.name, timeout or spec.timeout, root)
        match = find_declared(declared, ref, cls.name)
        if match is not None and match.way == "command":
            cls = load(match, spec, root, timeout)
        chosen.append(Chosen(ref, cls, match is not None and match.serves(spec.name)))
    for command in commands:
        cls = command_system(command, spec.name, timeout or spec.timeout, name, worker)
        match = find_declared(declared, reference(cls))
        if match is not None:
            cls = load(match, spec, root, timeout)
        chosen.append(Chosen(reference(cls), cls, match is not None and match.serves(spec.name)))
    for one in chosen:
        error = unsupported(one.cls, spec)
        if error is not None:
            raise error
    return chosen


def listing(root: Path, warnings: list[str]
            ) -> list[tuple[type[System], DeclaredSystem | None]]:
    """Every installed and declared system (class, its declaration if any), by name; broken
    ones add a warning. Commands and models are listed only when declared."""
    declared = declared_systems(root)
    seen: set[str] = set()
    found = []
    for ref in [*known_names(), *(d.ref for d in declared)]:
        if ref in seen:
            continue
        seen.add(ref)
        match = find_declared(declared, ref, ref)
        try:
            if match is not None and match.way == "model":
                from bench.models.options import listed_model

                cls = listed_model(match.target, match.name, match.options, match.source)
            else:
                cls = load(match, None, root) if match else resolve(ref, root=root)
        except InputError as exc:
            warnings.append(f"warning: {exc.render()}")
            continue
        found.append((cls, match))
    return sorted(found, key=lambda pair: pair[0].name)


def declare(root: Path, ref: str, settings: Mapping[str, Any] | None = None,
            task: str | None = None) -> None:
    """Append the declaration of ``ref`` (a model's with its ``settings``) to ``systems.yaml``
    (``bench run --record``); a declaration limited to other tasks than ``task`` is an error,
    to widen by hand."""
    path = root / FILE
    present = find_declared(declared_systems(root), ref)
    if present is not None and task is not None and not present.serves(task):
        raise InputError(f"'{ref}' is declared for {', '.join(present.tasks or ())} only, not "
                         f"for '{task}'", where=present.source,
                         hint=f"add {task} to its 'tasks:' list to record it")
    if present is not None:
        return
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        text += "" if text.endswith("\n") else "\n"
    else:  # the file's absence declared every entry point: keep them declared
        text = "systems:\n" + "".join(declaration_text(d.ref) for d in declared_systems(root))
    write_text(path, text + declaration_text(ref, settings))
    try:
        found = find_declared(declared_systems(root), ref)
    except InputError as exc:
        write_text(path, text)
        raise InputError(f"cannot declare '{ref}': {exc.message}", where=FILE,
                         hint="write the systems: list in block style, one '- ' item a line"
                         ) from exc
    assert found is not None
