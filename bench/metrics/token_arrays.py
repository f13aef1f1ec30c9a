"""The documented tokenization (``bench.core.tokens``) as arrays: every token of a text at once.

A token is a maximal run of word characters (``\\w`` or an Arabic combining mark,
``bench.core.tokens.MARKS``) or one character that is neither a word character nor a space,
exactly ``bench.core.tokens.TOKEN``; each distinct character of a text is classified once by
those same character classes, then the text is scanned with array operations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from bench.core.tokens import MARKS
from bench.metrics.base import Unit

Ints = NDArray[np.int64]
WORD, SPACE, OTHER = 0, 1, 2
WORDLIKE = re.compile(rf"\w|[{MARKS}]")
SPACELIKE = re.compile(r"\s")


CORPUS_TOKENS = "corpus"
"""``Document.meta["tokenization"]`` of a document generated from a token corpus: its tokens
are the corpus's own, joined by single spaces, one sentence per line."""


@lru_cache(maxsize=32)
def token_arrays(text: str, corpus: bool = False) -> tuple[Ints, Ints]:
    """(starts, ends) of the tokens of ``text``, in order; with ``corpus``, the runs between
    spaces and line breaks (a token corpus's own tokens, which may glue punctuation)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if len(codes) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    present = np.flatnonzero(np.bincount(codes))
    table = np.full(int(present[-1]) + 1, OTHER, dtype=np.uint8)
    for code in present.tolist():
        char = chr(code)
        if corpus:
            table[code] = SPACE if char in " \n" else WORD
        elif WORDLIKE.fullmatch(char):
            table[code] = WORD
        elif SPACELIKE.fullmatch(char):
            table[code] = SPACE
    kind = table[codes]
    word = kind == WORD
    other = kind == OTHER
    starts = np.flatnonzero(other | (word & ~np.r_[False, word[:-1]]))
    ends = np.flatnonzero(other | (word & ~np.r_[word[1:], False])) + 1
    return starts.astype(np.int64), ends.astype(np.int64)


def unit_tokens(units: Sequence[Unit]) -> tuple[Ints, Ints, Ints]:
    """(unit index, start, end) of every token of every unit, units in order."""
    parts: list[tuple[Ints, Ints, Ints]] = []
    begin = 0
    while begin < len(units):
        doc = units[begin].document
        stop = begin
        while stop < len(units) and units[stop].document is doc:
            stop += 1
        starts, ends = token_arrays(doc.text, doc.meta.get("tokenization") == CORPUS_TOKENS)
        bounds = np.array([(u.paragraph.start, u.paragraph.end) for u in units[begin:stop]],
                          dtype=np.int64)
        first = np.searchsorted(starts, bounds[:, 0])
        size = np.searchsorted(starts, bounds[:, 1]) - first
        index = ranges(first, size)
        parts.append((np.repeat(np.arange(begin, stop, dtype=np.int64), size), starts[index],
                      ends[index]))
        begin = stop
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    unit, start, end = (np.concatenate(column) for column in zip(*parts, strict=True))
    return unit, start, end


def ranges(first: Ints, size: Ints) -> Ints:
    """The concatenation of ``range(f, f + n)`` for every (f, n), without a Python loop."""
    total = int(size.sum())
    offset = np.repeat(first - (np.cumsum(size) - size), size)
    return offset + np.arange(total, dtype=np.int64)
