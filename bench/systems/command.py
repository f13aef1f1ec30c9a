"""Systems that are executables: ``bench run --command "CMD ARGS"``.

For each document the harness starts the command (in its own process group, killed as a whole
when it ends: ``bench.systems.process``), writes one JSON line to its stdin,
``{"doc", "text", "dct", "task"}``, closes stdin and reads the predictions as JSON lines on
stdout (each in the task's predictions format). A command that exits non-zero, runs past the
timeout (``--timeout``, else the task YAML's ``timeout``, else 60 seconds per document) or prints
a line that is not a JSON object, or more than ``BENCH_MAX_OUTPUT`` bytes (64 MiB), fails the run
with a one-line error that ends with the tail of its stderr; nothing is recorded for it.

With ``--worker`` the command is started once and answers one JSON line per document instead
(``bench.systems.worker``), so a model loads once.

Its name is ``--name`` or ``command-<program>``; its run record keeps the reference
``command:<name>:<CMD ARGS>`` (``worker:<name>:<CMD ARGS>`` in worker mode) so that
``bench check`` can run it again.
"""

from __future__ import annotations

import hashlib
import json
import shlex
from pathlib import Path
from typing import Any, ClassVar

from bench.core.names import check_name, safe_name
from bench.core.records import Document
from bench.core.yamlio import parse_json_object, shown_value
from bench.errors import InputError, SystemFailure, one_line
from bench.systems.process import ENV_MAX_OUTPUT, launch_failure, max_output, run_command
from bench.systems.protocol import System
from bench.systems.worker import Worker

PREFIX = "command:"
WORKER_PREFIX = "worker:"
DEFAULT_TIMEOUT = 60.0
TAIL = 200
"""Characters of stderr quoted in an error."""


class CommandSystem(System):
    """Base of the classes ``command_system`` builds."""

    command: ClassVar[str] = ""
    task: ClassVar[str] = ""
    timeout: ClassVar[float] = DEFAULT_TIMEOUT
    worker: ClassVar[bool] = False
    """True when the command runs once and answers one JSON line per document."""

    def __init__(self) -> None:
        self._worker: Worker | None = None

    @classmethod
    def identity(cls) -> list[str]:
        """The command line and the sha256 of every file it names (the script, the file an
        interpreter runs), so editing the script invalidates its cached predictions."""
        return [cls.command, *named_files(cls.command)]

    def predict(self, doc: Document) -> list[dict[str, Any]]:
        """Run the command on one document (or ask the running worker) and parse its answer."""
        request = {"doc": doc.id, "text": doc.text, "dct": doc.dct, "task": self.task}
        where = f"command '{one_line(self.command, 80)}'"
        if self.worker:
            if self._worker is None:
                self._worker = Worker(shlex.split(self.command), where)
            return self._worker.ask(request, self.timeout)
        line = json.dumps(request, ensure_ascii=False)
        cap = max_output()
        try:
            done = run_command(shlex.split(self.command), (line + "\n").encode("utf-8"),
                               self.timeout, cap)
        except (FileNotFoundError, PermissionError) as exc:
            raise launch_failure(exc, where) from exc
        if done.timed_out:
            raise SystemFailure(f"timed out after {self.timeout:g} s on '{doc.id}'", where=where,
                                hint=f"raise --timeout{_tail(done.stderr)}")
        if done.overflowed:
            raise SystemFailure(f"printed more than {cap} bytes on '{doc.id}'", where=where,
                                hint=f"print only predictions, or raise {ENV_MAX_OUTPUT}"
                                + _tail(done.stderr))
        if done.returncode != 0:
            raise SystemFailure(f"exited with code {done.returncode} on '{doc.id}'", where=where,
                                hint=f"stderr: {_tail(done.stderr, lead='') or '(empty)'}")
        try:
            stdout = done.stdout.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SystemFailure(f"stdout on '{doc.id}' is not UTF-8 (byte {exc.start})",
                                where=where, hint="print JSON lines in UTF-8") from None
        out = []
        for n, text in enumerate(stdout.splitlines(), start=1):
            if not text.strip():
                continue
            try:
                obj = parse_json_object(text, where, hint="print one prediction per line as JSON")
            except InputError as exc:
                problem = "is nested too deeply" if "nested" in exc.message else \
                    "is not a JSON object"
                raise SystemFailure(f"stdout line {n} on '{doc.id}' {problem}: "
                                    f"{shown_value(text)}", where=where,
                                    hint="print one prediction per line as JSON"
                                    + _tail(done.stderr)) from None
            out.append(obj)
        return out


    def close(self) -> None:
        """Stop the worker process, if one runs."""
        if self._worker is not None:
            self._worker.close()
            self._worker = None


def named_files(command: str) -> list[str]:
    """``path=sha256`` of each existing file the command line names (options' values too)."""
    found = []
    for word in shlex.split(command):
        path = Path(word.partition("=")[2] if word.startswith("-") else word)
        if word and path.is_file():
            found.append(f"{word}={hashlib.sha256(path.read_bytes()).hexdigest()}")
    return found


def _tail(stderr: str | bytes | None, lead: str = "; stderr: ") -> str:
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    text = one_line(" ".join((stderr or "").split())[-TAIL:], TAIL)
    return f"{lead}{text}" if text else ""


def command_system(command: str, task: str | None, timeout: float | None = None,
                   name: str | None = None, worker: bool = False,
                   version: str | None = None) -> type[System]:
    """A system class that runs ``command``; ``version`` is the one ``systems.yaml`` declares
    (default ``cmd-<digest of the command line>``)."""
    if not shlex.split(command):
        raise InputError("empty --command", hint='give e.g. --command "python my_ner.py"')
    if name is not None:
        check_name(name, "--name")
    if timeout is not None and not timeout > 0:
        raise InputError(f"timeout {timeout!r} is not a positive number of seconds",
                         hint="give --timeout a positive number")
    digest = hashlib.sha256(command.encode()).hexdigest()[:8]
    attrs = {
        "name": name or default_name(command),
        "version": version or f"cmd-{digest}",
        "tasks": (task,) if task else (),
        "regime": "external",
        "resources": (f"the executable `{command}` (its own training is not known to bench)",),
        "command": command,
        "task": task or "",
        "timeout": DEFAULT_TIMEOUT if timeout is None else timeout,
        "worker": worker,
    }
    return type("Command", (CommandSystem,), attrs)


def reference(cls: type[System]) -> str:
    """``command:<name>:<CMD ARGS>`` (``worker:`` in worker mode), what ``resolve`` turns back
    into the class."""
    prefix = WORKER_PREFIX if getattr(cls, "worker", False) else PREFIX
    return f"{prefix}{cls.name}:{getattr(cls, 'command', '')}"


def from_reference(ref: str, task: str | None, timeout: float | None) -> type[System]:
    """The class a ``command:<name>:<CMD ARGS>`` or ``worker:...`` reference names."""
    worker = ref.startswith(WORKER_PREFIX)
    name, _, command = ref[len(WORKER_PREFIX if worker else PREFIX):].partition(":")
    return command_system(command, task, timeout, name or None, worker)


def default_name(command: str) -> str:
    """``command-<stem>`` of the last argument that looks like a file, else of the program."""
    words = shlex.split(command)
    files = [w for w in words if "." in Path(w).name and not w.startswith("-")]
    return safe_name(f"command-{Path(files[-1] if files else words[0]).stem}")
