"""Systems that are executables: ``bench run --command "CMD ARGS"``.

For each document the harness starts the command, writes one JSON line to its stdin,
``{"doc", "text", "dct", "task"}``, closes stdin and reads the predictions as JSON lines on
stdout (each in the task's predictions format). A command that exits non-zero, runs past the
timeout (``--timeout``, else the task YAML's ``timeout``, else 60 seconds per document) or prints
a line that is not a JSON object fails the run with a one-line error that ends with the tail of
its stderr; nothing is recorded for it.

Its name is ``--name`` or ``command-<program>``; its run record keeps the reference
``command:<name>:<CMD ARGS>`` so that ``bench check`` can run it again.
"""

from __future__ import annotations

import hashlib
import json
import shlex
import subprocess
from pathlib import Path
from typing import Any, ClassVar

from bench.core.records import Document
from bench.errors import InputError, SystemFailure
from bench.systems.protocol import System

PREFIX = "command:"
DEFAULT_TIMEOUT = 60.0
TAIL = 200
"""Characters of stderr quoted in an error."""


class CommandSystem(System):
    """Base of the classes ``command_system`` builds."""

    command: ClassVar[str] = ""
    task: ClassVar[str] = ""
    timeout: ClassVar[float] = DEFAULT_TIMEOUT

    def predict(self, doc: Document) -> list[dict[str, Any]]:
        """Run the command on one document and parse its stdout."""
        line = json.dumps({"doc": doc.id, "text": doc.text, "dct": doc.dct, "task": self.task},
                          ensure_ascii=False)
        try:
            done = subprocess.run(shlex.split(self.command), input=line + "\n",
                                  capture_output=True, timeout=self.timeout, check=False,
                                  encoding="utf-8")
        except FileNotFoundError as exc:
            raise SystemFailure(f"command not found: {exc.filename}",
                                where=f"command '{self.command}'",
                                hint="give an executable on PATH or a path to one") from exc
        except subprocess.TimeoutExpired as exc:
            raise SystemFailure(f"timed out after {self.timeout:g} s on '{doc.id}'",
                                where=f"command '{self.command}'",
                                hint=f"raise --timeout{_tail(exc.stderr)}") from exc
        if done.returncode != 0:
            raise SystemFailure(f"exited with code {done.returncode} on '{doc.id}'",
                                where=f"command '{self.command}'",
                                hint=f"stderr: {_tail(done.stderr, lead='') or '(empty)'}")
        out = []
        for n, text in enumerate(done.stdout.splitlines(), start=1):
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError:
                obj = None
            if not isinstance(obj, dict):
                raise SystemFailure(f"stdout line {n} on '{doc.id}' is not a JSON object: "
                                    f"{text[:60]!r}", where=f"command '{self.command}'",
                                    hint="print one prediction per line as JSON"
                                    + _tail(done.stderr))
            out.append(obj)
        return out


def _tail(stderr: str | bytes | None, lead: str = "; stderr: ") -> str:
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    text = " ".join((stderr or "").split())
    return f"{lead}{text[-TAIL:]}" if text else ""


def command_system(command: str, task: str | None, timeout: float | None = None,
                   name: str | None = None) -> type[System]:
    """A system class that runs ``command``."""
    if not shlex.split(command):
        raise InputError("empty --command", hint='give e.g. --command "python my_ner.py"')
    if name is not None and (":" in name or not name.strip()):
        raise InputError(f"bad --name {name!r}", hint="a system name has no colon")
    digest = hashlib.sha256(command.encode()).hexdigest()[:8]
    attrs = {
        "name": name or default_name(command),
        "version": f"cmd-{digest}",
        "tasks": (task,) if task else (),
        "regime": "external",
        "resources": (f"the executable `{command}` (its own training is not known to bench)",),
        "command": command,
        "task": task or "",
        "timeout": timeout or DEFAULT_TIMEOUT,
    }
    return type("Command", (CommandSystem,), attrs)


def reference(cls: type[System]) -> str:
    """``command:<name>:<CMD ARGS>``, what ``resolve`` turns back into the class."""
    return f"{PREFIX}{cls.name}:{getattr(cls, 'command', '')}"


def from_reference(ref: str, task: str | None, timeout: float | None) -> type[System]:
    """The class a ``command:<name>:<CMD ARGS>`` reference names."""
    name, _, command = ref[len(PREFIX):].partition(":")
    return command_system(command, task, timeout, name or None)


def default_name(command: str) -> str:
    """``command-<stem>`` of the last argument that looks like a file, else of the program."""
    words = shlex.split(command)
    files = [w for w in words if "." in Path(w).name and not w.startswith("-")]
    return f"command-{Path(files[-1] if files else words[0]).stem}"
