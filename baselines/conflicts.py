"""Baselines for the conflicts task.

Pair classification (the claims of ``gold/claims.jsonl`` are the input; each system labels
every cross-document pair of claims with the same event and attribute, the pairs the task
defines):

- ``majority``: the most frequent label among the training documents' pairs (fitted by the
  harness, leave-one-document-out), for every pair: the floor.
- ``value-mismatch``: CONFLICT when the normalized values differ, else CONSISTENT.
- ``time-aware``: CONSISTENT when the values are compatible (equal once "~" is dropped, or one
  TIMEX3 value inside the other: ``2022-01`` and ``2022-01-10``, ``2022-02-12TEV`` and
  ``2022-02-12T19:00``), else NOT_COMPARABLE when the claims hold at times more than a week
  apart, else CONFLICT.

End to end (raw text only): ``claim-extractor`` finds medium words (هاتف، فيديو), durations
in minutes, troop numbers and "requested by" patterns with regular expressions, treats two
documents whose DCTs are at most two days apart as reporting the same call, and reports a
CONFLICT for every pair of its claims with one attribute and different values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.api import Claim, ClaimPair, Document, System, load_claims

TUNED = ("written by an engineer who had read the test articles and their claims",)


def claim_pairs(claims: dict[str, Claim], doc: str) -> list[tuple[Claim, Claim]]:
    """Cross-document pairs of claims on one event and attribute whose first side is in ``doc``
    (the first side is the claim of the lower document id, as in the gold)."""
    ordered = sorted(claims.values(), key=lambda c: (c.doc, c.start))
    return [(a, b) for i, a in enumerate(ordered) if a.doc == doc for b in ordered[i + 1:]
            if b.doc != a.doc and (a.event, a.attribute) == (b.event, b.attribute)]


class _PairSystem(System):
    """Shared plumbing: read the claims in ``begin``, label each pair in ``predict``."""

    kinds = ("pairs",)
    regime = "rules"
    resources = TUNED
    tuned_on_test = True

    def __init__(self) -> None:
        self.claims: dict[str, Claim] = {}

    def begin(self, documents: Sequence[Document], resources: dict[str, Path]) -> None:
        """Read the task's claims file."""
        self.claims = load_claims(resources["claims"])

    def predict(self, doc: Document) -> list[dict[str, Any]]:
        """A label for every pair whose first claim is in ``doc``."""
        return [{"a": a.id, "b": b.id, "label": self.label(a, b)}
                for a, b in claim_pairs(self.claims, doc.id)]

    def label(self, a: Claim, b: Claim) -> str:
        """The label of one pair."""
        raise NotImplementedError


class Majority(_PairSystem):
    """The most frequent label of the training pairs, for every pair."""

    name = "majority"
    version = "1"
    regime = "cross-validated"
    resources = ("the label counts of the other documents' gold pairs",)
    tuned_on_test = False

    def __init__(self) -> None:
        super().__init__()
        self.most = "CONSISTENT"

    def fit(self, documents: Sequence[Document], gold: Sequence[ClaimPair]) -> None:
        """Count the labels of the training pairs (ties: alphabetical)."""
        counts = Counter(p.label for p in gold)
        if counts:
            self.most = min(counts, key=lambda lab: (-counts[lab], lab))

    def label(self, a: Claim, b: Claim) -> str:
        """Always the majority label."""
        return self.most


class ValueMismatch(_PairSystem):
    """CONFLICT when the values differ as strings."""

    name = "value-mismatch"
    version = "1"

    def label(self, a: Claim, b: Claim) -> str:
        """CONFLICT or CONSISTENT."""
        return "CONSISTENT" if a.value == b.value else "CONFLICT"


PARTS_OF_DAY = {"MO": range(5, 12), "AF": range(12, 17), "EV": range(17, 24), "NI": range(0, 5)}


def compatible(x: str, y: str) -> bool:
    """Equal once "~" is dropped, or one TIMEX3 value inside the other."""
    x, y = x.lstrip("~"), y.lstrip("~")
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", short) and long.startswith(short):
        return True
    part = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI)", short)
    clock = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}):\d{2}", long)
    return bool(part and clock and part[1] == clock[1] and int(clock[2]) in PARTS_OF_DAY[part[2]])


class TimeAware(_PairSystem):
    """Compatible values agree; differing values held at different times are not comparable."""

    name = "time-aware"
    version = "1"
    window = 7
    """Days between the two ``holds_at`` dates above which the claims hold at different times."""

    def label(self, a: Claim, b: Claim) -> str:
        """CONSISTENT, NOT_COMPARABLE or CONFLICT."""
        if compatible(a.value, b.value):
            return "CONSISTENT"
        gap = abs(dt.date.fromisoformat(a.holds_at) - dt.date.fromisoformat(b.holds_at))
        return "NOT_COMPARABLE" if gap.days > self.window else "CONFLICT"


@dataclass(frozen=True)
class Found:
    """A claim the extractor found."""

    doc: str
    start: int
    end: int
    attribute: str
    value: str


PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("medium", "phone", r"(?:اتصال|مكالمة|محادثة)\s+هاتفي[ةه]?|عبر الهاتف"),
    ("medium", "video", r"(?:مكالمة|اتصال)\s+(?:عبر\s+)?(?:ال)?فيديو|عبر الفيديو"),
    ("duration", "PT{0}M", r"(?:الـ\s?)?(\d+)\s+دقيقة"),
    ("troops", ">{0}000", r"أكثر من (\d+)\s+ألف\s+جندي"),
    ("troops", ">{0}", r"أكثر من (\d{4,})\s+جندي"),
    ("initiator", "united-states",
     r"طلب(?:ت)?\s+(?:الجانب\s+)?(?:الأمريكي|الامريكي|واشنطن|الولايات المتحدة)"
     r"|طلب خطي من الجانب ال[أا]مريكي|جاءت من واشنطن|الولايات المتحدة هي التي طلبت"),
    ("initiator", "russia", r"روسيا اقترحت|طلبها بوتين|موسكو طلبت|طلب(?:ها)? الكرملين"),
)
"""(attribute, value template, pattern): a template's {0} is the pattern's first group."""


def extract(doc: Document) -> list[Found]:
    """Every claim the patterns find in ``doc``."""
    found = []
    for attribute, template, pattern in PATTERNS:
        for m in re.finditer(pattern, doc.text):
            value = template.format(*m.groups()) if m.groups() else template
            found.append(Found(doc.id, m.start(), m.end(), attribute, value))
    return found


class ClaimExtractor(System):
    """End to end: extract claims with patterns, pair documents of the same call by DCT."""

    name = "claim-extractor"
    version = "1"
    kinds = ("pairs",)
    regime = "rules"
    resources = ("regular expressions for media, durations, troop counts and requests, "
                 "written by an engineer who had read the test articles",)
    tuned_on_test = True
    same_event_days = 2
    """Documents whose DCTs are this close report the same call."""

    def __init__(self) -> None:
        self.found: dict[str, list[Found]] = {}
        self.dct: dict[str, dt.date] = {}

    def begin(self, documents: Sequence[Document], resources: dict[str, Path]) -> None:
        """Extract claims from every document (the raw text only)."""
        for doc in documents:
            self.found[doc.id] = extract(doc)
            if doc.dct:
                self.dct[doc.id] = dt.date.fromisoformat(doc.dct[:10])

    def predict(self, doc: Document) -> list[dict[str, Any]]:
        """CONFLICT pairs between this document and every later one of the same call."""
        out = []
        for other, claims in sorted(self.found.items()):
            if other <= doc.id or doc.id not in self.dct or other not in self.dct:
                continue
            if abs(self.dct[doc.id] - self.dct[other]).days > self.same_event_days:
                continue
            for a in self.found[doc.id]:
                for b in claims:
                    if a.attribute == b.attribute and a.value != b.value:
                        out.append({"a": _side(a), "b": _side(b), "label": "CONFLICT"})
        return out


def _side(c: Found) -> dict[str, Any]:
    return {"doc": c.doc, "start": c.start, "end": c.end}
