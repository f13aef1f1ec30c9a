"""Dates: TIMEX3 temporal expressions, ``{"doc", "start", "end", "text", "type", "value", "mod",
"anchor"}`` (the ``dates`` kind, formerly ``timex``).

A Hugging Face row gets one column ``dates`` (formerly ``timexes``, still read): a sequence of
structs ``start``, ``end``, ``type`` (``ClassLabel`` over the task's types), ``value``, ``mod``
("" for none), ``anchor`` (the gold field as JSON text, so ``"dct"``, an ISO date, an offset
and null all survive: ``'"dct"'``, ``'1164'``, ``'null'``), ``text``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bench.core.records import Document
from bench.core.timex_values import MODS, value_error
from bench.core.yamlio import did_you_mean
from bench.errors import InputError
from bench.kinds.base import Extent, Find, Located, RecordKind
from bench.kinds.common import (
    MAYBE,
    TEXT,
    check_fields,
    check_no_overlap,
    check_span,
    filled,
    offset_hint,
    one_of,
)


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
HF_FIELDS = ("start", "end", "type", "value", "mod", "anchor", "text")


class DateKind(RecordKind[Timex]):
    """Temporal expressions with type, value, mod and anchor; the label set is the type set."""

    name = "dates"
    record = Timex
    column = "dates"
    columns = ("timexes",)
    answer_key = "dates"
    answer_keys = ("timexes",)

    def parse(self, raw: dict[str, Any], where: str, documents: Mapping[str, Document],
              labels: Sequence[str], *, gold: bool) -> Timex:
        """Check offsets, type, value syntax, mod and (for gold) anchor; return a ``Timex``."""
        required = FIELDS if gold else ("doc", "start", "end", "type", "value")
        check_fields(raw, where, FIELDS, required)
        doc_id, start, end, text = check_span(raw, where, documents)
        type_ = raw["type"]
        if type_ not in labels:
            raise InputError(f"type '{type_}' is not a TIMEX3 type", where=where,
                             hint=did_you_mean(str(type_), labels))
        problem = value_error(type_, raw["value"])
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
        return Timex(doc_id, start, end, type_, raw["value"], mod, anchor, text)

    def check_set(self, records: Located) -> None:
        """No two expressions of one document overlap."""
        check_no_overlap(records, "temporal expressions do not overlap: keep one span")

    def check_gold(self, records: Located, source: str) -> None:
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

    def label(self, record: Timex) -> str:
        """The TIMEX3 type."""
        return record.type

    def relabel(self, record: Timex, label: str) -> Timex:
        """The expression with another type."""
        return replace(record, type=label)

    def label_of(self, record: Timex) -> str:
        """Type and value, e.g. ``DATE 2022-02-12``."""
        return f"{record.type} {record.value}"

    def describe(self, record: Timex) -> str:
        """``doc@start «text» TYPE = value``."""
        return f"{record.doc}@{record.start} «{record.text}» {record.type} = {record.value}"

    def extent(self, record: Timex) -> Extent:
        """The expression; it belongs to the unit its first character is in."""
        return record.doc, record.start, record.end

    def text(self, record: Timex) -> str:
        """The expression's text."""
        return record.text

    def hf_features(self, datasets: Any, labels: Sequence[str]) -> dict[str, Any]:
        """The ``dates`` column: a sequence of typed structs."""
        integer, string = datasets.Value("int32"), datasets.Value("string")
        struct = {key: integer if key in ("start", "end") else string for key in HF_FIELDS}
        struct["type"] = datasets.ClassLabel(names=list(labels))
        return {self.column: datasets.Sequence(struct)}

    def hf_encode(self, document: Document, records: Sequence[Timex],
                  labels: Sequence[str]) -> dict[str, Any]:
        """One document's expressions, in text order, as a dict of lists."""
        mine = sorted((t for t in records if t.doc == document.id),
                      key=lambda t: (t.start, t.end))
        rows = [{"start": t.start, "end": t.end, "type": t.type, "value": t.value,
                 "mod": t.mod or "", "anchor": json.dumps(t.anchor), "text": t.text}
                for t in mine]
        return {self.column: {key: [row[key] for row in rows] for key in HF_FIELDS}}

    def hf_decode(self, row: dict[str, Any], features: Any) -> list[Timex]:
        """The expressions of an exported row (either column name)."""
        column = next(c for c in (self.column, *self.columns) if c in row)
        types: Any = features[column]["type"]
        names = getattr(types, "feature", types).names
        t = row[column]
        return [Timex(row["id"], t["start"][i], t["end"][i], names[t["type"][i]], t["value"][i],
                      t["mod"][i] or None, json.loads(t["anchor"][i]), t["text"][i])
                for i in range(len(t["start"]))]

    def answer_fields(self, labels: Sequence[str]) -> dict[str, Any]:
        """``{"text": "أمس", "type": "DATE", "value": "2021-12-30", "mod": null}``."""
        return {"text": TEXT, "type": one_of(labels), "value": TEXT, "mod": MAYBE}

    def answer_item(self, record: Timex) -> dict[str, Any]:
        """The expression's text, type, value and mod."""
        return {"text": record.text, "type": record.type, "value": record.value,
                "mod": record.mod}

    def answer_records(self, item: dict[str, Any], doc: Document,
                       find: Find) -> list[dict[str, Any]] | None:
        """A TIMEX3 record at each whole-word place of the item's text."""
        if not filled(item, "text", "type", "value"):
            return None
        mod = item.get("mod") or None
        return [{"doc": doc.id, "start": s, "end": e, "type": item["type"],
                 "value": item["value"], "mod": mod}
                for s, e in find(item["text"], offset_hint(item), True)]


def _anchor_ok(anchor: object, length: int) -> bool:
    if anchor is None or anchor == "dct":
        return True
    if isinstance(anchor, int) and not isinstance(anchor, bool):
        return 0 <= anchor < length
    return isinstance(anchor, str) and bool(ISO_DATE.match(anchor))
