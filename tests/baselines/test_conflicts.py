"""The conflict baselines on constructed claims."""

from __future__ import annotations

import pytest

from baselines.conflicts import ClaimExtractor, Majority, TimeAware, ValueMismatch, compatible
from bench.core.records import Document
from bench.kinds.conflicts import Claim, ClaimPair, ClaimSpan


def claim(cid: str, doc: str, value: str, holds_at: str = "2022-02-12") -> Claim:
    return Claim(cid, doc, 0, 3, "abc", "call", "date", value, holds_at, "outlet")


@pytest.mark.parametrize(("x", "y", "same"), [
    ("PT50M", "~PT50M", True),
    ("2022-01", "2022-01-10", True),
    ("2022-02-12TEV", "2022-02-12T19:00", True),
    ("2022-02-12TMO", "2022-02-12T19:00", False),
    ("united-states", "russia", False),
    ("2021", "2022-01", False),
])
def test_compatible_values(x: str, y: str, same: bool) -> None:
    assert compatible(x, y) is same
    assert compatible(y, x) is same


def test_time_aware_and_value_mismatch_labels() -> None:
    now, later = claim("a", "d1", ">94000", "2021-12-04"), claim("b", "d2", ">100000")
    assert TimeAware().label(now, later) == "NOT_COMPARABLE"
    same_day = claim("c", "d2", ">100000", "2021-12-05")
    assert TimeAware().label(now, same_day) == "CONFLICT"
    assert TimeAware().label(claim("x", "d1", "PT50M"), claim("y", "d2", "~PT50M")) == \
        "CONSISTENT"
    assert ValueMismatch().label(claim("x", "d1", "PT50M"), claim("y", "d2", "~PT50M")) == \
        "CONFLICT"


def test_majority_learns_the_training_labels() -> None:
    side = ClaimSpan("d1", 0, 1, "a")
    gold = [ClaimPair(side, side, lab) for lab in ("CONFLICT", "CONFLICT", "CONSISTENT")]
    system = Majority()
    system.fit([], gold)
    assert system.label(claim("a", "d1", "1"), claim("b", "d2", "1")) == "CONFLICT"


def test_claim_extractor_pairs_documents_of_the_same_call() -> None:
    one = Document("d1", "جرت مكالمة فيديو بين الزعيمين.", "0" * 64, dct="2022-02-12")
    two = Document("d2", "وجرى اتصال هاتفي استمر 30 دقيقة.", "0" * 64, dct="2022-02-12")
    far = Document("d3", "جرى اتصال هاتفي.", "0" * 64, dct="2021-06-01")
    system = ClaimExtractor()
    system.begin([one, two, far], {})
    found = system.predict(one)
    assert [(one.text[p["a"]["start"]:p["a"]["end"]], two.text[p["b"]["start"]:p["b"]["end"]])
            for p in found] == [("مكالمة فيديو", "اتصال هاتفي")]
    assert system.predict(far) == []
