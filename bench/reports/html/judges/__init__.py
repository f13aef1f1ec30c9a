"""How each record kind appears in the HTML site: marks on the article and a verdict per record.

This package is the one place of the site that looks at a record's shape. Each kind module
turns gold and one system's predictions into marks (character spans to draw, with a status)
and findings (one verdict per gold record or unmatched prediction, with an error class), using
the same matching code as the kind's metric; everything else in the site renders these types.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.task.gold import TaskData

CORRECT = "correct"
ERROR_CLASSES = ("missed", "spurious", "wrong type", "boundary", "wrong value", "wrong speaker",
                 "wrong label")
"""Error classes, in the order the error browser lists them."""
STATUSES = (CORRECT, *ERROR_CLASSES)

JUDGES = {
    "spans": "bench.reports.html.judges.spans",
    "dates": "bench.reports.html.judges.dates",
    "quotes": "bench.reports.html.judges.quotes",
    "conflicts": "bench.reports.html.judges.conflicts",
}
"""Built-in record kind -> module with ``judge(data, pred)``, ``gold_marks(data)`` and
``describe_gold(data, record)``. Another kind is shown by the module its ``view`` names, else by
``generic`` (verdicts from the kind's hooks alone), so a new kind needs no edit here."""
GENERIC = "bench.reports.html.judges.generic"


@dataclass(frozen=True)
class Mark:
    """A character span to draw on an article."""

    doc: str
    """Document id."""
    start: int
    """Code-point offset of the first character."""
    end: int
    """Code-point offset one past the last character."""
    role: str
    """What the span is: mention, content, cue, speaker or claim."""
    label: str
    """Its label: entity or TIMEX3 type, quote kind, speaker id, claim attribute."""
    status: str = ""
    """One of ``STATUSES`` against the shown system, or "" on a page without one."""
    note: str = ""
    """Hover text: what gold and the system say."""
    attrs: tuple[tuple[str, str], ...] = ()
    """Further ``data-*`` attributes, e.g. (("value", "2022-02-12"),)."""

    @property
    def anchor(self) -> str:
        """Id of the mark within its layer: role and offsets."""
        return f"{self.role}-{self.start}-{self.end}"


@dataclass(frozen=True)
class Side:
    """Where a finding is in a document, and the mark to link to (``g-...`` or ``p-...``)."""

    doc: str
    start: int
    end: int
    anchor: str
    note: str = ""
    """What this side says, where a view shows the sides apart (a claim's attribute and value)."""


@dataclass(frozen=True)
class Finding:
    """The verdict on one gold record, or on one prediction that matches none."""

    status: str
    """``correct`` or an error class."""
    gold: str
    """What gold says, or "" for a spurious prediction."""
    pred: str
    """What the system says, or "" for a missed record."""
    sides: tuple[Side, ...]
    """The record's place (two for a claim pair)."""
    gold_label: str = ""
    """Gold's label alone, where a view shows it in its own column (claim pairs)."""
    pred_label: str = ""
    """The system's label alone, likewise."""


@dataclass(frozen=True)
class Judgement:
    """One system's predictions on a task, judged against gold."""

    gold: tuple[Mark, ...]
    pred: tuple[Mark, ...]
    findings: tuple[Finding, ...]


def _module(data: TaskData) -> Any:
    return importlib.import_module(JUDGES.get(data.kind.name) or data.kind.view or GENERIC)


def judge(data: TaskData, pred: Sequence[Any]) -> Judgement:
    """Marks and findings of ``pred`` against the task's gold."""
    result: Judgement = _module(data).judge(data, pred)
    return result


def gold_marks(data: TaskData) -> tuple[Mark, ...]:
    """Gold marks without a system to judge (status "")."""
    marks: tuple[Mark, ...] = _module(data).gold_marks(data)
    return marks


def describe_gold(data: TaskData, record: Any) -> Finding:
    """A gold record as a neutral finding (what it says and where), for lists of flips."""
    finding: Finding = _module(data).describe_gold(data, record)
    return finding


def rights(data: TaskData, pred: Sequence[Any]) -> list[bool]:
    """For each gold record, whether some prediction gets it right: the kind's ``correct``
    (the rule ``bench check`` uses for flips)."""
    return data.kind.rights(data.gold, pred)


FSI, PDI = "\u2068", "\u2069"


def quoted(text: str, limit: int = 80) -> str:
    """A record's text in guillemets, whitespace collapsed, shortened past ``limit``, inside a
    Unicode first-strong isolate so Arabic keeps its order next to left-to-right labels."""
    flat = " ".join(text.split())
    return f"«{FSI}{flat if len(flat) <= limit else flat[:limit - 1] + '…'}{PDI}»"
