"""The one exception hierarchy: every user-facing failure is a BenchError with an exit code."""

from __future__ import annotations


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


class UsageError(BenchError):
    """A command-line call that cannot be carried out as given."""


class SystemFailure(BenchError):
    """A system crashed or returned something that is not a prediction."""


class RegressionFailure(BenchError):
    """``bench check`` found a score that really dropped."""

    code = 1
