"""A record kind the harness does not ship, for the test that a task can name it by
``module:Class``: relations between two spans of one document, ``{"doc", "head", "tail",
"type"}`` where ``head`` and ``tail`` are ``[start, end]``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bench.api import System
from bench.core.records import Document
from bench.errors import InputError
from bench.kinds.base import Extent, Find, RecordKind
from bench.kinds.common import TEXT, filled, one_of


@dataclass(frozen=True, order=True)
class Relation:
    """A typed relation from a head span to a tail span; ``start``/``end`` cover both, so the
    ``span`` metric scores relations by exact extent and type."""

    doc: str
    start: int
    end: int
    label: str
    head: tuple[int, int]
    tail: tuple[int, int]


class RelationKind(RecordKind[Relation]):
    """Relations; the default hooks do the rest."""

    name = "relations"
    record = Relation

    def parse(self, raw: dict[str, Any], where: str, documents: Mapping[str, Document],
              labels: Sequence[str], *, gold: bool) -> Relation:
        if raw.get("doc") not in documents or raw.get("type") not in labels:
            raise InputError("bad relation", where=where)
        head, tail = tuple(raw["head"]), tuple(raw["tail"])
        return Relation(raw["doc"], min(head[0], tail[0]), max(head[1], tail[1]), raw["type"],
                        (head[0], head[1]), (tail[0], tail[1]))

    def dump(self, record: Relation) -> dict[str, Any]:
        return {"doc": record.doc, "head": list(record.head), "tail": list(record.tail),
                "type": record.label}

    def label(self, record: Relation) -> str:
        return record.label

    def relabel(self, record: Relation, label: str) -> Relation:
        return replace(record, label=label)

    def extent(self, record: Relation) -> Extent:
        return record.doc, record.start, record.end


class AnsweredRelationKind(RelationKind):
    """Relations that a language model can be asked for: its answer names the head and the
    tail by their strings."""

    answer_key = "relations"

    def answer_fields(self, labels: Sequence[str]) -> dict[str, Any]:
        return {"head": TEXT, "tail": TEXT, "type": one_of(labels)}

    def answer_item(self, record: Relation) -> dict[str, Any]:
        return {"head": list(record.head), "tail": list(record.tail), "type": record.label}

    def answer_records(self, item: dict[str, Any], doc: Document,
                       find: Find) -> list[dict[str, Any]] | None:
        if not filled(item, "head", "tail", "type"):
            return None
        heads, tails = find(item["head"], None, True), find(item["tail"], None, True)
        return [{"doc": doc.id, "head": [hs, he], "tail": [ts, te], "type": item["type"]}
                for hs, he in heads for ts, te in tails]


class FixedRelations(System):
    """A relation system for the fixture's document ``a``: one relation right once the task's
    label map renames PHONED, one with a tail that stops short."""

    name = "fixed-relations"
    version = "1"
    kinds = ("relations",)
    regime = "rules"
    resources = ("two relations written by hand",)
    tuned_on_test = True

    def predict(self, doc: Document) -> list[dict[str, Any]]:
        if doc.id != "a":
            return []
        return [{"doc": "a", "head": [18, 32], "tail": [36, 41], "type": "PHONED"},
                {"doc": "a", "head": [11, 17], "tail": [20, 30], "type": "MET"}]
