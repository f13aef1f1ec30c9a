"""Labelled character spans (flat NER): ``{"doc", "start", "end", "text", "type"}``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.core.records import Document
from bench.core.yamlio import did_you_mean
from bench.errors import InputError
from bench.kinds.common import check_fields, check_no_overlap, check_span


@dataclass(frozen=True, order=True)
class Span:
    """A labelled character span: a named-entity mention, or any other span record."""

    doc: str
    """Id of the document."""
    start: int
    """Code-point offset of the first character (inclusive)."""
    end: int
    """Code-point offset one past the last character (exclusive)."""
    label: str
    """The entity type, e.g. ``PER``."""
    text: str = field(default="", compare=False)
    """``document[start:end]``; checked against the document for gold, filled in for predictions."""

    def overlaps(self, other: Span) -> bool:
        """True when both spans are in one document and share at least one character."""
        return self.doc == other.doc and self.start < other.end and other.start < self.end


FIELDS = ("doc", "start", "end", "text", "type")


class SpanKind:
    """Flat labelled spans; gold must carry ``text``, predictions may omit it."""

    def __init__(self, resources: dict[str, Path] | None = None):
        self.resources = resources or {}

    name = "spans"

    def parse(self, raw: dict[str, Any], where: str, documents: dict[str, Document],
              labels: tuple[str, ...], *, gold: bool) -> Span:
        """Check fields, document id, offsets, label and text; return a ``Span``."""
        check_fields(raw, where, FIELDS, FIELDS if gold else ("doc", "start", "end", "type"))
        doc_id, start, end, text = check_span(raw, where, documents)
        label = raw["type"]
        if label not in labels:
            raise InputError(f"label '{label}' is not in the label set", where=where,
                             hint=did_you_mean(str(label), labels))
        return Span(doc=doc_id, start=start, end=end, label=label, text=text)

    def check_set(self, records: list[tuple[str, Any]]) -> None:
        """Flat NER: no two spans of one document overlap, and none is listed twice."""
        check_no_overlap(records, "flat NER allows no overlapping spans: keep the longest name")

    def dump(self, record: Span) -> dict[str, Any]:
        """Gold-format JSON object."""
        return {"doc": record.doc, "start": record.start, "end": record.end,
                "text": record.text, "type": record.label}

    def locate(self, record: Span) -> tuple[str, int]:
        """A span belongs to the unit its first character is in."""
        return record.doc, record.start
