"""Vectorized tables equal the per-unit statistics, unit by unit, on random spans."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.core.tokens import token_offsets
from bench.metrics.base import Batch, Metric, statistics_table
from bench.metrics.semeval import SemEvalViews
from bench.metrics.span import SpanMatch
from bench.metrics.token_arrays import token_arrays

from .strategies import LABELS, batches

METRICS = [SpanMatch(LABELS), SpanMatch(("PER", "ORG")), SpanMatch(LABELS, match="overlap"),
           SemEvalViews(LABELS)]
IDS = ["span-exact", "span-exact-two-labels", "span-overlap", "semeval"]


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


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab بوتين،؛_12ـ\n\t\r\u2028\u064b\u0670\u06d6.«»\x85\x1c", max_size=40))
def test_token_arrays_are_the_documented_tokens(text: str) -> None:
    starts, ends = token_arrays(text)
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == token_offsets(text)
