"""Conflicts: claim pairs, two claims from different documents and a label for the pair (the
``conflicts`` kind, formerly ``pairs``).

Gold pairs name their claims by id (``gold/claims.jsonl``, the task's ``claims`` resource). A
prediction names each side by a claim id or by a span ``{"doc", "start", "end"}`` of its own,
so a system that extracts its own claims (the end-to-end view) can be scored too.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bench.core.records import Document
from bench.core.yamlio import did_you_mean, read_jsonl, shown
from bench.errors import InputError
from bench.kinds.base import Extent, Find, Located, RecordKind
from bench.kinds.common import TEXT, check_fields, filled, one_of

CLAIM_FIELDS = ("id", "doc", "start", "end", "text", "event", "attribute", "value", "holds_at",
                "source")
GOLD_FIELDS = ("a", "b", "label", "why")


@dataclass(frozen=True, order=True)
class ClaimSpan:
    """One side of a pair: a span of a document (and the gold claim id, when it is one)."""

    doc: str
    start: int
    end: int
    id: str = field(default="", compare=False)

    def overlaps(self, other: ClaimSpan) -> bool:
        """True when both are in one document and share a character."""
        return self.doc == other.doc and self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class ClaimPair:
    """Two claims and the relation between them."""

    a: ClaimSpan
    b: ClaimSpan
    label: str
    why: str = ""

    @property
    def key(self) -> tuple[ClaimSpan, ClaimSpan]:
        """The two sides in a fixed order, so (a, b) and (b, a) are one pair."""
        first, second = sorted((self.a, self.b))
        return first, second


@dataclass(frozen=True)
class Claim:
    """A gold claim (``gold/claims.jsonl``)."""

    id: str
    doc: str
    start: int
    end: int
    text: str
    event: str
    attribute: str
    value: str
    holds_at: str
    source: str


def load_claims(path: Path) -> dict[str, Claim]:
    """Read the claims file; every field is required and ids are unique."""
    claims: dict[str, Claim] = {}
    for n, raw in read_jsonl(path):
        where = f"{shown(path)}:{n}"
        check_fields(raw, where, CLAIM_FIELDS, CLAIM_FIELDS)
        if raw["id"] in claims:
            raise InputError(f"duplicate claim id '{raw['id']}'", where=where,
                             hint="claim ids must be unique")
        if not (isinstance(raw["start"], int) and isinstance(raw["end"], int)):
            raise InputError("start and end must be integers", where=where)
        claims[raw["id"]] = Claim(**{k: raw[k] for k in CLAIM_FIELDS})
    return claims


class ConflictKind(RecordKind[ClaimPair]):
    """Pairs of claims; needs the ``claims`` resource."""

    name = "conflicts"
    record = ClaimPair
    answer_key = "pairs"
    given_key = "pairs"

    def __init__(self, resources: Mapping[str, Path] | None = None):
        super().__init__(resources)
        if "claims" not in self.resources:
            raise InputError("task kind 'conflicts' needs 'resources: {claims: <file>}'",
                             hint="add the claims file to the task YAML")
        self.path = self.resources["claims"]
        self.claims = load_claims(self.path)
        self._checked = False

    def _check_claims(self, documents: Mapping[str, Document]) -> None:
        """Each claim's document exists and its text matches its offsets (checked once)."""
        if self._checked:
            return
        for claim in self.claims.values():
            where = f"{shown(self.path)}, claim '{claim.id}'"
            if claim.doc not in documents:
                raise InputError(f"unknown doc id '{claim.doc}'", where=where,
                                 hint=did_you_mean(claim.doc, documents))
            actual = documents[claim.doc].text[claim.start:claim.end]
            if actual != claim.text:
                raise InputError(f"text {claim.text!r} does not match document[{claim.start}:"
                                 f"{claim.end}] = {actual!r}", where=where,
                                 hint="fix the offsets or the text")
        self._checked = True

    def parse(self, raw: dict[str, Any], where: str, documents: Mapping[str, Document],
              labels: Sequence[str], *, gold: bool) -> ClaimPair:
        """Check both sides and the label; return a ``ClaimPair``."""
        self._check_claims(documents)
        check_fields(raw, where, GOLD_FIELDS, GOLD_FIELDS if gold else ("a", "b", "label"))
        label = raw["label"]
        if label not in labels:
            raise InputError(f"label '{label}' is not one of {', '.join(labels)}", where=where,
                             hint=did_you_mean(str(label), labels))
        a = self._side(raw["a"], "a", where, documents, gold)
        b = self._side(raw["b"], "b", where, documents, gold)
        if a.doc == b.doc:
            raise InputError(f"both claims are in '{a.doc}'", where=where,
                             hint="pairs join claims of different documents")
        if gold:
            ca, cb = self.claims[a.id], self.claims[b.id]
            if (ca.event, ca.attribute) != (cb.event, cb.attribute):
                raise InputError(f"claims '{a.id}' and '{b.id}' are about different things "
                                 f"({ca.event}/{ca.attribute} and {cb.event}/{cb.attribute})",
                                 where=where, hint="pair claims of one event and attribute")
        return ClaimPair(a, b, str(label), str(raw.get("why") or ""))

    def _side(self, raw: Any, name: str, where: str, documents: Mapping[str, Document],
              gold: bool) -> ClaimSpan:
        if isinstance(raw, str):
            if raw not in self.claims:
                raise InputError(f"unknown claim id '{raw}' in '{name}'", where=where,
                                 hint=did_you_mean(raw, self.claims))
            c = self.claims[raw]
            return ClaimSpan(c.doc, c.start, c.end, c.id)
        if gold or not isinstance(raw, dict) or not {"doc", "start", "end"} <= set(raw):
            expected = "a claim id" if gold else 'a claim id or {"doc", "start", "end"}'
            raise InputError(f"'{name}' must be {expected}", where=where)
        doc, start, end = raw["doc"], raw["start"], raw["end"]
        if doc not in documents:
            raise InputError(f"unknown doc id '{doc}' in '{name}'", where=where,
                             hint=did_you_mean(str(doc), documents))
        size = len(documents[doc].text)
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size):
            raise InputError(f"'{name}' offsets [{start}, {end}) out of range ({size} "
                             "characters)", where=where, hint="start < end <= length")
        return ClaimSpan(str(doc), start, end)

    def check_set(self, records: Located) -> None:
        """No pair is listed twice (in either order)."""
        seen: set[tuple[ClaimSpan, ClaimSpan]] = set()
        for where, pair in records:
            if pair.key in seen:
                raise InputError("pair listed twice", where=where, hint="one record per pair")
            seen.add(pair.key)

    def check_gold(self, records: Located, source: str) -> None:
        """Every cross-document pair of claims on one event and attribute is labelled."""
        labelled = {frozenset((p.a.id, p.b.id)) for _, p in records}
        claims = sorted(self.claims.values(), key=lambda c: (c.doc, c.start))
        for i, a in enumerate(claims):
            for b in claims[i + 1:]:
                same = (a.event, a.attribute) == (b.event, b.attribute)
                if same and a.doc != b.doc and frozenset((a.id, b.id)) not in labelled:
                    raise InputError(f"claims '{a.id}' and '{b.id}' ({a.event}/{a.attribute}) "
                                     "have no labelled pair", where=source,
                                     hint="label every cross-document pair of claims on one "
                                     "event and attribute, as gold/GUIDELINES.md section 4.2 asks")

    def dump(self, record: ClaimPair) -> dict[str, Any]:
        """Gold-format JSON object (ids where the sides are gold claims)."""
        def side(s: ClaimSpan) -> Any:
            return s.id or {"doc": s.doc, "start": s.start, "end": s.end}

        out: dict[str, Any] = {"a": side(record.a), "b": side(record.b), "label": record.label}
        if record.why:
            out["why"] = record.why
        return out

    def label(self, record: ClaimPair) -> str:
        """CONFLICT, CONSISTENT or NOT_COMPARABLE."""
        return record.label

    def relabel(self, record: ClaimPair, label: str) -> ClaimPair:
        """The pair with another label."""
        return replace(record, label=label)

    def describe(self, record: ClaimPair) -> str:
        """``a / b: LABEL``, each side a claim id or its span."""
        dumped = self.dump(record)
        return f"{dumped['a']} / {dumped['b']}: {record.label}"

    def extent(self, record: ClaimPair) -> Extent:
        """Side ``a``: a pair is shown, and belongs, where its first side starts."""
        return record.a.doc, record.a.start, record.a.end

    def extents(self, record: ClaimPair) -> tuple[Extent, ...]:
        """Both sides."""
        return tuple((s.doc, s.start, s.end) for s in (record.a, record.b))

    def locate(self, record: ClaimPair) -> tuple[str, int]:
        """A pair belongs where its first side (in document order) starts."""
        first = record.key[0]
        return first.doc, first.start

    def correct_key(self, record: ClaimPair) -> Hashable:
        """The two claims, in either order, and the label."""
        return record.key, record.label

    def near(self, gold: ClaimPair, pred: ClaimPair) -> int:
        """2 when each side of ``pred`` overlaps a side of ``gold`` with the same label, 1 with
        another label, else 0: where an end-to-end prediction is evaluated."""
        both = ((pred.a.overlaps(gold.a) and pred.b.overlaps(gold.b))
                or (pred.a.overlaps(gold.b) and pred.b.overlaps(gold.a)))
        return 0 if not both else 2 if pred.label == gold.label else 1

    def key(self, record: ClaimPair) -> Hashable:
        """Identity of a pair for per-record evaluation units."""
        return record.key

    def answer_fields(self, labels: Sequence[str]) -> dict[str, Any]:
        """``{"a": "000-c7", "b": "002-c9", "label": "CONFLICT"}``: two claim ids, a label."""
        return {"a": TEXT, "b": TEXT, "label": one_of(labels)}

    def answer_item(self, record: ClaimPair) -> dict[str, Any]:
        """The pair's claim ids and its label."""
        return {"a": record.a.id, "b": record.b.id, "label": record.label}

    def answer_records(self, item: dict[str, Any], doc: Document,
                       find: Find) -> list[dict[str, Any]] | None:
        """The item itself: pairs are named by claim ids, no string to place."""
        if not filled(item, "a", "b", "label"):
            return None
        return [{"a": item["a"], "b": item["b"], "label": item["label"]}]

    def given(self, doc: Document, documents: Mapping[str, Document]) -> list[dict[str, Any]]:
        """Cross-document pairs of claims on one event and attribute whose first side (the
        claim of the lower document id, as in the gold) is in ``doc``."""
        ordered = sorted(self.claims.values(), key=lambda c: (c.doc, c.start))
        return [{"a": _shown(a, documents), "b": _shown(b, documents)}
                for i, a in enumerate(ordered) if a.doc == doc.id for b in ordered[i + 1:]
                if b.doc != a.doc and (a.event, a.attribute) == (b.event, b.attribute)]

    def given_item(self, record: ClaimPair, documents: Mapping[str, Document]
                   ) -> dict[str, Any]:
        """The pair's two claims, as ``given`` shows them."""
        return {"a": _shown(self.claims[record.a.id], documents),
                "b": _shown(self.claims[record.b.id], documents)}


def _shown(claim: Claim, documents: Mapping[str, Document]) -> dict[str, Any]:
    """A claim as a prompt shows it: its fields and its document's DCT."""
    return {"id": claim.id, "doc": claim.doc, "text": claim.text, "event": claim.event,
            "attribute": claim.attribute, "value": claim.value, "holds_at": claim.holds_at,
            "source": claim.source, "dct": documents[claim.doc].dct}
