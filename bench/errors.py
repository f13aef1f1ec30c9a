"""The one exception hierarchy: every user-facing failure is a BenchError with an exit code."""

from __future__ import annotations

import errno

INTERNAL = 3
"""Exit code of an unexpected exception (a bug): never 1, which CI reads as a regression."""


class BenchError(Exception):
    """A failure the user can fix; the CLI prints ``error: <message>`` and exits with ``code``."""

    code = 2

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        """One line: ``<where>: <what is wrong> (<how to fix>)``."""
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class InputError(BenchError):
    """Bad input: a malformed file, an unknown key or name, a gold span that does not match."""


class SystemFailure(BenchError):
    """A system crashed or returned something that is not a prediction."""


class BenchWarning(UserWarning):
    """Something bench reads and works around (a deprecated task key, say); the CLI prints it
    as one line ``warning: <message>`` and goes on."""


class WriteError(BenchError):
    """A file could not be written (read-only folder, disk full): nothing was changed."""


def one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line, control characters escaped, at most ``limit`` characters."""
    flat = " ".join(text.split())
    flat = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in flat)
    return flat[:limit] + ("…" if len(flat) > limit else "")


def os_problem(exc: OSError) -> str:
    """One line for an operating-system refusal: the file, the reason, what to do."""
    name = f"{exc.filename}: " if exc.filename else ""
    reason = exc.strerror or type(exc).__name__
    fix = {errno.ENOSPC: "free some disk space", errno.EROFS: "the folder is read-only",
           errno.EACCES: "check the permissions", errno.EPERM: "check the permissions",
           errno.EDQUOT: "free some disk space"}.get(exc.errno or 0, "check the path")
    return one_line(f"{name}{reason} ({fix})")
