"""TIMEX3 value syntax and granularity."""

from __future__ import annotations

import pytest

from bench.core.timex_values import granularity, value_error

VALID = [("DATE", "2022-02-12", "day"), ("DATE", "2021-12", "month"), ("DATE", "2014", "year"),
         ("DATE", "2021-W48", "week"), ("DATE", "2021-W48-WE", "week"),
         ("DATE", "PAST_REF", "ref"), ("TIME", "2022-02-12TEV", "time"),
         ("TIME", "2022-02-12T19:00", "time"), ("DURATION", "PT50M", "duration"),
         ("DURATION", "PT1H40M", "duration"), ("DURATION", "P2M", "duration"),
         ("DURATION", "PXW", "duration"), ("DURATION", "PTXH", "duration"),
         ("SET", "P1D", "duration")]
INVALID = [("DATE", "12/02/2022"), ("DATE", "2022-13-01"), ("DATE", "2022-02-12TEV"),
           ("TIME", "2022-02-12"), ("DURATION", "P"), ("DURATION", "50M"), ("DATE", ""),
           ("DURATION", "PT")]


@pytest.mark.parametrize(("kind", "value", "grain"), VALID, ids=[v for _, v, _ in VALID])
def test_valid_values(kind: str, value: str, grain: str) -> None:
    assert value_error(kind, value) is None
    assert granularity(value) == grain


INVALID_IDS = [f"{k}-{v or 'empty'}" for k, v in INVALID]


@pytest.mark.parametrize(("kind", "value"), INVALID, ids=INVALID_IDS)
def test_invalid_values(kind: str, value: str) -> None:
    assert value_error(kind, value) is not None
