"""Vectorized tables equal the per-unit statistics, unit by unit, on random spans."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.core.records import Document, Paragraph
from bench.kinds.spans import Span
from bench.metrics.base import Batch, Metric, Unit, statistics_table
from bench.metrics.semeval import SemEvalViews
from bench.metrics.seqeval_tokens import SeqevalTokens
from bench.metrics.span import SpanMatch

from .strategies import LABELS

WORDS = ["بب", "وبوتين", "،", "x", "؛", "12", "ـ"]


@st.composite
def batches(draw: st.DrawFn, flat: bool) -> Batch:
    """A document of a few lines (units) with random gold and predicted spans on each."""
    lines = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
                          min_size=1, max_size=4))
    text = "\n".join(" ".join(words) for words in lines) + "\n"
    doc = Document("d", text, "")
    units, pos = [], 0
    for i, words in enumerate(lines):
        body = " ".join(words)
        units.append(Unit(doc, Paragraph("d", i, pos, pos + len(body))))
        pos += len(body) + 1
    sides = []
    for _ in range(2):
        records, where = [], []
        for u, unit in enumerate(units):
            p = unit.paragraph
            cuts = sorted(draw(st.lists(st.integers(p.start, p.end), max_size=8)))
            pairs = list(zip(cuts[::2], cuts[1::2], strict=False)) if flat else [
                tuple(sorted(draw(st.tuples(st.integers(p.start, p.end),
                                            st.integers(p.start, p.end)))))
                for _ in range(draw(st.integers(0, 4)))]
            for start, end in pairs:
                if start < end:
                    records.append(Span("d", start, end, draw(st.sampled_from(LABELS))))
                    where.append(u)
        order = draw(st.permutations(range(len(records))))
        sides.append(([records[i] for i in order], np.array([where[i] for i in order],
                                                             dtype=np.intp)))
    (gold, gold_unit), (pred, pred_unit) = sides
    return Batch(units, gold, gold_unit, pred, pred_unit)


METRICS = [SpanMatch(LABELS), SpanMatch(("PER", "ORG")), SpanMatch(LABELS, match="overlap"),
           SemEvalViews(LABELS), SeqevalTokens(LABELS)]
IDS = ["span-exact", "span-exact-two-labels", "span-overlap", "semeval", "seqeval-tokens"]


def per_unit(metric: Metric, batch: Batch) -> np.ndarray:
    rows = np.zeros((len(batch.units), len(metric.columns)))
    for i, gold, pred in batch.buckets():
        rows[i] = metric.statistics(gold, pred, batch.units[i])
    return rows


@pytest.mark.parametrize("metric", METRICS, ids=IDS)
@pytest.mark.parametrize("flat", [True, False], ids=["flat", "overlapping"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_table_equals_statistics_per_unit(metric: Metric, flat: bool,
                                          data: st.DataObject) -> None:
    batch = data.draw(batches(flat))
    np.testing.assert_array_equal(statistics_table(metric, batch), per_unit(metric, batch))
