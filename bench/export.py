"""``bench export``: a task's documents and gold (and a system's predictions) as JSONL, CoNLL or
a Hugging Face ``DatasetDict``.

- ``jsonl``: ``documents.jsonl`` (``{"id", "text", "dct"}``), ``gold.jsonl`` in the task's gold
  format, and with a system ``predictions.jsonl`` (from its run record).
- ``conll`` (span tasks): ``gold.conll`` (and ``predictions.conll``): ``token TAG`` lines with
  IOB2 tags over the harness's documented tokenization (``bench.core.tokens``), a blank line
  after each paragraph and ``-DOCSTART- O`` before each document.
- ``hf`` (span, timex and quote tasks): a ``DatasetDict`` saved with ``save_to_disk``, split
  ``gold`` (and ``predictions``), one row per document: ``id``, ``text``, ``dct``, ``tokens``,
  ``token_offsets``, ``ner_tags`` (a ``ClassLabel`` sequence, IOB2) and ``entities`` (a
  sequence of ``{start, end, label (ClassLabel), text}``), so both token and span views load
  typed. ``spans_from_hf`` reads the spans back. Timex and quote tasks get, instead of the
  token columns, one typed column of their records (``bench.hf_records``).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.core.atomic import write_text
from bench.core.records import Document
from bench.core.tokens import token_offsets
from bench.errors import InputError
from bench.hf_records import (
    COLUMNS,
    entity_label_names,
    entity_rows,
    record_column,
    record_features,
)
from bench.kinds.spans import Span
from bench.runs.record import read_record, record_path
from bench.task.gold import TaskData, parse_records

FORMATS = ("jsonl", "conll", "hf")


def predictions_of(data: TaskData, root: Path, system: str) -> list[Any]:
    """A system's predictions from its committed run record of the task."""
    path = record_path(root, data.spec.name, system)
    if not path.is_file():
        raise InputError(f"no run record of system '{system}' for task '{data.spec.name}'",
                         where=str(path.relative_to(root)),
                         hint=f"run: bench run --task {data.spec.name} --system {system}")
    record = read_record(path)
    return parse_records(enumerate(record.raw.get("predictions", []), start=1),
                         str(path.relative_to(root)), data.documents, data.spec, data.kind,
                         gold=False)


def iob_tags(doc: Document, spans: Sequence[Span]) -> tuple[list[tuple[int, int]], list[str]]:
    """Token offsets and IOB2 tags of a document: a token takes the span it overlaps."""
    offsets = token_offsets(doc.text)
    tags = ["O"] * len(offsets)
    for span in sorted(s for s in spans if s.doc == doc.id):
        inside = [i for i, (a, b) in enumerate(offsets) if a < span.end and span.start < b]
        for k, i in enumerate(inside):
            tags[i] = ("B-" if k == 0 else "I-") + span.label
    return offsets, tags


def export(data: TaskData, root: Path, fmt: str, out: Path, system: str | None) -> list[Path]:
    """Write the export into ``out`` (replaced as a whole); returns the files written."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")
    allowed = {"jsonl": None, "conll": ("spans",), "hf": ("spans", *COLUMNS)}[fmt]
    if allowed is not None and data.spec.kind not in allowed:
        kinds = ", ".join(allowed[:-1]) + (" and " if len(allowed) > 1 else "") + allowed[-1]
        raise InputError(f"format '{fmt}' is for {kinds} tasks; "
                         f"'{data.spec.name}' is '{data.spec.kind}'", hint="use --format jsonl")
    parts: dict[str, list[Any]] = {"gold": list(data.gold)}
    if system:
        parts["predictions"] = predictions_of(data, root, system)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        if fmt == "jsonl":
            _jsonl(data, parts, staging)
        elif fmt == "conll":
            _conll(data, parts, staging)
        else:
            _hf(data, parts, staging)
        if out.exists():
            shutil.rmtree(out)
        os.replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return sorted(p for p in out.rglob("*") if p.is_file())


def _jsonl(data: TaskData, parts: dict[str, list[Any]], folder: Path) -> None:
    docs = "".join(json.dumps({"id": d.id, "text": d.text, "dct": d.dct}, ensure_ascii=False)
                   + "\n" for d in data.documents)
    write_text(folder / "documents.jsonl", docs)
    for name, records in parts.items():
        write_text(folder / f"{name}.jsonl",
                   "".join(json.dumps(data.kind.dump(r), ensure_ascii=False) + "\n"
                           for r in records))


def _conll(data: TaskData, parts: dict[str, list[Any]], folder: Path) -> None:
    for name, records in parts.items():
        lines: list[str] = []
        for doc in data.documents:
            offsets, tags = iob_tags(doc, records)
            lines.append("-DOCSTART- O")
            lines.append("")
            for paragraph in doc.paragraphs():
                chosen = [i for i, (a, _) in enumerate(offsets)
                          if paragraph.start <= a < paragraph.end]
                lines += [f"{doc.text[offsets[i][0]:offsets[i][1]]} {tags[i]}" for i in chosen]
                if chosen:
                    lines.append("")
        write_text(folder / f"{name}.conll", "\n".join(lines) + "\n")


def _hf(data: TaskData, parts: dict[str, list[Any]], folder: Path) -> None:
    try:
        import datasets
    except ImportError as exc:
        raise InputError("format 'hf' needs the datasets package",
                         hint="pip install 'bench[hf]'") from exc
    datasets.disable_progress_bars()
    if data.spec.kind in COLUMNS:
        _hf_records(datasets, data, parts, folder)
        return
    labels = list(data.spec.labels)
    tag_names = ["O", *(f"{p}-{lab}" for lab in labels for p in "BI")]
    features = datasets.Features({
        "id": datasets.Value("string"),
        "text": datasets.Value("string"),
        "dct": datasets.Value("string"),
        "tokens": datasets.Sequence(datasets.Value("string")),
        "token_offsets": datasets.Sequence(datasets.Sequence(datasets.Value("int32"),
                                                             length=2)),
        "ner_tags": datasets.Sequence(datasets.ClassLabel(names=tag_names)),
        "entities": datasets.Sequence({
            "start": datasets.Value("int32"), "end": datasets.Value("int32"),
            "label": datasets.ClassLabel(names=labels), "text": datasets.Value("string")}),
    })
    splits = {}
    for name, records in parts.items():
        rows: dict[str, list[Any]] = {key: [] for key in features}
        for doc in data.documents:
            offsets, tags = iob_tags(doc, records)
            mine = sorted(s for s in records if s.doc == doc.id)
            rows["id"].append(doc.id)
            rows["text"].append(doc.text)
            rows["dct"].append(doc.dct or "")
            rows["tokens"].append([doc.text[a:b] for a, b in offsets])
            rows["token_offsets"].append([list(o) for o in offsets])
            rows["ner_tags"].append(tags)
            rows["entities"].append({"start": [s.start for s in mine],
                                     "end": [s.end for s in mine],
                                     "label": [s.label for s in mine],
                                     "text": [doc.text[s.start:s.end] for s in mine]})
        splits[name] = datasets.Dataset.from_dict(rows, features=features)
    datasets.DatasetDict(splits).save_to_disk(str(folder))


def _hf_records(datasets: Any, data: TaskData, parts: dict[str, list[Any]],
                folder: Path) -> None:
    """Timex and quote tasks: one row per document with a typed column of its records."""
    kind = data.spec.kind
    features = datasets.Features({"id": datasets.Value("string"),
                                  "text": datasets.Value("string"),
                                  "dct": datasets.Value("string"),
                                  **record_features(datasets, kind, data.spec.labels)})
    splits = {}
    for name, records in parts.items():
        rows: dict[str, list[Any]] = {key: [] for key in features}
        for doc in data.documents:
            rows["id"].append(doc.id)
            rows["text"].append(doc.text)
            rows["dct"].append(doc.dct or "")
            rows[COLUMNS[kind]].append(record_column(kind, [r for r in records
                                                            if r.doc == doc.id]))
        splits[name] = datasets.Dataset.from_dict(rows, features=features)
    datasets.DatasetDict(splits).save_to_disk(str(folder))


def spans_from_hf(dataset: Any) -> list[Span]:
    """The spans of an exported split, labels decoded from the ``ClassLabel``."""
    names = entity_label_names(dataset.features)
    spans = []
    for row in dataset:
        for start, end, label in entity_rows(row["entities"]):
            spans.append(Span(row["id"], start, end, names[label], row["text"][start:end]))
    return spans
