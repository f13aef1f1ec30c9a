"""Long-lived executables: ``bench run --command CMD --worker``.

A worker command is started once, in its own process group, and answers the documents one at
a time: bench writes one JSON line ``{"doc", "text", "dct", "task"}`` per document on its stdin
and reads one JSON line back, the list of that document's predictions (each a JSON object in
the task's predictions format; ``[]`` for none). So a model loads once, not once per document.
A worker that exits early, answers with something that is not a JSON list of objects, or takes
longer than the timeout for one document stops the run with a one-line error ending in the tail
of its stderr. When the run ends (or fails) bench closes its stdin, gives it a second to exit,
and kills its whole process group.
"""

from __future__ import annotations

import contextlib
import json
import queue
import subprocess
import threading
import weakref
from typing import IO, Any, NoReturn

from bench.errors import SystemFailure
from bench.systems.process import STDERR_KEPT, kill_group, launch_failure, max_output

GRACE = 1.0
"""Seconds a worker has to exit by itself once its stdin is closed."""


class Worker:
    """One running worker process."""

    def __init__(self, argv: list[str], where: str):
        self.where = where
        self.cap = max_output()
        try:
            self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, start_new_session=True)
        except (FileNotFoundError, PermissionError) as exc:
            raise launch_failure(exc, where) from exc
        self.lines: queue.Queue[bytes | None] = queue.Queue()
        self.stderr: list[bytes] = []
        assert self.proc.stdout and self.proc.stderr
        threading.Thread(target=_read_lines, args=(self.proc.stdout, self.lines, self.cap),
                         daemon=True).start()
        self._stderr_reader = threading.Thread(target=_keep_tail,
                                               args=(self.proc.stderr, self.stderr), daemon=True)
        self._stderr_reader.start()
        self._stop = weakref.finalize(self, _stop, self.proc)

    def ask(self, request: dict[str, Any], timeout: float) -> list[dict[str, Any]]:
        """Send one document, wait for its line of predictions."""
        doc = request.get("doc")
        assert self.proc.stdin
        try:
            self.proc.stdin.write(json.dumps(request, ensure_ascii=False).encode() + b"\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            self._fail(f"exited before reading '{doc}'")
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            self._fail(f"timed out after {timeout:g} s on '{doc}'", "raise --timeout")
        if line is None:
            self._fail(f"exited without answering '{doc}'")
        return self._parse(line, doc)

    def close(self) -> None:
        """Close stdin, let it exit, kill what is left of its group."""
        self._stop()

    def _parse(self, line: bytes, doc: object) -> list[dict[str, Any]]:
        if len(line) > self.cap:
            self._fail(f"printed more than {self.cap} bytes on '{doc}'",
                       "print one line of predictions per document, or raise BENCH_MAX_OUTPUT")
        try:
            found = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            found = None
        if not isinstance(found, list) or not all(isinstance(p, dict) for p in found):
            shown = " ".join(line.decode("utf-8", "replace").split())[:60]
            self._fail(f"answer on '{doc}' is not a JSON list of objects: {shown!r}",
                       "a worker prints one JSON list of predictions per document")
        return list(found)

    def _fail(self, message: str, hint: str = "") -> NoReturn:
        self.close()
        self._stderr_reader.join(timeout=GRACE)  # the group is gone: its stderr is at its end
        tail = " ".join(b"".join(self.stderr).decode("utf-8", "replace").split())[-200:]
        hint = "; ".join(h for h in (hint, f"stderr: {tail}" if tail else "") if h)
        raise SystemFailure(message, where=self.where, hint=hint or None)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.stdin and not proc.stdin.closed:
        with contextlib.suppress(OSError):
            proc.stdin.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=GRACE)
    kill_group(proc)


def _read_lines(stream: IO[bytes], into: queue.Queue[bytes | None], cap: int) -> None:
    while line := stream.readline(cap + 1):
        if line.strip():  # blank lines between answers are not answers
            into.put(line)
    into.put(None)


def _keep_tail(stream: IO[bytes], into: list[bytes]) -> None:
    while chunk := stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536):
        into.append(chunk)
        if sum(len(c) for c in into) > 2 * STDERR_KEPT:
            into[:] = [b"".join(into)[-STDERR_KEPT:]]
