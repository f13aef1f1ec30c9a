"""What a prompt template sees for one document, few-shot examples from other documents only.

Every template may use: ``task`` (``name``, ``description``), ``labels``, ``doc`` (``id``,
``text``, ``dct``), ``schema`` (the answer's JSON Schema, as JSON), ``answer_key`` (the answer
object's one key), ``definitions`` and ``shots`` (from the prompt file) and ``examples``. For
span, timex and quote tasks an example is a paragraph of another document with the gold answer
for it (``text``, ``dct``, ``answer`` as JSON); quote tasks add ``speakers`` (the inventory's
ids, names and types: every named entity, and the anonymous sources of this document); pair
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
from bench.kinds.conflicts import Claim, load_claims
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
    if data.kind.name == "conflicts":
        claims = load_claims(spec.resources["claims"])
        context["pairs"] = [{"a": _claim(a, data), "b": _claim(b, data)}
                            for a, b in claim_pairs(claims, doc.id)]
        context["examples"] = pair_examples(data, claims, doc, shots)
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


def pair_examples(data: TaskData, claims: dict[str, Claim], doc: Document,
                  shots: int) -> list[dict[str, Any]]:
    """``shots`` gold pairs none of whose claims is in ``doc``."""
    outside = [p for p in data.gold if doc.id not in (p.a.doc, p.b.doc)]
    keyed = {(p.a.id, p.b.id): p for p in outside}
    return [{"a": _claim(claims[a], data), "b": _claim(claims[b], data),
             "label": keyed[(a, b)].label} for a, b in sorted(_draw(sorted(keyed), shots,
                                                                    data, doc))]


def claim_pairs(claims: dict[str, Claim], doc: str) -> list[tuple[Claim, Claim]]:
    """Cross-document pairs of claims on one event and attribute whose first side (the claim
    of the lower document id, as in the gold) is in ``doc``."""
    ordered = sorted(claims.values(), key=lambda c: (c.doc, c.start))
    return [(a, b) for i, a in enumerate(ordered) if a.doc == doc for b in ordered[i + 1:]
            if b.doc != a.doc and (a.event, a.attribute) == (b.event, b.attribute)]


def _draw(candidates: list[Any], shots: int, data: TaskData, doc: Document) -> list[Any]:
    rng = random.Random(f"{data.spec.statistics.seed}/{doc.id}")
    return rng.sample(candidates, min(shots, len(candidates)))


def _claim(claim: Claim, data: TaskData) -> dict[str, Any]:
    return {"id": claim.id, "doc": claim.doc, "text": claim.text, "event": claim.event,
            "attribute": claim.attribute, "value": claim.value, "holds_at": claim.holds_at,
            "source": claim.source, "dct": data.document(claim.doc).dct}

