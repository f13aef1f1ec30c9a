"""Typed Hugging Face columns for the record kinds that carry more than a labelled span.

One column per document row, a sequence of structs:

- ``timex`` -> ``timexes``: ``start``, ``end``, ``type`` (``ClassLabel`` over the task's
  types), ``value``, ``mod`` ("" for none), ``anchor`` (the gold field as JSON text, so
  ``"dct"``, an ISO date, an offset and null all survive: ``'"dct"'``, ``'1164'``, ``'null'``),
  ``text``.
- ``quotes`` -> ``quotes``: ``id``, ``kind`` (``ClassLabel``), ``content_start``,
  ``content_end``, ``content_text``, ``cue_start``, ``cue_end`` (-1 when there is no cue),
  ``speaker`` ("" for an abstention), ``mention_start``, ``mention_end`` (-1 when none).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bench.kinds.quotes import Quote, TextSpan
from bench.kinds.timex import Timex

COLUMNS = {"timex": "timexes", "quotes": "quotes"}
"""Record kind -> name of its column."""
KEYS = {"timex": ("start", "end", "type", "value", "mod", "anchor", "text"),
        "quotes": ("id", "kind", "content_start", "content_end", "content_text", "cue_start",
                   "cue_end", "speaker", "mention_start", "mention_end")}
"""Record kind -> the fields of its struct, in order."""


def record_features(datasets: Any, kind: str, labels: Sequence[str]) -> dict[str, Any]:
    """The ``Features`` entry of a kind's column."""
    integer, string = datasets.Value("int32"), datasets.Value("string")
    label = datasets.ClassLabel(names=list(labels))
    labelled, integers = ("type", "kind"), ("start", "end")
    struct = {key: label if key in labelled else integer if key.endswith(integers) else string
              for key in KEYS[kind]}
    return {COLUMNS[kind]: datasets.Sequence(struct)}


def record_column(kind: str, records: Sequence[Any]) -> dict[str, list[Any]]:
    """One document's records as the dict of lists that ``datasets`` stores."""
    rows = [_timex(r) if kind == "timex" else _quote(r) for r in sorted(records, key=_start)]
    return {key: [row[key] for row in rows] for key in KEYS[kind]}


def _start(record: Any) -> tuple[int, int]:
    span = record.content if isinstance(record, Quote) else record
    return span.start, span.end


def _timex(t: Timex) -> dict[str, Any]:
    return {"start": t.start, "end": t.end, "type": t.type, "value": t.value,
            "mod": t.mod or "", "anchor": json.dumps(t.anchor), "text": t.text}


def _quote(q: Quote) -> dict[str, Any]:
    def ends(span: TextSpan | None) -> tuple[int, int]:
        return (-1, -1) if span is None else (span.start, span.end)

    cue, mention = ends(q.cue), ends(q.speaker_mention)
    return {"id": q.id, "kind": q.kind, "content_start": q.content.start,
            "content_end": q.content.end, "content_text": q.content.text,
            "cue_start": cue[0], "cue_end": cue[1], "speaker": q.speaker or "",
            "mention_start": mention[0], "mention_end": mention[1]}


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
