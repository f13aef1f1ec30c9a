"""Labelled character spans (flat NER): ``{"doc", "start", "end", "text", "type"}``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bench.core.records import Document
from bench.core.tagging import encode
from bench.core.tokens import token_offsets
from bench.core.yamlio import did_you_mean
from bench.errors import InputError
from bench.kinds.base import Extent, Find, Located, RecordKind
from bench.kinds.common import (
    TEXT,
    check_fields,
    check_no_overlap,
    check_span,
    filled,
    offset_hint,
    one_of,
)


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


class SpanKind(RecordKind[Span]):
    """Flat labelled spans; gold must carry ``text``, predictions may omit it.

    Hugging Face rows get the token view and the span view: ``tokens``, ``token_offsets``,
    ``ner_tags`` (a ``ClassLabel`` sequence, IOB2 by ``bench.core.tagging``) and ``entities``
    (a sequence of ``{start, end, label (ClassLabel), text}``).
    """

    name = "spans"
    record = Span
    column = "entities"
    answer_key = "entities"

    def parse(self, raw: dict[str, Any], where: str, documents: Mapping[str, Document],
              labels: Sequence[str], *, gold: bool) -> Span:
        """Check fields, document id, offsets, label and text; return a ``Span``."""
        check_fields(raw, where, FIELDS, FIELDS if gold else ("doc", "start", "end", "type"))
        doc_id, start, end, text = check_span(raw, where, documents)
        label = raw["type"]
        if label not in labels:
            raise InputError(f"label '{label}' is not in the label set", where=where,
                             hint=did_you_mean(str(label), labels))
        return Span(doc=doc_id, start=start, end=end, label=label, text=text)

    def check_set(self, records: Located) -> None:
        """Flat NER: no two spans of one document overlap, and none is listed twice."""
        check_no_overlap(records, "flat NER allows no overlapping spans: keep the longest name")

    def dump(self, record: Span) -> dict[str, Any]:
        """Gold-format JSON object."""
        return {"doc": record.doc, "start": record.start, "end": record.end,
                "text": record.text, "type": record.label}

    def label(self, record: Span) -> str:
        """The entity type."""
        return record.label

    def relabel(self, record: Span, label: str) -> Span:
        """The span with another type."""
        return replace(record, label=label)

    def extent(self, record: Span) -> Extent:
        """The span itself; it belongs to the unit its first character is in."""
        return record.doc, record.start, record.end

    def locations(self, records: Sequence[Span]) -> tuple[list[str], NDArray[np.int64]]:
        """Document ids and starts of every span, without a call per span."""
        return ([r.doc for r in records],
                np.fromiter(map(attrgetter("start"), records), np.int64, len(records)))

    def text(self, record: Span) -> str:
        """The span's text."""
        return record.text

    def conll_tags(self, document: Document, records: Sequence[Span]
                   ) -> tuple[list[tuple[int, int]], list[str]]:
        """Token offsets and IOB2 tags of the document (``bench.core.tagging``)."""
        offsets = token_offsets(document.text)
        mine = [(s.start, s.end, s.label) for s in records if s.doc == document.id]
        return offsets, encode(mine, offsets)

    def hf_features(self, datasets: Any, labels: Sequence[str]) -> dict[str, Any]:
        """Token columns (``tokens``, ``token_offsets``, ``ner_tags``) and ``entities``."""
        tag_names = ["O", *(f"{p}-{lab}" for lab in labels for p in "BI")]
        return {
            "tokens": datasets.Sequence(datasets.Value("string")),
            "token_offsets": datasets.Sequence(datasets.Sequence(datasets.Value("int32"),
                                                                 length=2)),
            "ner_tags": datasets.Sequence(datasets.ClassLabel(names=tag_names)),
            "entities": datasets.Sequence({
                "start": datasets.Value("int32"), "end": datasets.Value("int32"),
                "label": datasets.ClassLabel(names=list(labels)),
                "text": datasets.Value("string")}),
        }

    def hf_encode(self, document: Document, records: Sequence[Span],
                  labels: Sequence[str]) -> dict[str, Any]:
        """One document's token view and spans."""
        offsets, tags = self.conll_tags(document, records)
        mine = sorted(s for s in records if s.doc == document.id)
        text = document.text
        return {"tokens": [text[a:b] for a, b in offsets],
                "token_offsets": [list(o) for o in offsets], "ner_tags": tags,
                "entities": {"start": [s.start for s in mine], "end": [s.end for s in mine],
                             "label": [s.label for s in mine],
                             "text": [text[s.start:s.end] for s in mine]}}

    def hf_decode(self, row: dict[str, Any], features: Any) -> list[Span]:
        """The spans of a row with ``id``, ``text`` and ``entities`` (label ids decoded)."""
        names = entity_label_names(features)
        text = row["text"]
        return [Span(row["id"], start, end, names[label], text[start:end])
                for start, end, label in entity_rows(row["entities"])]

    def answer_fields(self, labels: Sequence[str]) -> dict[str, Any]:
        """``{"text": "بوتين", "type": "PER"}``."""
        return {"text": TEXT, "type": one_of(labels)}

    def answer_item(self, record: Span) -> dict[str, Any]:
        """The span's text and label."""
        return {"text": record.text, "type": record.label}

    def answer_records(self, item: dict[str, Any], doc: Document,
                       find: Find) -> list[dict[str, Any]] | None:
        """A span at each whole-word place of the item's text."""
        if not filled(item, "text", "type"):
            return None
        return [{"doc": doc.id, "start": s, "end": e, "type": item["type"]}
                for s, e in find(item["text"], offset_hint(item), True)]


def entity_label_names(features: Any) -> list[str]:
    """Label names of the ``entities`` column (a sequence of structs, in either layout)."""
    ents = features["entities"]
    label: Any = ents["label"] if isinstance(ents, dict) else ents.feature["label"]
    inner: Any = getattr(label, "feature", label)
    return list(inner.names)


def entity_rows(ents: Any) -> list[tuple[int, int, int]]:
    """(start, end, label id) of one row's entities, as a dict of lists or a list of dicts."""
    if isinstance(ents, dict):
        return list(zip(ents["start"], ents["end"], ents["label"], strict=True))
    return [(e["start"], e["end"], e["label"]) for e in ents]
