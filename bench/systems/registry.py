"""Finding systems by name: the ``bench.systems`` entry points, ``module:Class`` paths, commands.

Built-in baselines come in through the same entry-point group as third-party systems (see
``pyproject.toml``), so nothing is imported until a system is used.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from bench.core.names import check_name
from bench.core.yamlio import did_you_mean
from bench.errors import InputError
from bench.systems.command import PREFIX, WORKER_PREFIX, from_reference
from bench.systems.protocol import REGIMES, System

GROUP = "bench.systems"


def known_names() -> list[str]:
    """Names of every entry-point system, sorted."""
    return sorted({ep.name for ep in entry_points(group=GROUP)})


def resolve(name: str, task: str | None = None, timeout: float | None = None) -> type[System]:
    """The system class for a registry name, a ``module:Class`` path or a command reference
    (``command:<name>:<CMD>``, which runs for ``task`` with ``timeout``)."""
    if name.startswith((PREFIX, WORKER_PREFIX)):
        return from_reference(name, task, timeout)
    if ":" in name:
        cls = _import_path(name)
    else:
        found = [ep for ep in entry_points(group=GROUP) if ep.name == name]
        if not found:
            raise InputError(f"unknown system '{name}'", hint=did_you_mean(name, known_names()))
        try:
            cls = found[0].load()
        except ImportError as exc:
            raise InputError(f"system '{name}' cannot be imported: {exc}",
                             hint="install what it needs") from exc
    _check_declaration(cls, name)
    return cls


def systems_for(task: str) -> list[type[System]]:
    """Every known system that declares support for ``task``, by name."""
    classes = [resolve(name) for name in known_names()]
    return [cls for cls in classes if task in cls.tasks]


def _import_path(path: str) -> type[System]:
    module_name, _, attr = path.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise InputError(f"cannot import module '{module_name}': {exc}",
                         hint="give --system as module:Class on the Python path") from exc
    cls = getattr(module, attr, None)
    if not isinstance(cls, type):
        raise InputError(f"module '{module_name}' has no class '{attr}'",
                         hint="give --system as module:Class")
    return cls


def _check_declaration(cls: type, name: str) -> None:
    missing = [a for a in ("name", "version", "tasks", "predict") if not getattr(cls, a, None)]
    if missing:
        raise InputError(f"system '{name}' does not declare {', '.join(missing)}",
                         hint="subclass bench.systems.protocol.System and set them")
    check_name(getattr(cls, "name", None), f"system '{name}': name")
    regime = getattr(cls, "regime", "")
    if regime not in REGIMES:
        raise InputError(f"system '{name}' declares regime '{regime}'",
                         hint=did_you_mean(str(regime), REGIMES))
