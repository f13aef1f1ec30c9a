"""Finding systems by name: the ``bench.systems`` entry points, ``module:Class`` paths, commands.

Built-in baselines come in through the same entry-point group as third-party systems (see
``pyproject.toml``), so nothing is imported until a system is used. A ``module:Class`` path is
imported with the project root on the Python path, as pytest does with its rootdir.
"""

from __future__ import annotations

import importlib
import sys
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from bench.core.names import check_name
from bench.core.paths import importable
from bench.core.yamlio import did_you_mean
from bench.errors import InputError
from bench.systems.command import PREFIX, WORKER_PREFIX, from_reference
from bench.systems.protocol import REGIMES, System

GROUP = "bench.systems"

_FOUND: dict[tuple[str, ...], tuple[EntryPoint, ...]] = {}
"""The group's entry points per ``sys.path`` seen: scanning every installed distribution costs
~15 ms, and a command asks for each system in turn."""


def registered() -> tuple[EntryPoint, ...]:
    """The ``bench.systems`` entry points of the packages on the current ``sys.path`` (looked up
    once per path; nothing is imported)."""
    path = tuple(sys.path)
    if path not in _FOUND:
        _FOUND[path] = tuple(entry_points(group=GROUP))
    return _FOUND[path]


def known_names() -> list[str]:
    """Names of every entry-point system, sorted (nothing is imported)."""
    return sorted({ep.name for ep in registered()})


def resolve(name: str, task: str | None = None, timeout: float | None = None,
            root: Path | None = None) -> type[System]:
    """The system class for a registry name, a ``module:Class`` path (importable from
    ``root``) or a command reference (``command:<name>:<CMD>``, run for ``task``)."""
    if name.startswith((PREFIX, WORKER_PREFIX)):
        return from_reference(name, task, timeout)
    if ":" in name:
        cls = _import_path(name, root)
    else:
        found = [ep for ep in registered() if ep.name == name]
        if not found:
            raise InputError(f"unknown system '{name}'", hint=did_you_mean(name, known_names()))
        try:
            cls = found[0].load()
        except Exception as exc:  # noqa: BLE001 - a broken plug-in is reported, never fatal
            raise InputError(f"system '{name}' cannot be loaded: {type(exc).__name__}: {exc}",
                             where=f"entry point {found[0].value}",
                             hint="install what it needs, or uninstall the package that "
                             "registers it") from exc
    _check_declaration(cls, name)
    return cls


def _import_path(path: str, root: Path | None) -> type[System]:
    module_name, _, attr = path.partition(":")
    importable(root)
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # noqa: BLE001 - any failure of user code is one line
        raise InputError(f"cannot import module '{module_name}': {type(exc).__name__}: {exc}",
                         hint="give --system as module:Class, the module in the project "
                         "folder or installed") from exc
    cls = getattr(module, attr, None)
    if not isinstance(cls, type):
        raise InputError(f"module '{module_name}' has no class '{attr}'",
                         hint="give --system as module:Class")
    return cls


def _check_declaration(cls: type, name: str) -> None:
    missing = [a for a in ("name", "version", "predict") if not getattr(cls, a, None)]
    if not (getattr(cls, "kinds", None) or getattr(cls, "tasks", None)):
        missing.append("kinds")
    if missing:
        raise InputError(f"system '{name}' does not declare {', '.join(missing)}",
                         hint="subclass bench.api.System and set them")
    check_name(getattr(cls, "name", None), f"system '{name}': name")
    regime = getattr(cls, "regime", "")
    if regime not in REGIMES:
        raise InputError(f"system '{name}' declares regime '{regime}'",
                         hint=did_you_mean(str(regime), REGIMES))
