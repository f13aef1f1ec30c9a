"""Hypothesis strategies: random token sequences with random non-overlapping typed spans."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from bench.core.records import Document, Paragraph
from bench.kinds.spans import Span
from bench.metrics.base import Batch, Unit

LABELS = ("PER", "ORG", "GPE")


def unit_for(n_tokens: int) -> Unit:
    """A document of ``n_tokens`` two-letter Arabic words, one paragraph."""
    text = " ".join(["بب"] * n_tokens)
    doc = Document(id="d", text=text, sha256="")
    return Unit(doc, Paragraph("d", 0, 0, len(text)))


def token_span(doc: str, first: int, last: int, label: str) -> Span:
    """The span covering tokens ``first..last`` of a ``unit_for`` document (3 chars a token)."""
    return Span(doc, 3 * first, 3 * last + 2, label)


@st.composite
def spans(draw: st.DrawFn, n_tokens: int) -> list[Span]:
    """Non-overlapping token-aligned spans over ``n_tokens`` tokens."""
    out, i = [], 0
    while i < n_tokens:
        if draw(st.booleans()):
            length = draw(st.integers(1, min(3, n_tokens - i)))
            out.append(token_span("d", i, i + length - 1, draw(st.sampled_from(LABELS))))
            i += length + draw(st.integers(0, 1))
        else:
            i += 1
    return out


@st.composite
def char_spans(draw: st.DrawFn, length: int) -> list[Span]:
    """Non-overlapping character spans over a text of ``length`` characters."""
    out, i = [], 0
    while i < length:
        gap = draw(st.integers(0, 4))
        size = draw(st.integers(1, 6))
        if i + gap + size > length:
            break
        out.append(Span("d", i + gap, i + gap + size, draw(st.sampled_from(LABELS))))
        i += gap + size
    return out


WORDS = ["بب", "وبوتين", "،", "x", "؛", "12", "ـ", "أُجري"]


@st.composite
def batches(draw: st.DrawFn, flat: bool) -> Batch:
    """A document of a few lines (units) with random gold and predicted spans on each."""
    lines = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
                          min_size=1, max_size=4))
    text = "\n".join(" ".join(words) for words in lines) + "\n"
    doc = Document("d", text, "")
    units, pos = [], 0
    for i, words in enumerate(lines):
        body = " ".join(words)
        units.append(Unit(doc, Paragraph("d", i, pos, pos + len(body))))
        pos += len(body) + 1
    sides = []
    for _ in range(2):
        records, where = [], []
        for u, unit in enumerate(units):
            p = unit.paragraph
            cuts = sorted(draw(st.lists(st.integers(p.start, p.end), max_size=8)))
            pairs = list(zip(cuts[::2], cuts[1::2], strict=False)) if flat else [
                tuple(sorted(draw(st.tuples(st.integers(p.start, p.end),
                                            st.integers(p.start, p.end)))))
                for _ in range(draw(st.integers(0, 4)))]
            for start, end in pairs:
                if start < end:
                    records.append(Span("d", start, end, draw(st.sampled_from(LABELS))))
                    where.append(u)
        order = draw(st.permutations(range(len(records))))
        sides.append(([records[i] for i in order], np.array([where[i] for i in order],
                                                             dtype=np.intp)))
    (gold, gold_unit), (pred, pred_unit) = sides
    return Batch(units, gold, gold_unit, pred, pred_unit)
