"""Loading a task's documents and gold records, checked in full."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bench.core.documents import load_manifest
from bench.core.records import Document
from bench.core.yamlio import read_jsonl, shown
from bench.corpora import load_jsonl_documents
from bench.errors import InputError
from bench.kinds import get_kind
from bench.kinds.base import RecordKind
from bench.kinds.spans import SpanKind
from bench.metrics.units import ParagraphUnits
from bench.task.corpus_memo import remembered_corpus
from bench.task.spec import TaskSpec


@dataclass(frozen=True)
class TaskData:
    """A task with its documents and gold, ready to run and score."""

    spec: TaskSpec
    """The task definition."""
    documents: tuple[Document, ...]
    """The documents, in manifest order."""
    gold: tuple[Any, ...]
    """Gold records of the task's kind."""
    kind: RecordKind[Any]
    """How records of this task are read, checked, written, matched and shown."""

    def document(self, doc_id: str) -> Document:
        """The document with id ``doc_id``."""
        return next(d for d in self.documents if d.id == doc_id)

    @cached_property
    def paragraphs(self) -> ParagraphUnits:
        """The paragraph units of the documents, built on first use and kept."""
        return ParagraphUnits.of(self.documents)

    @cached_property
    def gold_unit(self) -> NDArray[np.intp]:
        """Index into ``paragraphs.units`` of each gold record, computed on first use."""
        return self.paragraphs.index(self.gold, self.kind)


def load_task_data(spec: TaskSpec, root: Path) -> TaskData:
    """Read and check the documents and gold of ``spec`` (from the seeds or a corpus)."""
    kind = get_kind(spec.kind, spec.resources)
    corpus = spec.corpus
    if corpus is not None and corpus.format != "jsonl":
        if not isinstance(kind, SpanKind):
            raise InputError(f"a {corpus.format} corpus gives span gold, not '{spec.kind}'",
                             where=shown(spec.path), hint="use 'kind: spans'")
        documents, spans = remembered_corpus(root, spec.name, corpus, spec.labels)
        if corpus.format == "hf":  # spans decoded from tags are disjoint token runs already
            where = shown(corpus.path)
            kind.check_set([(f"{where} (span {i})", s) for i, s in enumerate(spans, 1)])
        return TaskData(spec, tuple(documents), tuple(spans), kind)
    if corpus is not None:
        documents = load_jsonl_documents(corpus.path)
    else:
        documents = load_manifest(spec.documents, root)
    gold = parse_records(read_jsonl(spec.gold), spec.gold, documents, spec, kind)
    return TaskData(spec, tuple(documents), tuple(gold), kind)


def parse_records(lines: Iterable[tuple[int, dict[str, Any]]], source: Path | str,
                  documents: Iterable[Document], spec: TaskSpec, kind: RecordKind[Any]
                  ) -> list[Any]:
    """Parse numbered gold JSON objects into records and check them, as a set and as gold;
    errors name ``source:line``. Predictions go through ``bench.task.predictions``."""
    by_id = {d.id: d for d in documents}
    name = shown(source)
    located = [(f"{name}:{n}", kind.parse(raw, f"{name}:{n}", by_id, spec.labels, gold=True))
               for n, raw in lines]
    kind.check_set(located)
    kind.check_gold(located, name)
    return [record for _, record in located]
