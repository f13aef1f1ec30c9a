"""Path confinement: files a task or manifest names must lie inside the project or a data root.

A path is resolved first (symlinks followed), then it must be inside the project folder or
inside one of the folders listed in the environment variable ``BENCH_DATA_ROOTS``
(separated by ``os.pathsep``), so a task cannot read ``/etc/passwd`` or ``../../x`` and
export it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bench.errors import InputError

ENV = "BENCH_DATA_ROOTS"


def data_roots(root: Path) -> list[Path]:
    """The project folder and every declared data folder, resolved."""
    extra = [Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip()]
    return [root.resolve(), *(p.expanduser().resolve() for p in extra)]


def inside(path: Path, folder: Path) -> bool:
    """True when ``path`` (resolved) is ``folder`` or below it."""
    return path == folder or folder in path.parents


def confine(root: Path, value: str, what: str, where: str | None = None) -> Path:
    """``root / value`` resolved, refused unless it stays inside a data root."""
    if "\x00" in value:
        raise InputError(f"{what} path contains a NUL character", where=where,
                         hint="give a plain relative path")
    try:
        resolved = (root / value).resolve()
    except (OSError, RuntimeError) as exc:
        raise InputError(f"{what} path '{value}' cannot be resolved: {exc}", where=where,
                         hint="give a plain relative path") from None
    if not any(inside(resolved, folder) for folder in data_roots(root)):
        raise InputError(f"{what} path '{value}' is outside the project", where=where,
                         hint=f"keep data inside the project folder or list its folder in {ENV}")
    return resolved


def importable(root: Path | None) -> None:
    """Put the project root first on the Python path (once), so ``module:Class`` names of
    systems, record kinds and metrics in the project folder import without PYTHONPATH (as
    pytest does with its rootdir)."""
    if root is not None and str(root) not in sys.path:
        sys.path.insert(0, str(root))
