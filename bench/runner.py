"""Running a system on a task: plain prediction, or leave-one-document-out for trainable ones."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import multiprocessing.util
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any

from bench.cache import Cache
from bench.core import interrupts
from bench.core.records import Document
from bench.errors import BenchError, SystemFailure
from bench.systems.protocol import System
from bench.task.gold import TaskData
from bench.task.predictions import prepare_located


def run_system(cls: type[System], data: TaskData, cache: Cache | None = None,
               progress: bool = False, jobs: int = 1) -> list[Any]:
    """Predictions of ``cls`` on every document of the task, checked like a predictions file.

    ``predict`` returns records of the task's kind or JSON objects in its predictions format
    (a quote system may give ``speaker_text`` for the harness to resolve).

    A trainable system (one with ``fit``) is built afresh for each document, fitted on the gold
    of every other document and asked only about the held-out one. A system with ``begin``
    gets every document and the task's resource files (e.g. the claims) before predicting.
    With a ``cache``, documents whose predictions are stored are not run again. With ``jobs``
    above 1 the documents are shared among that many worker processes (forked, so the system
    class needs no pickling), each building its own system; the predictions are the same as
    with one job for any system whose prediction of a document does not depend on the
    documents it saw before.
    """
    keys = {doc.id: _cache_key(cls, data, doc) for doc in data.documents} if cache else {}
    raw: dict[str, list[Any]] = {}
    for doc in data.documents:
        stored = cache.get(keys[doc.id]) if cache else None
        if stored is not None:
            raw[doc.id] = stored
    todo = [doc for doc in data.documents if doc.id not in raw]
    raw.update(_predict_all(cls, data, todo, jobs, progress))
    predictions = _check(cls, data, raw)
    if cache:
        for doc in todo:
            cache.put(keys[doc.id], raw[doc.id])
    return predictions


class _Predictor:
    """Builds (and for trainable systems fits) the system and predicts one document at a time."""

    def __init__(self, cls: type[System], data: TaskData):
        self.cls, self.data = cls, data
        self.system: System | None = None

    def __call__(self, doc: Document) -> list[dict[str, Any]]:
        cls, data = self.cls, self.data
        if cls.trainable() or self.system is None:
            self.close()
            self.system = system = _build(cls)
            if cls.trainable():
                train_docs = [d for d in data.documents if d.id != doc.id]
                train_gold = [g for g in data.gold if data.kind.locate(g)[0] != doc.id]
                fit = getattr(system, "fit")  # noqa: B009 - trainable() checked it exists
                _call(cls, "fit", partial(fit, train_docs, train_gold))
            _begin(cls, system, data)
        found = _call(cls, f"predict on '{doc.id}'", partial(self.system.predict, doc))
        if not isinstance(found, list):
            raise SystemFailure(f"system '{cls.name}' returned {type(found).__name__} for "
                                f"'{doc.id}'", hint="predict must return a list of records")
        return [_as_json(cls, data, doc, i, r) for i, r in enumerate(found)]

    def close(self) -> None:
        """Let the system release what it holds (a worker process): its optional ``close()``."""
        close = getattr(self.system, "close", None)
        if callable(close):
            _call(self.cls, "close", close)


def _predict_all(cls: type[System], data: TaskData, todo: list[Document], jobs: int,
                 progress: bool) -> dict[str, list[Any]]:
    bar = _progress(todo, cls.name) if progress else todo
    if jobs > 1 and len(todo) > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _predict_in_processes(cls, data, todo, jobs, bar)
    predictor = _Predictor(cls, data)
    try:
        return {doc.id: predictor(doc) for doc in bar}
    finally:
        predictor.close()


_IN_WORKER: _Predictor | None = None
"""The predictor of a worker process of ``--jobs``."""


def _start_worker(cls: type[System], data: TaskData) -> None:
    global _IN_WORKER
    _IN_WORKER = _Predictor(cls, data)
    multiprocessing.util.Finalize(_IN_WORKER, _IN_WORKER.close, exitpriority=10)


def _predict_in_worker(doc: Document) -> list[dict[str, Any]]:
    assert _IN_WORKER is not None
    return _IN_WORKER(doc)


def _predict_in_processes(cls: type[System], data: TaskData, todo: list[Document], jobs: int,
                          bar: Any) -> dict[str, list[Any]]:
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=context,
                             initializer=_start_worker, initargs=(cls, data)) as pool:
        futures = {doc.id: pool.submit(_predict_in_worker, doc) for doc in todo}
        done: dict[str, list[Any]] = {}
        try:
            for doc in bar:  # in document order, so the first failure reported is the first
                try:
                    done[doc.id] = futures[doc.id].result()
                except BrokenProcessPool as exc:
                    raise SystemFailure(f"a worker process of system '{cls.name}' died while "
                                        f"predicting '{doc.id}'",
                                        hint="run with --jobs 1 to see why") from exc
        except BaseException:
            for future in futures.values():
                future.cancel()
            raise
    return done


def _cache_key(cls: type[System], data: TaskData, doc: Document) -> str:
    spec = data.spec
    context: list[Any] = []
    if cls.trainable():
        context.append(sorted(json.dumps(data.kind.dump(g), ensure_ascii=False, sort_keys=True)
                              for g in data.gold if data.kind.locate(g)[0] != doc.id))
    if callable(getattr(cls, "begin", None)):
        context.append([d.sha256 for d in data.documents])
        context.append({k: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else str(p)
                        for k, p in sorted(spec.resources.items())})
    return Cache.key(cls.name, cls.version, cls.identity(), spec.name, spec.kind,
                     spec.label_map, doc.id, doc.sha256, doc.dct, context)


def _progress(docs: list[Document], name: str) -> Any:
    """A progress bar over documents on a terminal (not under CI, not when piped)."""
    if not docs or not sys.stderr.isatty() or os.environ.get("CI", "").lower() == "true":
        return docs
    from tqdm import tqdm

    return tqdm(docs, desc=name, unit="doc", delay=0.5, leave=False, file=sys.stderr)


def _as_json(cls: type[System], data: TaskData, doc: Document, i: int, record: Any
             ) -> dict[str, Any]:
    where = f"system '{cls.name}', document '{doc.id}', prediction {i}"
    try:
        obj = dict(record) if isinstance(record, dict) else data.kind.dump(record)
    except (AttributeError, TypeError) as exc:
        raise SystemFailure(f"not a {data.spec.kind} record: {record!r}", where=where) from exc
    return dict(obj)


def _begin(cls: type[System], system: System, data: TaskData) -> None:
    """Call the system's optional ``begin(documents, resources)`` before it predicts."""
    begin = getattr(system, "begin", None)
    if callable(begin):
        _call(cls, "begin", partial(begin, data.documents, data.spec.resources))


def _build(cls: type[System]) -> System:
    system: System = _call(cls, "construction", cls)
    return system


def _call(cls: type[System], what: str, thunk: Any) -> Any:
    try:
        return thunk()
    except BenchError:
        raise
    except (SystemExit, KeyboardInterrupt) as exc:
        if isinstance(exc, KeyboardInterrupt) and interrupts.received():
            raise  # a real Ctrl-C: stop with 130
        code = f"({exc.code!r})" if isinstance(exc, SystemExit) else ""
        raise SystemFailure(f"system '{cls.name}' raised {type(exc).__name__}{code} in {what}",
                            hint="a system returns predictions or raises an error; it must not "
                            "end the process") from None
    except Exception as exc:
        raise SystemFailure(f"system '{cls.name}' failed in {what}: "
                            f"{type(exc).__name__}: {exc}", hint="run with --verbose for the "
                            "traceback") from exc


def _check(cls: type[System], data: TaskData, raw: dict[str, list[Any]]) -> list[Any]:
    """Prepare the raw predictions as a predictions file is (``bench.task.predictions``), and
    check that each belongs to the document it was predicted for."""
    items, asked = [], {}
    for doc in data.documents:
        for i, obj in enumerate(raw[doc.id]):
            where = f"system '{cls.name}', document '{doc.id}', prediction {i}"
            obj = dict(obj)
            if not obj.get("text"):
                obj.pop("text", None)  # the harness fills text in from the offsets
            items.append((where, obj))
            asked[where] = doc.id
    located = prepare_located(items, data)
    for where, record in located:
        found = data.kind.locate(record)[0]
        if found != asked[where]:
            raise SystemFailure(f"a prediction for '{found}' while predicting '{asked[where]}'",
                                where=where,
                                hint="predict returns records of the document it was given")
    return [record for _, record in located]
