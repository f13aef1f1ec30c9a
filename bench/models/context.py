"""What a prompt template sees for one document, few-shot examples from other documents only.

Every template may use: ``task`` (``name``, ``description``), ``labels``, ``doc`` (``id``,
``text``, ``dct``), ``schema`` (the answer's JSON Schema, as JSON), ``answer_key`` (the answer
object's one key), ``definitions`` and ``shots`` (from the prompt file) and ``examples``. For
span, timex and quote tasks an example is a paragraph of another document with the gold answer
for it (``text``, ``dct``, ``answer`` as JSON); quote tasks add ``speakers`` (the inventory's
ids, names and types: every named entity, and the anonymous sources of this document). A
kind whose records judge given items (its ``given_key``) adds them under that name: conflict
tasks add ``pairs`` (the claim pairs to label, each side with ``id``, ``text``, ``event``,
``attribute``, ``value``, ``holds_at``, ``source``, ``dct``) and take as examples labelled pairs
none of whose claims is in this document.

Examples never come from the document being predicted (leave-one-document-out): the
candidates are the paragraphs (or pairs) of the other documents that hold at least one gold
record, and ``shots`` of them are drawn with a generator seeded by the task's statistics seed
and the document's id, so a run is repeatable and each document gets its own draw.
"""

from __future__ import annotations

import json
import random
from typing import Any

from bench.core.records import Document
from bench.core.speakers import inventory_path, load_inventory
from bench.models.answers import answer_key, schema
from bench.task.gold import TaskData


def template_context(data: TaskData, doc: Document, shots: int) -> dict[str, Any]:
    """The variables for rendering one document's prompt."""
    spec = data.spec
    context: dict[str, Any] = {
        "task": {"name": spec.name, "description": spec.description},
        "labels": list(spec.labels),
        "doc": {"id": doc.id, "text": doc.text, "dct": doc.dct},
        "schema": json.dumps(schema(data), ensure_ascii=False),
        "answer_key": answer_key(data),
    }
    if data.kind.given_key:
        by_id = {d.id: d for d in data.documents}
        context[data.kind.given_key] = data.kind.given(doc, by_id)
        context["examples"] = given_examples(data, doc, shots, by_id)
        return context
    speakers = inventory_path(spec.resources)
    if speakers is not None:
        inventory = load_inventory(speakers)
        context["speakers"] = [{"id": e.id, "name": e.name, "type": e.type}
                               for e in inventory.entities if e.doc in (None, doc.id)]
    context["examples"] = paragraph_examples(data, doc, shots)
    return context


def paragraph_examples(data: TaskData, doc: Document, shots: int) -> list[dict[str, Any]]:
    """``shots`` paragraphs of other documents with their gold answers."""
    by_unit: dict[tuple[str, int], list[Any]] = {}
    units = {d.id: d.paragraphs() for d in data.documents if d.id != doc.id}
    for record in data.gold:
        doc_id, offset = data.kind.locate(record)
        for p in units.get(doc_id, []):
            if p.start <= offset < max(p.end, p.start + 1):
                by_unit.setdefault((doc_id, p.index), []).append(record)
    chosen = _draw(sorted(by_unit), shots, data, doc)
    examples = []
    for doc_id, index in sorted(chosen):
        source = data.document(doc_id)
        p = units[doc_id][index]
        items = [data.kind.answer_item(r) for r in by_unit[(doc_id, index)]]
        examples.append({"doc": doc_id, "text": source.text[p.start:p.end], "dct": source.dct,
                         "answer": json.dumps({answer_key(data): items},
                                              ensure_ascii=False)})
    return examples


def given_examples(data: TaskData, doc: Document, shots: int,
                   by_id: dict[str, Document]) -> list[dict[str, Any]]:
    """``shots`` gold records none of whose text is in ``doc``: each the item it judges, as
    the kind's ``given_item`` shows it, with the record's label (drawn from the candidates in
    the order of their items as JSON: claim pairs by their claim ids)."""
    outside = {}
    for record in data.gold:
        if all(extent[0] != doc.id for extent in data.kind.extents(record)):
            item = data.kind.given_item(record, by_id)
            outside[json.dumps(item, ensure_ascii=False)] = (item, data.kind.label(record))
    return [{**outside[key][0], "label": outside[key][1]}
            for key in sorted(_draw(sorted(outside), shots, data, doc))]


def _draw(candidates: list[Any], shots: int, data: TaskData, doc: Document) -> list[Any]:
    rng = random.Random(f"{data.spec.statistics.seed}/{doc.id}")
    return rng.sample(candidates, min(shots, len(candidates)))
