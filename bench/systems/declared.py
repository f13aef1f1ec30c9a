"""The systems a project benchmarks, declared in ``systems.yaml`` at its root.

Only declared systems write run records into the committed ``reports/`` and only they are re-run
by ``bench check``; anything else is an experiment, scored and kept under ``.bench/runs/``. The
file is a list, each item one way a system comes in::

    systems:
      - lexicon                          # an entry point of the bench.systems group
      - entry-point: crf-anercorp        # the same, spelled out
      - class: mymodule:MyTagger         # a Python class (the project root is importable)
      - command: ./putin.sh --fast       # an executable speaking JSON lines
        name: putin                      # optional (default command-<script stem>)
        version: "2"                     # optional: part of the cache key and the signature
        timeout: 30                      # optional: seconds per document
      - model: gpt-4o-mini               # a language model; other keys are its settings
        name: gpt4o-zero-shot
        base_url: http://127.0.0.1:8000/v1
      - entry-point: crf-lodo
        tasks: [ner]                     # optional, any way: benchmarked on these tasks only

A declaration without ``tasks`` covers every task whose record kind the system predicts; with
it, only the tasks named (elsewhere the system is an experiment, as if undeclared). A project
without ``systems.yaml`` declares every installed ``bench.systems`` entry point.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from bench.core.atomic import pending
from bench.core.yamlio import did_you_mean, line_of, load_yaml, where
from bench.errors import InputError
from bench.systems.command import PREFIX as COMMAND_PREFIX
from bench.systems.command import default_name

FILE = "systems.yaml"
GROUP = "bench.systems"
WAYS = ("entry-point", "class", "command", "model")
"""The ways in, one of which each declaration names."""
OPTIONS = {"entry-point": ("name", "tasks"), "class": ("name", "tasks"),
           "command": ("name", "version", "timeout", "tasks"), "model": None}
"""Further keys each way accepts (None: any; a model's keys but ``name`` and ``tasks`` are its
settings)."""


@dataclass(frozen=True)
class DeclaredSystem:
    """One system a project declares."""

    way: str
    """One of ``WAYS``."""
    target: str
    """The entry-point name, the ``module:Class`` path, the command line or the model name."""
    name: str | None = None
    """The system's name when the declaration fixes it (entry points, commands, named ones)."""
    version: str | None = None
    """A command's declared version."""
    timeout: float | None = None
    """A command's seconds per document."""
    options: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """A model's settings, as written."""
    source: str = FILE
    """Where it was declared (``systems.yaml:12``), for messages."""
    tasks: tuple[str, ...] | None = None
    """The only tasks it is benchmarked on (None: every task it can run)."""

    @property
    def ref(self) -> str:
        """The reference run records keep and the registry resolves."""
        if self.way == "command":
            return f"{COMMAND_PREFIX}{self.name}:{self.target}"
        if self.way == "model":
            return f"model:{self.name or self.target}"
        return self.target

    def serves(self, task: str | None) -> bool:
        """True when the declaration covers ``task`` (any task when ``task`` is None)."""
        return self.tasks is None or task is None or task in self.tasks

    def matches(self, ref: str, name: str | None = None) -> bool:
        """True when a run record with this ``ref`` (and system ``name``) is this system's."""
        return ref == self.ref or (name is not None and self.name == name
                                   and self.way in ("entry-point", "model"))


def declared_systems(root: Path) -> tuple[DeclaredSystem, ...]:
    """The systems ``root/systems.yaml`` declares, checked; every installed entry point when
    the project has no such file."""
    path = root / FILE
    if not path.is_file() and pending(path) is None:
        names = sorted({ep.name for ep in entry_points(group=GROUP)})
        return tuple(DeclaredSystem("entry-point", n, n, source="installed entry point")
                     for n in names)
    data = load_yaml(path)
    items = data.get("systems") if isinstance(data, dict) else None
    if not isinstance(items, list) or set(data) - {"systems"}:
        raise InputError("expected one key 'systems:' holding a list", where=where(path),
                         hint="see the README, 'Declare your systems'")
    declared = [_parse(item, path, data, i) for i, item in enumerate(items)]
    _no_duplicates(declared)
    return tuple(declared)


def find_declared(declared: Sequence[DeclaredSystem], ref: str,
                  name: str | None = None) -> DeclaredSystem | None:
    """The declaration a run record's ``ref`` (and system ``name``) belongs to, if any."""
    return next((d for d in declared if d.matches(ref, name)), None)


def is_declared(root: Path, ref: str, name: str | None = None, task: str | None = None
                ) -> bool:
    """True when ``root/systems.yaml`` declares the system a run record's ``ref`` (and system
    ``name``) names, for ``task`` when given."""
    found = find_declared(declared_systems(root), ref, name)
    return found is not None and found.serves(task)


def declaration_text(ref: str, settings: Mapping[str, Any] | None = None) -> str:
    """The ``systems.yaml`` item that declares what ``ref`` names (for ``--record``); a model
    (``model:<name>``) needs its ``settings``, which must hold ``model``."""
    if ref.startswith("model:") and settings is not None:
        rest = {k: v for k, v in settings.items() if k not in ("model", "name")}
        lines = [f"  - model: {_quoted(str(settings['model']))}",
                 f"    name: {_quoted(ref[len('model:'):])}"]
        lines += [f"    {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(rest.items())]
        return "\n".join(lines) + "\n"
    if ref.startswith(COMMAND_PREFIX):
        name, _, command = ref[len(COMMAND_PREFIX):].partition(":")
        return f"  - command: {_quoted(command)}\n    name: {_quoted(name)}\n"
    if ":" in ref:
        return f"  - class: {_quoted(ref)}\n"
    return f"  - {_quoted(ref)}\n"


def _parse(item: Any, path: Path, data: Any, index: int) -> DeclaredSystem:
    line = line_of(item) if isinstance(item, dict) else None
    source = f"{FILE}:{line}" if line else f"{FILE} item {index + 1}"
    if isinstance(item, str) and item.strip():
        return DeclaredSystem("entry-point", item, item, source=source)
    if not isinstance(item, dict):
        raise InputError(f"item {index + 1} of 'systems' is not a name or a mapping",
                         where=where(path, data, "systems"),
                         hint="write '- NAME' or '- class: module:Class'")
    ways = [w for w in WAYS if w in item]
    if len(ways) != 1:
        raise InputError(f"a system declares {len(ways)} ways in ({', '.join(ways) or 'none'})",
                         where=source, hint=f"give exactly one of {', '.join(WAYS)}")
    way = ways[0]
    allowed = OPTIONS[way]
    for key in item:
        if allowed is not None and key != way and key not in allowed:
            raise InputError(f"unknown key '{key}' for a {way} system", where=source,
                             hint=did_you_mean(str(key), allowed))
    target = item[way]
    if not isinstance(target, str) or not target.strip():
        raise InputError(f"'{way}' must be a non-empty string", where=source)
    if way == "class" and target.count(":") != 1:
        raise InputError(f"'class: {target}' is not module:Class", where=source,
                         hint="e.g. class: mymodule:MyTagger")
    name = _text(item.get("name"), "name", source)
    if way == "command":
        name = name or default_name(target)
    elif way == "entry-point":
        name = name or target
    version = _text(item.get("version"), "version", source) if way == "command" else None
    timeout = item.get("timeout") if way == "command" else None
    if timeout is not None and (not isinstance(timeout, int | float) or timeout <= 0):
        raise InputError(f"timeout {timeout!r} is not a positive number", where=source)
    options = {k: v for k, v in item.items() if k not in (way, "name", "tasks")} \
        if way == "model" else {}
    return DeclaredSystem(way, target, name, version, None if timeout is None else float(timeout),
                          options, source, _tasks(item.get("tasks", None), "tasks" in item,
                                                  source))


def _tasks(value: Any, given: bool, source: str) -> tuple[str, ...] | None:
    """The ``tasks`` of a declaration: a task name or a list of them."""
    if not given:
        return None
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(
            isinstance(n, str) and n.strip() for n in names):
        raise InputError(f"'tasks' must list task names, got {value!r}", where=source,
                         hint="e.g. tasks: [ner], or drop the key to cover every task")
    return tuple(names)


def _text(value: Any, key: str, source: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float) or not str(value):
        raise InputError(f"'{key}' must be a string", where=source, hint=f'e.g. {key}: "1"')
    if key == "name" and ":" in str(value):
        raise InputError(f"bad name {value!r}", where=source, hint="a system name has no colon")
    return str(value)


def _no_duplicates(declared: Sequence[DeclaredSystem]) -> None:
    seen: dict[str, DeclaredSystem] = {}
    for d in declared:
        for key in {d.ref, d.name} - {None}:
            assert key is not None
            if key in seen:
                raise InputError(f"'{key}' is declared twice (also at {seen[key].source})",
                                 where=d.source, hint="keep one declaration")
            seen[key] = d


def _quoted(text: str) -> str:
    """A YAML scalar for ``text``: plain when safe, else double-quoted JSON."""
    plain = text and all(c.isalnum() or c in "-_./:" for c in text) and text[0] not in "-:"
    return text if plain and ": " not in text else json.dumps(text, ensure_ascii=False)
