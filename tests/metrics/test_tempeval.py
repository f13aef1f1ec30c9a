"""TempEval-3 scores on hand-checked cases, and value F1 = relaxed F1 x value accuracy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.kinds.dates import Timex
from bench.metrics.tempeval import TempEval

from .strategies import unit_for

METRIC = TempEval(("DATE", "TIME", "DURATION", "SET"))


def t(start: int, end: int, value: str, kind: str = "DATE", mod: str | None = None) -> Timex:
    return Timex("d", start, end, kind, value, mod)


def scores(gold: list[Timex], pred: list[Timex]) -> dict[str, float]:
    stats = METRIC.statistics(gold, pred, unit_for(20))
    return {k: float(v) for k, v in METRIC.aggregate(stats).items()}


GOLD = [t(0, 5, "2022-02-12"), t(10, 15, "PT50M", "DURATION"), t(20, 30, "2021-12")]


def test_perfect() -> None:
    got = scores(GOLD, GOLD)
    assert got["value_f1"] == got["strict.f1"] == got["relaxed.f1"] == 1.0
    assert got["value_f1.day"] == got["value_f1.duration"] == got["value_f1.month"] == 1.0


def test_empty_prediction_scores_zero() -> None:
    got = scores(GOLD, [])
    assert got["value_f1"] == got["relaxed.f1"] == got["value_accuracy"] == 0.0


def test_relaxed_match_with_a_wrong_value() -> None:
    pred = [t(0, 3, "2022-02-11"), t(10, 15, "PT50M", "DURATION")]
    got = scores(GOLD, pred)
    assert got["strict.f1"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))
    assert got["relaxed.f1"] == pytest.approx(0.8)
    assert got["value_accuracy"] == pytest.approx(0.5)
    assert got["value_f1"] == pytest.approx(0.4)
    assert got["value_f1.day"] == 0.0 and got["value_f1.duration"] == 1.0


def test_type_and_mod_accuracy() -> None:
    pred = [t(0, 5, "2022-02-12", "TIME"), t(10, 15, "PT50M", "DURATION", "APPROX")]
    got = scores(GOLD, pred)
    assert got["type_accuracy"] == 0.5 and got["mod_accuracy"] == 0.5


@st.composite
def timexes(draw: st.DrawFn) -> list[Timex]:
    out, i = [], 0
    while i < 50:
        gap, size = draw(st.integers(0, 4)), draw(st.integers(1, 6))
        if i + gap + size > 50:
            break
        out.append(t(i + gap, i + gap + size, draw(st.sampled_from(["2022", "PT1H", "2021-12"]))))
        i += gap + size
    return out


@settings(max_examples=200, deadline=None)
@given(timexes(), timexes())
def test_value_f1_is_relaxed_f1_times_value_accuracy(gold: list[Timex],
                                                     pred: list[Timex]) -> None:
    got = scores(gold, pred)
    assert got["value_f1"] == pytest.approx(got["relaxed.f1"] * got["value_accuracy"])
    assert 0.0 <= got["value_f1"] <= got["relaxed.f1"] <= 1.0
    assert got["strict.f1"] <= got["relaxed.f1"] + 1e-12
    assert np.isfinite(list(got.values())).all()
