"""Names as identifiers: the one pattern task, system and metric names must match.

A name becomes a file name (``reports/runs/<task>/<system>.json``), a table cell and a part of
a signature, so it may hold only letters, digits, ``.``, ``_`` and ``-``, must start with a
letter or digit, and is at most 64 characters long.
"""

from __future__ import annotations

import re
from typing import Any

from bench.errors import InputError

PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
"""What a name looks like (also the JSON Schema ``pattern`` of every name field)."""
_NAME = re.compile(PATTERN)
HINT = "a name has letters, digits, '.', '_' and '-' only, starts with a letter or digit, " \
       "at most 64 characters"


def is_name(value: Any) -> bool:
    """True when ``value`` is a string that matches ``PATTERN``."""
    return isinstance(value, str) and _NAME.fullmatch(value) is not None and ".." not in value


def check_name(value: Any, what: str, where: str | None = None) -> str:
    """``value`` itself when it is a valid name, else a one-line ``InputError``."""
    if not is_name(value):
        raise InputError(f"{what} {shown_name(value)} is not a valid name", where=where,
                         hint=HINT)
    return str(value)


def shown_name(value: Any) -> str:
    """A possibly hostile value quoted safely for a one-line message (no raw control chars)."""
    text = value if isinstance(value, str) else repr(value)
    return ascii(text[:80] + ("…" if len(text) > 80 else ""))


def safe_name(text: str) -> str:
    """A valid name made from arbitrary text (runs of other characters become ``-``)."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._").replace("..", ".")
    return (cleaned or "x")[:64]
