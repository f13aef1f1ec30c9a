"""Numbered pieces of work done in forked processes with the results, and the first error, of
doing them one after another in one process.

The work is grouped: a group runs in one worker, in order (so a group can share what its first
piece loaded), and the groups go to the workers in the order given (longest first keeps a long
one from starting last). A piece that raises ends its group; the error is raised when its turn
comes in numbered order. A worker that dies breaks the pool: every piece without a result is
then done in a process of its own, in order, and the one whose process dies raises ``died(i)``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")

_WORK: Callable[[int], Any] | None = None
"""The work of the current ``in_order`` call, set before the workers fork."""


def in_order(work: Callable[[int], T], groups: Sequence[Sequence[int]], jobs: int,
             died: Callable[[int], Exception]) -> tuple[list[T], list[float]]:
    """``[work(0), work(1), ...]`` over the numbers in ``groups`` (together ``0 .. n-1``),
    done in ``jobs`` forked processes; and the seconds each group took (empty when the pool
    broke)."""
    global _WORK
    _WORK = work
    done: dict[int, T] = {}
    failed: dict[int, Exception] = {}
    seconds: list[float] = []
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(groups))),
                                 mp_context=context) as pool:
            futures = [pool.submit(_group, list(g)) for g in groups]
            try:
                for group, future in zip(groups, futures, strict=True):
                    with contextlib.suppress(BrokenProcessPool):
                        results, error, took = future.result()
                        done.update(zip(group, results, strict=False))  # up to an error
                        if error is not None:
                            failed[group[len(results)]] = error
                        seconds.append(took)
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
        ordered: list[T] = []
        for index in range(sum(len(g) for g in groups)):
            if index in failed:
                raise failed[index]
            ordered.append(done[index] if index in done else _alone(index, context, died))
        return ordered, seconds if len(seconds) == len(groups) else []
    finally:
        _WORK = None


def _group(indexes: list[int]) -> tuple[list[Any], Exception | None, float]:
    """In a worker: the results of a group in order, up to its first error (returned, not
    raised, so that the results before it arrive too), and the seconds it took."""
    work = _work()
    began = time.perf_counter()
    results: list[Any] = []
    try:
        for index in indexes:
            results.append(work(index))
    except Exception as exc:  # noqa: BLE001 (the parent raises it in its turn)
        return results, exc, time.perf_counter() - began
    return results, None, time.perf_counter() - began


def _one(index: int) -> Any:
    return _work()(index)


def _work() -> Callable[[int], Any]:
    if _WORK is None:
        raise RuntimeError("in_order's work was not set before the fork")
    return _WORK


def _alone(index: int, context: Any, died: Callable[[int], Exception]) -> Any:
    """One piece done in a process of its own."""
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(_one, index).result()
        except BrokenProcessPool as exc:
            raise died(index) from exc
