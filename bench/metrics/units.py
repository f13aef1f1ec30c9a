"""The paragraph units of a task's documents, and which unit each record falls in, as arrays.

Built once per loaded task (``TaskData.paragraphs``) and shared by every scoring pass: the
units, each unit's first character as an offset into the documents laid end to end (so that
placing records is one binary search over all of them, not a scan per record), and the
tokens of every unit (``bench.metrics.token_arrays``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bench.core.records import Document
from bench.errors import InputError
from bench.kinds.base import RecordKind
from bench.metrics.base import Unit
from bench.metrics.token_arrays import Ints, unit_tokens


@dataclass(frozen=True)
class ParagraphUnits:
    """Every paragraph of every document, in document order, with their offsets."""

    units: tuple[Unit, ...]
    """The units, in document order."""
    document_of: NDArray[np.intp]
    """Index (in the task's documents) of each unit's document."""
    base: dict[str, int]
    """Document id -> offset of its first character with the documents laid end to end."""
    first: dict[str, int]
    """Document id -> index of its first unit (documents with no text line are absent)."""
    starts: NDArray[np.int64]
    """Each unit's first character, as an offset with the documents laid end to end."""

    @classmethod
    def of(cls, documents: Sequence[Document]) -> ParagraphUnits:
        """The units of ``documents`` (each non-empty line, ``Document.paragraphs``)."""
        units: list[Unit] = []
        document_of: list[int] = []
        base: dict[str, int] = {}
        first: dict[str, int] = {}
        starts: list[int] = []
        position = 0
        for d, doc in enumerate(documents):
            base[doc.id] = position
            paragraphs = doc.paragraphs()
            if paragraphs:
                first[doc.id] = len(units)
            units += [Unit(doc, p) for p in paragraphs]
            document_of += [d] * len(paragraphs)
            starts += [position + p.start for p in paragraphs]
            position += len(doc.text) + 1
        return cls(tuple(units), np.array(document_of, dtype=np.intp), base, first,
                   np.array(starts, dtype=np.int64))

    def index(self, records: Sequence[Any], kind: RecordKind[Any]) -> NDArray[np.intp]:
        """Index of the unit holding each record's location (``kind.locations``); a location
        between paragraphs goes to the nearest preceding one of its document (before the
        first, to the first)."""
        docs, offsets = kind.locations(records)
        try:
            lowest = np.fromiter(map(self.first.__getitem__, docs), np.intp, len(docs))
        except KeyError as exc:
            raise InputError(f"record in document '{exc.args[0]}', which has no text lines",
                             hint="every document needs a non-empty line to score against"
                             ) from None
        key = np.fromiter(map(self.base.__getitem__, docs), np.int64, len(docs)) + offsets
        found = np.searchsorted(self.starts, key, "right") - 1
        return np.maximum(found, lowest).astype(np.intp)

    @cached_property
    def tokens(self) -> tuple[Ints, Ints, Ints]:
        """(unit index, start, end) of every token of every unit (``unit_tokens``), kept."""
        return unit_tokens(self.units)

    @cached_property
    def unit_ids(self) -> tuple[str, ...]:
        """``<doc>#<index>`` of every unit, in order (the ids run records use)."""
        return tuple(u.paragraph.unit_id for u in self.units)
