"""Atomic, transactional file writes: no file is ever left half-written, and a command's
outputs change together or not at all.

``write_text`` writes through a temporary file in the same folder and a rename. Inside
``transaction()``, writes are only staged; when the block ends without an error every staged
file is first written to its temporary file, and only when all of them are written are they
renamed into place, so a failure while rendering or writing (a full disk, a read-only folder)
leaves every file as it was. Files get the mode the umask gives (not ``mkstemp``'s 0600).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from bench.errors import WriteError, os_problem

_staged: ContextVar[dict[Path, str] | None] = ContextVar("staged", default=None)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (staged, inside a transaction)."""
    staged = _staged.get()
    if staged is not None:
        staged[Path(os.path.abspath(path))] = text
        return
    write_files({path: text})


def pending(path: Path) -> str | None:
    """The text staged for ``path`` in the current transaction, if any."""
    staged = _staged.get()
    return None if staged is None else staged.get(Path(os.path.abspath(path)))


def pending_in(folder: Path, pattern: str = "*") -> list[Path]:
    """Staged files directly inside ``folder`` whose names match ``pattern``."""
    staged = _staged.get() or {}
    folder = Path(os.path.abspath(folder))
    return sorted(p for p in staged if p.parent == folder and p.match(pattern))


@contextlib.contextmanager
def transaction() -> Iterator[None]:
    """Stage every ``write_text`` of the block; write them all together when it succeeds."""
    if _staged.get() is not None:  # nested: the outer transaction writes
        yield
        return
    staged: dict[Path, str] = {}
    token = _staged.set(staged)
    try:
        yield
    finally:
        _staged.reset(token)
    write_files(staged)


def write_files(files: dict[Path, str] | dict[Path, bytes]) -> None:
    """Write every file (text as UTF-8, or bytes as they are) to a temporary sibling, then
    rename them all; on any failure remove what was made (temporary files, new folders) and
    raise a one-line ``WriteError``."""
    made: list[Path] = []
    temps: list[tuple[str, Path]] = []
    mode = 0o666 & ~_umask()
    try:
        for path, text in files.items():
            made += _make_parents(path.parent)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            temps.append((tmp, path))
            if isinstance(text, bytes):
                with os.fdopen(fd, "wb") as raw:
                    raw.write(text)
            else:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
            os.chmod(tmp, mode)
        for tmp, path in temps:
            os.replace(tmp, path)
    except OSError as exc:
        _undo(temps, made)
        raise WriteError(f"nothing was written: {os_problem(exc)}") from exc
    except BaseException:
        _undo(temps, made)
        raise


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents; returns those it created, deepest last."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir()
    return list(reversed(missing))


def _undo(temps: list[tuple[str, Path]], made: list[Path]) -> None:
    for tmp, _ in temps:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _umask() -> int:
    """The process umask, read without changing it where ``/proc`` allows."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
