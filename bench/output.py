"""Printing for the command line: plain-text tables and sorted JSON on stdout, and what a
long step is doing on a terminal."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence


def print_table(rows: Sequence[Sequence[object]], headers: list[str]) -> None:
    """A plain-text table on stdout."""
    from tabulate import tabulate  # 30 ms of imports that bench validate does not need

    print(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True))


def print_json(obj: object) -> None:
    """Sorted, readable JSON on stdout."""
    print(json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2))


@contextlib.contextmanager
def status(text: str) -> Iterator[None]:
    """Show ``text`` on stderr while the block runs, then clear it, on a terminal only (not
    under CI, not when piped); a step of more than a second leaves its time behind."""
    shown = sys.stderr.isatty() and os.environ.get("CI", "").lower() != "true"
    if shown:
        print(f"{text} ...", end="", file=sys.stderr, flush=True)
    began = time.perf_counter()
    try:
        yield
    finally:
        if shown:
            took = time.perf_counter() - began
            print("\r\033[K" + (f"{text}: {took:.1f} s\n" if took > 1 else ""), end="",
                  file=sys.stderr, flush=True)
