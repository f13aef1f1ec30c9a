"""Running an external command safely: its own process group, a bounded stdout, no leftovers.

The command starts in a new session (so it and every child it spawns share one process group).
When it exits, or at the timeout, or when its stdout passes the cap, the whole group is killed
and reaped, so no background job outlives bench. A command that exits while a background child
still holds its stdout is finished, not timed out: bench waits for the command, not for the
end of its output.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

MAX_OUTPUT = 64 * 1024 * 1024
"""Default cap on a command's stdout per document, in bytes (``BENCH_MAX_OUTPUT`` overrides)."""
ENV_MAX_OUTPUT = "BENCH_MAX_OUTPUT"
STDERR_KEPT = 64 * 1024
"""Bytes of stderr kept (the tail is quoted in errors)."""


@dataclass(frozen=True)
class Finished:
    """What a command did with one input."""

    returncode: int | None
    """Exit status (negative: killed by that signal); None when it timed out or overflowed."""
    stdout: bytes
    """Everything it printed, up to the cap."""
    stderr: bytes
    """The tail of its stderr."""
    timed_out: bool = False
    """True when it ran past the timeout."""
    overflowed: bool = False
    """True when its stdout passed the cap."""


def max_output() -> int:
    """The stdout cap in bytes: ``BENCH_MAX_OUTPUT`` when set to a positive integer."""
    raw = os.environ.get(ENV_MAX_OUTPUT, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else MAX_OUTPUT


def run_command(argv: list[str], stdin: bytes, timeout: float, cap: int) -> Finished:
    """Run ``argv`` with ``stdin``; kill its whole process group when it ends or overruns."""
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    overflow = threading.Event()
    out: list[bytes] = []
    err: list[bytes] = []
    assert proc.stdin and proc.stdout and proc.stderr
    readers = [threading.Thread(target=_drain, args=(proc.stdout, out, cap, overflow, proc),
                                daemon=True),
               threading.Thread(target=_drain, args=(proc.stderr, err, STDERR_KEPT, None, proc),
                                daemon=True)]
    for reader in readers:
        reader.start()
    timed_out = False
    try:
        try:
            proc.stdin.write(stdin)
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass  # it exited without reading: its status says why
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
    finally:
        kill_group(proc)
        for reader in readers:
            reader.join(timeout=5)
    code = None if timed_out or overflow.is_set() else proc.returncode
    return Finished(code, b"".join(out)[:cap], b"".join(err)[-STDERR_KEPT:], timed_out,
                    overflow.is_set())


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL every process of ``proc``'s group, reap ``proc``, and wait (up to 2 s, where
    ``/proc`` shows it) until no member of the group still runs."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    deadline = time.monotonic() + 2.0
    while _running_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.005)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not refused
        proc.kill()
        proc.wait()


def _running_members(pgid: int) -> bool:
    """True while a process of group ``pgid`` is alive and not a zombie (Linux ``/proc``)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return False
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[2] == str(pgid) and fields[0] != "Z":
            return True
    return False


def _drain(stream: IO[bytes], into: list[bytes], cap: int, overflow: threading.Event | None,
           proc: subprocess.Popen[bytes]) -> None:
    """Read ``stream`` to its end, keeping at most ``cap`` bytes (stdout: stop the group past
    the cap; stderr: keep the tail)."""
    size = 0
    while chunk := stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536):
        size += len(chunk)
        into.append(chunk)
        if overflow is not None and size > cap:
            overflow.set()
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)  # the waiting thread reaps it
            break
        if overflow is None and size > 2 * cap:
            tail = b"".join(into)[-cap:]
            into[:] = [tail]
            size = len(tail)
    stream.close()


def launch_failure(exc: OSError, where: str) -> Exception:
    """The one-line failure for a command that could not be started (missing, not executable)."""
    from bench.errors import SystemFailure

    if isinstance(exc, FileNotFoundError):
        return SystemFailure(f"command not found: {exc.filename}", where=where,
                             hint="give an executable on PATH or a path to one")
    return SystemFailure(f"command cannot be run: {exc.strerror}", where=where,
                         hint="make it executable (chmod +x)")
