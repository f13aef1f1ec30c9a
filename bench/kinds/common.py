"""Checks shared by every record kind that points into a document with offsets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bench.core.jsonfields import check_json_types
from bench.core.records import Document
from bench.core.yamlio import did_you_mean
from bench.errors import InputError


def check_fields(raw: dict[str, Any], where: str, allowed: Sequence[str],
                 required: Sequence[str]) -> None:
    """Reject unknown fields (with a "did you mean"), missing required ones and wrong JSON types."""
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise InputError(f"unknown field '{unknown[0]}'", where=where,
                         hint=did_you_mean(unknown[0], allowed))
    missing = [f for f in required if f not in raw]
    if missing:
        raise InputError(f"missing field '{missing[0]}'", where=where,
                         hint=f"each record needs {', '.join(required)}")
    check_json_types(raw, where)


def check_span(raw: dict[str, Any], where: str,
               documents: Mapping[str, Document]) -> tuple[str, int, int, str]:
    """(doc, start, end, text) after checking the document id, the offsets and ``text``."""
    doc_id = raw["doc"]
    if doc_id not in documents:
        raise InputError(f"unknown doc id '{doc_id}'", where=where,
                         hint=did_you_mean(str(doc_id), documents))
    text = documents[doc_id].text
    start, end = raw["start"], raw["end"]
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        raise InputError(f"offsets must be integers, got start={start!r} end={end!r}",
                         where=where)
    if not 0 <= start < end <= len(text):
        raise InputError(f"offsets [{start}, {end}) out of range for '{doc_id}' "
                         f"({len(text)} characters)", where=where,
                         hint="offsets are code points, start < end <= length")
    actual = text[start:end]
    if "text" in raw and raw["text"] != actual:
        raise InputError(f"text {raw['text']!r} does not match document[{start}:{end}] = "
                         f"{actual!r}", where=where, hint="fix the offsets or the text")
    return doc_id, start, end, actual


def check_no_overlap(records: list[tuple[str, Any]], hint: str) -> None:
    """No two records of one document overlap; items are (where, record)."""
    ordered = sorted(records, key=lambda item: (item[1].doc, item[1].start, item[1].end))
    for (_, left), (where, right) in zip(ordered, ordered[1:], strict=False):
        if left.overlaps(right):
            raise InputError(
                f"span [{right.start}, {right.end}) {right.text!r} overlaps "
                f"[{left.start}, {left.end}) {left.text!r} in '{right.doc}'", where=where,
                hint=hint)


# Reading a language model's answer items (the kinds' ``answer_*`` hooks) ---------------------

TEXT: dict[str, Any] = {"type": "string"}
"""JSON Schema of a required string."""
MAYBE: dict[str, Any] = {"type": ["string", "null"]}
"""JSON Schema of a string or null."""


def one_of(labels: Sequence[str]) -> dict[str, Any]:
    """JSON Schema of a string from ``labels``."""
    return {"type": "string", "enum": list(labels)}


def filled(item: dict[str, Any], *names: str) -> bool:
    """True when every field named is a string with something besides whitespace."""
    return all(isinstance(item.get(n), str) and item[n].strip() for n in names)


def offset_hint(item: dict[str, Any]) -> int | None:
    """The item's ``start``, when it gives one, as a hint where its string is."""
    start = item.get("start")
    return start if isinstance(start, int) and not isinstance(start, bool) else None
