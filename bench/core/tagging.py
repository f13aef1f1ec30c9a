"""The one tagging rule: labelled character spans to IOB2 token tags, and IOB2 tags back.

Encoding (``encode``): a token takes the label of a span it shares a character with; ``B-`` on
the first token a span takes, ``I-`` on the ones after. When a token touches two spans it takes
the one that starts first (ties: the shorter, then the label's alphabetical order), and the
other span keeps only the tokens left to it (none, when the token was its only one). Flat gold
never has two spans on one token; predictions may.

Decoding (``decode``): an ``I-X`` tag that follows a tag of type ``X`` (``B-X`` or ``I-X``)
continues that entity; any other ``B-`` or ``I-`` tag starts a new one (a stray ``I-X`` after
``O`` or after another type starts an entity, as conlleval.pl reads it); ``O`` and tags
without a ``-`` are outside. seqeval's strict mode, which the ``seqeval`` metric uses to define
its score, is stricter about stray ``I-`` tags; ``encode`` never writes one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

Labelled = tuple[int, int, str]
"""(start, end, label): a half-open range (characters for spans, token indexes for entities)."""


def encode(spans: Iterable[Labelled], tokens: Sequence[tuple[int, int]]) -> list[str]:
    """IOB2 tags of ``tokens`` (character ranges) for labelled character ``spans``."""
    tags = ["O"] * len(tokens)
    starts = [start for start, _ in tokens]
    for start, end, label in sorted(spans):
        first = True
        # Tokens are in text order: skip those that end before the span.
        i = _first_token(starts, tokens, start)
        while i < len(tokens) and tokens[i][0] < end:
            if start < tokens[i][1] and tags[i] == "O":
                tags[i] = ("B-" if first else "I-") + label
                first = False
            i += 1
    return tags


def decode(tags: Sequence[str]) -> list[Labelled]:
    """(first token, one past the last token, label) of each entity in IOB2 ``tags``."""
    out: list[Labelled] = []
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if tag == "O" or not label:
            continue
        last = out[-1] if out else None
        if prefix == "I" and last is not None and last[1] == i and last[2] == label:
            out[-1] = (last[0], i + 1, label)
        else:
            out.append((i, i + 1, label))
    return out


def _first_token(starts: list[int], tokens: Sequence[tuple[int, int]], offset: int) -> int:
    """Index of the first token that ends after ``offset`` (tokens sorted, not overlapping)."""
    i = max(0, bisect_right(starts, offset) - 1)
    while i < len(tokens) and tokens[i][1] <= offset:
        i += 1
    return i
