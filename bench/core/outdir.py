"""Writing into an ``--out`` folder without deleting what bench did not write.

Bench keeps a marker file (``.bench-export``) listing the files it wrote. An ``--out`` folder
that does not exist, is empty, or holds that marker is bench's: its listed files are replaced
by the new ones. A non-empty folder without the marker (``gold/``, the project root) is refused
unless ``force``; even then only files bench writes are replaced, and nothing else is removed.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from bench.core.paths import inside
from bench.errors import InputError

MARKER = ".bench-export"


def written_by_bench(out: Path) -> list[Path] | None:
    """The files bench listed in ``out``'s marker (inside ``out``), or None without a marker."""
    try:
        listed = json.loads((out / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
        return None
    root = out.resolve()
    files = [(out / p) for p in listed]
    return [f for f in files if inside(f.resolve(), root) and f.resolve() != root]


def install(staging: Path, out: Path, force: bool, flag: str = "--out") -> list[Path]:
    """Move the files of ``staging`` into ``out`` (see the module docstring); returns them."""
    if out.exists() and not out.is_dir():
        raise InputError(f"{flag} {out} is a file, not a folder", hint="give a folder")
    old = written_by_bench(out) if out.is_dir() else None
    if out.is_dir() and old is None and any(out.iterdir()) and not force:
        raise InputError(f"{flag} {out} is a folder bench did not create and it is not empty",
                         hint="give a new or empty folder, or add --force to replace only the "
                         "files bench writes there")
    new = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
    for path in old or []:
        if path.is_file() or path.is_symlink():
            path.unlink()
    _prune(out, old or [])
    out.mkdir(parents=True, exist_ok=True)
    for rel in new:
        target = out / rel
        if target.is_dir() and not target.is_symlink():
            raise InputError(f"{flag} {out}: {rel} is a folder there", hint="use another folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, target)
    (out / MARKER).write_text(json.dumps([str(r) for r in new], indent=1) + "\n",
                              encoding="utf-8")
    shutil.rmtree(staging, ignore_errors=True)
    return [out / r for r in new]


def _prune(out: Path, removed: list[Path]) -> None:
    """Remove folders that removing bench's files left empty (never ``out`` itself)."""
    folders = sorted({p.parent for p in removed}, key=lambda p: len(p.parts), reverse=True)
    for folder in folders:
        while folder != out and inside(folder.resolve(), out.resolve()):
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
