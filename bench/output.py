"""Printing for the command line: plain-text tables and sorted JSON on stdout."""

from __future__ import annotations

import json
from collections.abc import Sequence

from tabulate import tabulate


def print_table(rows: Sequence[Sequence[object]], headers: list[str]) -> None:
    """A plain-text table on stdout."""
    print(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True))


def print_json(obj: object) -> None:
    """Sorted, readable JSON on stdout."""
    print(json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2))
