"""``bench export``: a task's documents and gold (and a system's predictions) as JSONL, CoNLL or
a Hugging Face ``DatasetDict``.

- ``jsonl``: ``documents.jsonl`` (``{"id", "text", "dct"}``), ``gold.jsonl`` in the task's gold
  format, and with a system ``predictions.jsonl`` (from its run record).
- ``conll`` (labelled-span kinds): ``gold.conll`` (and ``predictions.conll``): ``token TAG``
  lines with IOB2 tags over the harness's documented tokenization (``bench.core.tokens``,
  ``bench.core.tagging``), a blank line after each paragraph and ``-DOCSTART- O`` before each
  document.
- ``hf`` (kinds with Hugging Face columns): a ``DatasetDict`` saved with ``save_to_disk``, split
  ``gold`` (and ``predictions``), one row per document: ``id``, ``text``, ``dct`` and the
  kind's typed columns (``RecordKind.hf_features``; for spans the token view ``tokens``,
  ``token_offsets``, ``ner_tags`` and the span view ``entities``). ``records_from_hf`` reads
  the records back.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench.core.atomic import write_text
from bench.core.outdir import install
from bench.errors import InputError
from bench.kinds.base import RecordKind
from bench.kinds.spans import Span, SpanKind
from bench.runs.record import read_record, record_path, recorded_predictions
from bench.task.gold import TaskData

FORMATS = ("jsonl", "conll", "hf")


def predictions_of(data: TaskData, root: Path, system: str) -> list[Any]:
    """A system's predictions from its committed run record of the task."""
    path = record_path(root, data.spec.name, system)
    if not path.is_file():
        raise InputError(f"no run record of system '{system}' for task '{data.spec.name}'",
                         where=str(path.relative_to(root)),
                         hint=f"run: bench run --task {data.spec.name} --system {system}")
    return recorded_predictions(read_record(path), data)


def export(data: TaskData, root: Path, fmt: str, out: Path, system: str | None,
           force: bool = False) -> list[Path]:
    """Write the export into ``out``; returns the files written. Only files an earlier export
    wrote there are replaced; a non-empty folder bench did not create needs ``force``
    (``bench.core.outdir``)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")
    if fmt == "conll" and data.documents:
        data.kind.conll_tags(data.documents[0], [])  # raises for kinds without a token view
    if fmt == "hf" and not data.kind.column:
        raise InputError(f"format 'hf' is not available for '{data.kind.name}' records",
                         hint="use --format jsonl")
    parts: dict[str, list[Any]] = {"gold": list(data.gold)}
    if system:
        parts["predictions"] = predictions_of(data, root, system)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} is a file, not a folder", hint="give a folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        if fmt == "jsonl":
            _jsonl(data, parts, staging)
        elif fmt == "conll":
            _conll(data, parts, staging)
        else:
            _hf(data, parts, staging)
        written = install(staging, out, force)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return sorted(written)


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
            offsets, tags = data.kind.conll_tags(doc, records)
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
    """One row per document: ``id``, ``text``, ``dct`` and the kind's typed columns."""
    kind, labels, datasets = data.kind, data.spec.labels, _datasets()
    features = datasets.Features({"id": datasets.Value("string"),
                                  "text": datasets.Value("string"),
                                  "dct": datasets.Value("string"),
                                  **kind.hf_features(datasets, labels)})
    splits = {}
    for name, records in parts.items():
        rows: dict[str, list[Any]] = {key: [] for key in features}
        for doc in data.documents:
            mine = [r for r in records if kind.extent(r)[0] == doc.id]
            row = {"id": doc.id, "text": doc.text, "dct": doc.dct or "",
                   **kind.hf_encode(doc, mine, labels)}
            for key in features:
                rows[key].append(row[key])
        splits[name] = datasets.Dataset.from_dict(rows, features=features)
    datasets.DatasetDict(splits).save_to_disk(str(folder))


def _datasets() -> Any:
    try:
        import datasets
    except ImportError as exc:
        raise InputError("format 'hf' needs the datasets package",
                         hint="pip install 'bench[hf]'") from exc
    datasets.disable_progress_bars()
    return datasets


def records_from_hf(dataset: Any, kind: RecordKind[Any]) -> list[Any]:
    """The records of an exported split, decoded by their kind."""
    return [r for row in dataset for r in kind.hf_decode(row, dataset.features)]


def spans_from_hf(dataset: Any) -> list[Span]:
    """The spans of an exported split, labels decoded from the ``ClassLabel``."""
    spans: list[Span] = records_from_hf(dataset, SpanKind())
    return spans
