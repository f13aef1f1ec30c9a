"""Systems that misbehave on purpose: end the process, interrupt, carry hostile names."""

from __future__ import annotations

import sys
from typing import Any

from bench.core.records import Document
from bench.systems.protocol import System


class Exits(System):
    """Calls ``sys.exit(0)`` in predict."""

    name = "exits"
    version = "1"
    tasks = ("ner",)

    def predict(self, doc: Document) -> list[Any]:
        sys.exit(0)


class Interrupts(System):
    """Raises ``KeyboardInterrupt`` itself (no Ctrl-C was pressed)."""

    name = "interrupts"
    version = "1"
    tasks = ("ner",)

    def predict(self, doc: Document) -> list[Any]:
        raise KeyboardInterrupt


def _named(name: str) -> type[System]:
    return type("Named", (System,), {"name": name, "version": "1", "tasks": ("ner",),
                                     "predict": lambda self, doc: []})


SlashName = _named("../../escape")
PipeName = _named("a|b")
NewlineName = _named("a\nb")
MathName = _named("$\\frac{$")
HiddenName = _named(".hidden")
LongName = _named("x" * 65)


class PressesCtrlC(System):
    """Sends SIGINT to its own process, as a user pressing Ctrl-C during predict would."""

    name = "presses-ctrl-c"
    version = "1"
    tasks = ("ner",)

    def predict(self, doc: Document) -> list[Any]:
        import os
        import signal

        os.kill(os.getpid(), signal.SIGINT)
        return []
