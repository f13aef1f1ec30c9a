"""Laying marks out on an article: stacked layers of non-overlapping spans, snippets, slugs.

Overlapping marks cannot nest in one run of HTML, so each source's marks are split into
layers, each a full copy of the article text with no two marks overlapping; the page stacks
the layers in one grid cell, so every mark keeps its exact text and offsets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bench.reports.html.judges import Mark

WINDOW = 60
"""Characters of context on each side of a span in lists."""


@dataclass(frozen=True)
class Piece:
    """A run of article text, marked or not."""

    text: str
    mark: Mark | None = None


def layers(text: str, marks: Sequence[Mark]) -> list[list[Piece]]:
    """The article as layers of pieces; every mark is in exactly one layer (at least one layer)."""
    rows: list[list[Mark]] = []
    for m in sorted(marks, key=lambda m: (m.start, -m.end, m.role, m.label)):
        for row in rows:
            if row[-1].end <= m.start:
                row.append(m)
                break
        else:
            rows.append([m])
    return [_pieces(text, row) for row in rows] or [[Piece(text)]]


def _pieces(text: str, row: list[Mark]) -> list[Piece]:
    out: list[Piece] = []
    at = 0
    for m in row:
        if m.start > at:
            out.append(Piece(text[at:m.start]))
        out.append(Piece(text[m.start:m.end], m))
        at = m.end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out


@dataclass(frozen=True)
class Snippet:
    """A span in its context: text before, the span, text after (within its paragraph)."""

    before: str
    span: str
    after: str


def snippet(text: str, start: int, end: int) -> Snippet:
    """The span with up to ``WINDOW`` characters of its paragraph on each side."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    lo, hi = max(left, start - WINDOW), min(right, end + WINDOW)
    return Snippet(("…" if lo > left else "") + text[lo:start], text[start:end],
                   text[end:hi] + ("…" if hi < right else ""))


def slug(name: str) -> str:
    """A file-name-safe form of a name (letters, digits, ``-``, ``_``, ``.``)."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.")
    return cleaned or "x"


def palette(labels: Sequence[str], marks: Sequence[Mark]) -> dict[str, int]:
    """Label -> colour index: the task's labels first, then others in sorted order."""
    order = list(dict.fromkeys([*labels, *sorted({m.label for m in marks} - set(labels))]))
    return {label: i for i, label in enumerate(order)}
