"""The record-kind contract: every hook the harness calls on the records of a task.

A record kind says how one kind of record (labelled spans, temporal expressions, quotes, claim
pairs ...) is read, checked, written, placed in a document, matched and shown. The harness
calls only these hooks and never looks inside a record, so a new kind is one module with a
subclass of ``RecordKind`` (plus its metric and a task YAML that names it by ``module:Class``
or by a name registered in ``bench.kinds.KINDS``).

Abstract hooks must be written; the others have defaults that suit a record about one
stretch of one document.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

from bench.core.records import Document
from bench.errors import InputError

R = TypeVar("R")

Extent = tuple[str, int, int]
"""(document id, start, end): a half-open range of code points of one document."""
Located = list[tuple[str, Any]]
"""Records with where each came from (``file:line``), for error messages."""
Find = Callable[[str, "int | None", bool], list[tuple[int, int]]]
"""Where a model's string occurs in the document: ``find(text, hint, whole_words)`` gives
(start, end) offsets (see ``bench.models.answers``, which counts the strings found nowhere)."""


class RecordKind(abc.ABC, Generic[R]):
    """How the harness reads, checks, writes, places, matches and shows one kind of record.

    Subclasses set ``name`` and ``record`` (the record class) and write the abstract hooks.
    """

    name: ClassVar[str] = ""
    """The name a task's ``kind:`` gives (e.g. ``spans``)."""
    record: ClassVar[type] = object
    """The class of the records (a frozen dataclass)."""
    column: ClassVar[str] = ""
    """Name of the records' column in a Hugging Face export ("" when there is none)."""
    columns: ClassVar[tuple[str, ...]] = ()
    """Older names of that column, still read."""
    view: ClassVar[str] = ""
    """Module that shows these records in the HTML report (``judge``, ``gold_marks``,
    ``describe_gold``, as in ``bench.reports.html.judges``); "" shows them by the generic view,
    whose verdicts come from ``correct``, ``near`` and ``extents``."""

    answer_key: ClassVar[str] = ""
    """The key of the list a language model answers with (``{"entities": [...]}``); "" when
    models are not asked for these records (the ``answer_*`` hooks below are then unused)."""
    answer_keys: ClassVar[tuple[str, ...]] = ()
    """Older names of that key, still read."""
    given_key: ClassVar[str] = ""
    """For kinds whose records judge items a system is given (claim pairs) rather than text it
    finds: the name of the prompt variable that lists a document's items ("" for none)."""

    def __init__(self, resources: Mapping[str, Path] | None = None):
        """``resources``: the task's named files (e.g. ``speakers``); most kinds need none."""
        self.resources = dict(resources or {})

    # Reading and checking -----------------------------------------------------------------

    @abc.abstractmethod
    def parse(self, raw: dict[str, Any], where: str, documents: Mapping[str, Document],
              labels: Sequence[str], *, gold: bool) -> R:
        """Check one JSON object and turn it into a record; errors name ``where``.

        ``labels`` are the labels to accept (for predictions: the task's labels and those its
        ``predictions: labels:`` map renames or drops); ``gold`` asks for the stricter gold
        format.
        """

    def check_set(self, records: Located) -> None:
        """Check constraints across records of one file or run; default: no record twice."""
        seen: set[Hashable] = set()
        for where, record in records:
            key = self.key(record)
            if key in seen:
                raise InputError("record listed twice", where=where, hint="one line per record")
            seen.add(key)

    def check_gold(self, records: Located, source: str) -> None:
        """Constraints only gold must meet (completeness, cross references); default: none."""

    @abc.abstractmethod
    def dump(self, record: R) -> dict[str, Any]:
        """The JSON object of a record, in the gold format (``parse`` reads it back)."""

    # Labels --------------------------------------------------------------------------------

    @abc.abstractmethod
    def label(self, record: R) -> str:
        """The record's label, a member of the task's ``labels:`` (what a label map renames)."""

    @abc.abstractmethod
    def relabel(self, record: R, label: str) -> R:
        """The same record with another label."""

    def label_of(self, record: R) -> str:
        """What the record says, in a few words, for error pages (default: its label)."""
        return self.label(record)

    # Where a record is ---------------------------------------------------------------------

    @abc.abstractmethod
    def extent(self, record: R) -> Extent:
        """(doc, start, end) of the text the record is about."""

    def extents(self, record: R) -> tuple[Extent, ...]:
        """Every stretch of text the record is about (two for a pair); default: its extent."""
        return (self.extent(record),)

    def locate(self, record: R) -> tuple[str, int]:
        """(doc, offset) that puts the record into an evaluation unit; default: its start."""
        doc, start, _ = self.extent(record)
        return doc, start

    def locations(self, records: Sequence[R]) -> tuple[list[str], NDArray[np.int64]]:
        """``locate`` of every record at once: document ids and offsets (a kind may override
        it for speed, giving the same answers as ``locate``)."""
        located = [self.locate(r) for r in records]
        return ([d for d, _ in located],
                np.fromiter((o for _, o in located), np.int64, len(located)))

    # Matching ------------------------------------------------------------------------------

    def key(self, record: R) -> Hashable:
        """The record's identity, for per-record units and duplicates; default: the record."""
        return record  # records are frozen dataclasses, so hashable

    def near(self, gold: R, pred: R) -> int:
        """How close ``pred`` comes to ``gold``: 0 (unrelated), 1 (on the same text, saying
        something else), 2 (on the same text, same label). Default: by overlapping extents."""
        if not any(_overlap(g, p) for g in self.extents(gold) for p in self.extents(pred)):
            return 0
        return 2 if self.label(gold) == self.label(pred) else 1

    def correct_key(self, record: R) -> Hashable:
        """What a prediction must share with a gold record to get it right; default: all of it."""
        return record  # records are frozen dataclasses, so hashable

    def correct(self, gold: R, pred: R) -> bool:
        """True when ``pred`` gets ``gold`` right (what ``bench check`` counts as a flip): by
        default, when their ``correct_key`` is the same."""
        return bool(self.correct_key(gold) == self.correct_key(pred))

    def rights(self, gold: Sequence[R], pred: Sequence[R]) -> list[bool]:
        """For each gold record, whether some prediction gets it right: a join on
        ``correct_key`` (one set lookup per record); a kind that overrides ``correct`` itself
        is compared pair by pair."""
        if type(self).correct is RecordKind.correct:
            given = {self.correct_key(p) for p in pred}
            return [self.correct_key(g) in given for g in gold]
        return [any(self.correct(g, p) for p in pred) for g in gold]

    def describe(self, record: R) -> str:
        """One line naming the record: ``doc@offset «text» what-it-says``."""
        doc, start, end = self.extent(record)
        text = self.text(record)
        return f"{doc}@{start} «{text}» {self.label_of(record)}".strip()

    def text(self, record: R) -> str:
        """The text of the record's extent, as stored on the record (default: none)."""
        return ""

    # Export --------------------------------------------------------------------------------

    def conll_tags(self, document: Document, records: Sequence[R]
                   ) -> tuple[list[tuple[int, int]], list[str]]:
        """Token offsets and IOB2 tags of a document, for CoNLL and token exports."""
        raise InputError(f"format 'conll' is for labelled spans, not '{self.name}' records",
                         hint="use --format jsonl or hf")

    def hf_features(self, datasets: Any, labels: Sequence[str]) -> dict[str, Any]:
        """The typed columns (``datasets`` features) a document row gets for these records."""
        raise InputError(f"format 'hf' is not available for '{self.name}' records",
                         hint="use --format jsonl")

    def hf_encode(self, document: Document, records: Sequence[R],
                  labels: Sequence[str]) -> dict[str, Any]:
        """One document's records as the values of the ``hf_features`` columns."""
        raise InputError(f"format 'hf' is not available for '{self.name}' records",
                         hint="use --format jsonl")

    def hf_decode(self, row: dict[str, Any], features: Any) -> list[R]:
        """The records of one exported row (``hf_encode`` read back)."""
        raise InputError(f"format 'hf' is not available for '{self.name}' records",
                         hint="use --format jsonl")


    # A language model's answer ----------------------------------------------------------------

    def answer_fields(self, labels: Sequence[str]) -> dict[str, Any]:
        """JSON Schema of the properties of one item of a model's answer (all required)."""
        raise InputError(f"language models are not asked for '{self.name}' records",
                         hint="write the answer_* hooks of the record kind")

    def answer_item(self, record: R) -> dict[str, Any]:
        """A gold record as a model is asked to give it (the prompt's worked examples)."""
        raise InputError(f"language models are not asked for '{self.name}' records",
                         hint="write the answer_* hooks of the record kind")

    def answer_records(self, item: dict[str, Any], doc: Document,
                       find: Find) -> list[dict[str, Any]] | None:
        """The predictions (in the task's predictions format) one answer item stands for,
        one per place ``find`` gives for its strings; None when the item lacks a field."""
        raise InputError(f"language models are not asked for '{self.name}' records",
                         hint="write the answer_* hooks of the record kind")

    def given(self, doc: Document, documents: Mapping[str, Document]) -> list[dict[str, Any]]:
        """With ``given_key``: the items a system is asked to judge in ``doc``."""
        return []

    def given_item(self, record: R, documents: Mapping[str, Document]) -> dict[str, Any]:
        """With ``given_key``: the item a gold record judges, as ``given`` lists it (worked
        examples are these items with the record's label)."""
        raise InputError(f"'{self.name}' records judge no given items",
                         hint="set given_key and write given and given_item")


def _overlap(a: Extent, b: Extent) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]
