"""Running a system on a task: plain prediction, or leave-one-document-out for trainable ones."""

from __future__ import annotations

from functools import partial
from typing import Any

from bench.core.records import Document
from bench.errors import BenchError, SystemFailure
from bench.systems.protocol import System
from bench.task.gold import TaskData


def run_system(cls: type[System], data: TaskData) -> list[Any]:
    """Predictions of ``cls`` on every document of the task, checked like a predictions file.

    ``predict`` returns records of the task's kind or JSON objects in its predictions format
    (a quote system may give ``speaker_text`` for the harness to resolve).

    A trainable system (one with ``fit``) is built afresh for each document, fitted on the gold
    of every other document and asked only about the held-out one. A system with ``begin``
    gets every document and the task's resource files (e.g. the claims) before predicting.
    """
    predictions: list[Any] = []
    if cls.trainable():
        for doc in data.documents:
            system = _build(cls)
            train_docs = [d for d in data.documents if d.id != doc.id]
            train_gold = [g for g in data.gold if data.kind.locate(g)[0] != doc.id]
            fit = getattr(system, "fit")  # noqa: B009 - trainable() checked it exists
            _call(cls, "fit", partial(fit, train_docs, train_gold))
            _begin(cls, system, data)
            predictions += _predict(cls, system, doc, data)
    else:
        system = _build(cls)
        _begin(cls, system, data)
        for doc in data.documents:
            predictions += _predict(cls, system, doc, data)
    return predictions


def relabel(obj: dict[str, Any], label_map: dict[str, str | None]) -> bool:
    """Rename the record's ``type``/``label`` by the task's prediction map; False drops it."""
    for key in ("type", "label"):
        if key in obj and obj[key] in label_map:
            if label_map[obj[key]] is None:
                return False
            obj[key] = label_map[obj[key]]
    return True


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
    except Exception as exc:
        raise SystemFailure(f"system '{cls.name}' failed in {what}: "
                            f"{type(exc).__name__}: {exc}", hint="run with --verbose for the "
                            "traceback") from exc


def _predict(cls: type[System], system: System, doc: Document, data: TaskData) -> list[Any]:
    raw = _call(cls, f"predict on '{doc.id}'", lambda: system.predict(doc))
    if not isinstance(raw, list):
        raise SystemFailure(f"system '{cls.name}' returned {type(raw).__name__} for '{doc.id}'",
                            hint="predict must return a list of records")
    checked = []
    by_id = {d.id: d for d in data.documents}
    located = []
    for i, record in enumerate(raw):
        where = f"system '{cls.name}', document '{doc.id}', prediction {i}"
        try:
            obj = dict(record) if isinstance(record, dict) else data.kind.dump(record)
        except (AttributeError, TypeError) as exc:
            raise SystemFailure(f"not a {data.spec.kind} record: {record!r}", where=where) from exc
        if not obj.get("text"):
            obj.pop("text", None)  # the harness fills text in from the offsets
        if not relabel(obj, data.spec.label_map):
            continue
        parsed = data.kind.parse(obj, where, by_id, data.spec.labels, gold=False)
        if data.kind.locate(parsed)[0] != doc.id:
            raise SystemFailure(f"a prediction for '{data.kind.locate(parsed)[0]}' while "
                                f"predicting '{doc.id}'", where=where,
                                hint="predict returns records of the document it was given")
        located.append((where, parsed))
        checked.append(parsed)
    data.kind.check_set(located)
    return checked
