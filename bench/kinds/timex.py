"""TIMEX3 records: ``{"doc", "start", "end", "text", "type", "value", "mod", "anchor"}``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.core.records import Document
from bench.core.timex_values import MODS, value_error
from bench.core.yamlio import did_you_mean
from bench.errors import InputError
from bench.kinds.common import check_fields, check_no_overlap, check_span


@dataclass(frozen=True, order=True)
class Timex:
    """A TIMEX3 temporal expression with its normalized value."""

    doc: str
    """Id of the document."""
    start: int
    """Code-point offset of the first character (inclusive)."""
    end: int
    """Code-point offset one past the last character (exclusive)."""
    type: str
    """DATE, TIME, DURATION or SET."""
    value: str
    """ISO 8601 / TimeML value, e.g. ``2022-02-12``, ``2022-02-12TEV``, ``PT50M``, ``PAST_REF``."""
    mod: str | None = None
    """TIMEX3 modifier (APPROX, MORE_THAN, END ...) or None."""
    anchor: str | int | None = field(default=None, compare=False)
    """Reference time used: ``"dct"``, the start offset of an anchoring expression, an ISO date
    for an inferred reference time (reported speech), or None when none was needed."""
    text: str = field(default="", compare=False)
    """``document[start:end]``."""

    @property
    def label(self) -> str:
        """The type, under the name span metrics use."""
        return self.type

    def overlaps(self, other: Timex) -> bool:
        """True when both are in one document and share at least one character."""
        return self.doc == other.doc and self.start < other.end and other.start < self.end


FIELDS = ("doc", "start", "end", "text", "type", "value", "mod", "anchor")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class TimexKind:
    """Temporal expressions with type, value, mod and anchor; the label set is the type set."""

    def __init__(self, resources: dict[str, Path] | None = None):
        self.resources = resources or {}

    name = "timex"

    def parse(self, raw: dict[str, Any], where: str, documents: dict[str, Document],
              labels: tuple[str, ...], *, gold: bool) -> Timex:
        """Check offsets, type, value syntax, mod and (for gold) anchor; return a ``Timex``."""
        required = FIELDS if gold else ("doc", "start", "end", "type", "value")
        check_fields(raw, where, FIELDS, required)
        doc_id, start, end, text = check_span(raw, where, documents)
        kind = raw["type"]
        if kind not in labels:
            raise InputError(f"type '{kind}' is not a TIMEX3 type", where=where,
                             hint=did_you_mean(str(kind), labels))
        problem = value_error(kind, raw["value"])
        if problem:
            raise InputError(problem, where=where, hint="see gold/GUIDELINES.md section 2.3")
        mod = raw.get("mod")
        if mod is not None and mod not in MODS:
            raise InputError(f"mod '{mod}' is not a TIMEX3 mod", where=where,
                             hint=did_you_mean(str(mod), MODS))
        anchor = raw.get("anchor")
        if gold and not _anchor_ok(anchor, len(documents[doc_id].text)):
            raise InputError(f"anchor {anchor!r} is not null, \"dct\", an offset or an ISO date",
                             where=where, hint="see gold/GUIDELINES.md section 2.4")
        return Timex(doc_id, start, end, kind, raw["value"], mod, anchor, text)

    def check_set(self, records: list[tuple[str, Any]]) -> None:
        """No two expressions of one document overlap."""
        check_no_overlap(records, "temporal expressions do not overlap: keep one span")

    def check_gold(self, records: list[tuple[str, Any]], source: str) -> None:
        """An integer anchor is the start of another expression of the same document."""
        starts = {(t.doc, t.start) for _, t in records}
        for where, t in records:
            anchor = t.anchor
            if isinstance(anchor, int) and not isinstance(anchor, bool) and (
                    (t.doc, anchor) not in starts or anchor == t.start):
                raise InputError(f"anchor {anchor} is not the start of another expression "
                                 f"in '{t.doc}'", where=where,
                                 hint="give the start offset of the expression it is "
                                 "relative to, \"dct\" or an ISO date, as "
                                 "gold/GUIDELINES.md section 2.4 says")

    def dump(self, record: Timex) -> dict[str, Any]:
        """Gold-format JSON object."""
        return {"doc": record.doc, "start": record.start, "end": record.end,
                "text": record.text, "type": record.type, "value": record.value,
                "mod": record.mod, "anchor": record.anchor}

    def locate(self, record: Timex) -> tuple[str, int]:
        """An expression belongs to the unit its first character is in."""
        return record.doc, record.start


def _anchor_ok(anchor: object, length: int) -> bool:
    if anchor is None or anchor == "dct":
        return True
    if isinstance(anchor, int) and not isinstance(anchor, bool):
        return 0 <= anchor < length
    return isinstance(anchor, str) and bool(ISO_DATE.match(anchor))
