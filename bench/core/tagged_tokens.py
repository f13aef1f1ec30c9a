"""Tagged tokens as integer columns over one UTF-8 buffer: selected, cut into sentences, joined
into text and decoded into entities with array operations, without a Python string per token.

A token is one or more pieces of the buffer (the fields of its CoNLL line but the last), read
joined by single spaces; its tag is a number naming one of a few distinct tag strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

Flags = NDArray[np.bool_]
Ints = NDArray[np.int64]
SPACE, NEWLINE, FULL_STOP = 32, 10, 46


@dataclass(frozen=True)
class TaggedTokens:
    """Tokens with their tags, in corpus order, and where sentences and documents begin."""

    buffer: bytes
    """UTF-8 text holding every piece, each followed by at least one byte that is in none."""
    piece_begin: Ints
    """Where each piece begins in ``buffer`` (pieces in buffer order)."""
    piece_end: Ints
    """One past where each piece ends."""
    piece_bounds: Ints
    """Token ``k`` is pieces ``piece_bounds[k]`` to ``piece_bounds[k + 1]`` (one more entry
    than tokens)."""
    tag_id: Ints
    """The tag of each token, as an index into ``tag_names``."""
    tag_names: list[str]
    """The distinct tags (``B-PERS``, ``I-LOC``, ``O`` ...)."""
    sentence_start: Flags
    """True on the first token of each sentence."""
    document_start: Flags
    """True on the first token of each document the corpus marks (``-DOCSTART-``)."""
    marked: bool = False
    """Whether the corpus marks its documents (otherwise sentences are grouped into them)."""

    def __len__(self) -> int:
        return len(self.tag_id)

    @classmethod
    def of(cls, sentences: Sequence[Sequence[tuple[str, str]]]) -> TaggedTokens:
        """From sentences of (token, tag); empty sentences are dropped."""
        kept = [s for s in sentences if s]
        sizes = np.array([len(s) for s in kept], dtype=np.int64)
        start = np.zeros(int(sizes.sum()), dtype=bool)
        start[np.cumsum(sizes) - sizes] = True
        encoded = [token.encode("utf-8") for s in kept for token, _ in s]
        step = np.array([len(e) + 1 for e in encoded], dtype=np.int64)
        begin = np.cumsum(step) - step
        names = list(dict.fromkeys(tag for s in kept for _, tag in s))
        code = {tag: n for n, tag in enumerate(names)}
        ids = np.array([code[tag] for s in kept for _, tag in s], dtype=np.int64)
        return cls(b"".join(e + b"\n" for e in encoded), begin, begin + step - 1,
                   np.arange(len(ids) + 1, dtype=np.int64), ids, names, start,
                   np.zeros(len(start), dtype=bool))

    def take(self, keep: Flags) -> TaggedTokens:
        """The tokens where ``keep`` is true; a sentence or document whose first token is
        dropped begins at its first kept token."""
        index = np.flatnonzero(keep)
        counts = np.diff(self.piece_bounds)
        pieces = np.repeat(keep, counts)
        return replace(self, piece_begin=self.piece_begin[pieces],
                       piece_end=self.piece_end[pieces],
                       piece_bounds=np.r_[0, np.cumsum(counts[index])].astype(np.int64),
                       tag_id=self.tag_id[index],
                       sentence_start=_carried(self.sentence_start, index),
                       document_start=_carried(self.document_start, index))

    def tokens(self) -> list[str]:
        """Each token as a string (a Python object per token: for small corpora and tests)."""
        pieces = [self.buffer[a:b].decode("utf-8")
                  for a, b in zip(self.piece_begin.tolist(), self.piece_end.tolist(),
                                  strict=True)]
        bounds = self.piece_bounds.tolist()
        return [" ".join(pieces[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]

    def sentences(self) -> list[list[tuple[str, str]]]:
        """Sentences of (token, tag)."""
        bounds = [*np.flatnonzero(self.sentence_start).tolist(), len(self)]
        pairs = list(zip(self.tokens(), [self.tag_names[k] for k in self.tag_id.tolist()],
                         strict=True))
        return [pairs[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]

    def full_stops(self) -> Flags:
        """Where the token is "."."""
        single = np.diff(self.piece_bounds) == 1
        first = self.piece_bounds[:-1][single]
        begin = self.piece_begin[first]
        raw = np.frombuffer(self.buffer, dtype=np.uint8)
        dot = np.zeros(len(self), dtype=bool)
        dot[single] = (self.piece_end[first] - begin == 1) & (raw[begin] == FULL_STOP)
        return dot


def _carried(start: Flags, index: Ints) -> Flags:
    """``start`` on the kept tokens ``index``, a dropped start moving to the next kept token."""
    if len(index) == 0:
        return np.zeros(0, dtype=bool)
    kept_group = np.cumsum(start)[index]
    # Tokens before the first start belong to no sentence or document (unmarked documents).
    carried: Flags = np.r_[True, kept_group[1:] != kept_group[:-1]] & (kept_group > 0)
    return carried


def full_stop_sentences(tagged: TaggedTokens) -> TaggedTokens:
    """Sentences ending after each run of "." tokens (and where the corpus's documents end)."""
    dot = tagged.full_stops()
    ends = dot & ~np.r_[dot[1:], False]
    start = np.r_[True, ends[:-1]] | tagged.document_start if len(dot) else dot
    return replace(tagged, sentence_start=start)


@dataclass(frozen=True)
class JoinedText:
    """The tokens written out: single spaces within a sentence, a line break after each."""

    text: bytes
    """The UTF-8 text of all tokens."""
    byte_begin: Ints
    """Where each token begins in ``text``, in bytes."""
    char_begin: Ints
    """Where each token begins, in characters."""
    char_end: Ints
    """One past where each token ends, in characters."""


def joined(tagged: TaggedTokens) -> JoinedText:
    """The text of all tokens, copied from the buffer in one masked gather: each piece with the
    byte after it, which becomes a space, or a line break after a sentence's last token."""
    raw = np.frombuffer(tagged.buffer, dtype=np.uint8)
    begin, end = tagged.piece_begin, tagged.piece_end
    length = end - begin
    # Runs of bytes kept (a piece and the byte after it) and skipped (up to the next piece).
    runs = np.empty(2 * len(begin) + 1, dtype=np.int64)
    runs[0] = begin[0] if len(begin) else len(raw)
    runs[1::2] = length + 1
    runs[2:-1:2] = begin[1:] - end[:-1] - 1
    runs[-1] = len(raw) - end[-1] - 1 if len(begin) else 0
    keep = np.zeros(len(runs), dtype=bool)
    keep[1::2] = True
    text = raw[np.repeat(keep, runs)]
    at = np.cumsum(length + 1) - length - 1  # where each piece begins in the text
    last = tagged.piece_bounds[1:] - 1  # the last piece of each token
    text[at + length] = SPACE
    closing = last[np.r_[tagged.sentence_start[1:], True]]  # ends a sentence
    text[at[closing] + length[closing]] = NEWLINE
    # A character begins at every byte that is not a UTF-8 continuation byte (10xxxxxx),
    # counted per piece and its separator (in 16 bits, unless a piece is longer).
    wide = np.uint16 if len(length) and int(length.max()) < 2**16 - 1 else np.int64
    follow = np.add.reduceat(((text & 0xC0) == 0x80).view(np.uint8), at, dtype=wide) \
        if len(at) else at
    before = np.cumsum(follow, dtype=np.int64) - follow  # and before each piece
    first = tagged.piece_bounds[:-1]
    return JoinedText(text.tobytes(), at[first], at[first] - before[first],
                      at[last] + length[last] - before[last] - follow[last])


def decode_entities(tagged: TaggedTokens) -> tuple[Ints, Ints, list[str]]:
    """(first token, one past the last token, type) of every entity, by the rule of
    ``bench.core.tagging.decode`` applied to each sentence."""
    parts = [tag.partition("-") for tag in tagged.tag_names]
    types = list(dict.fromkeys(label for tag, (_, _, label) in zip(tagged.tag_names, parts,
                                                                   strict=True)
                               if tag != "O" and label))
    code = {t: i for i, t in enumerate(types)}
    tag_type = np.array([code[label] if tag != "O" and label else -1
                         for tag, (_, _, label) in zip(tagged.tag_names, parts, strict=True)]
                        + [-1], dtype=np.int64)
    tag_inside = np.array([prefix == "I" for prefix, _, _ in parts] + [False], dtype=bool)
    kind, inside = tag_type[tagged.tag_id], tag_inside[tagged.tag_id]
    follows = np.r_[False, (kind[1:] == kind[:-1]) & (kind[:-1] >= 0)]
    goes_on = inside & follows & ~tagged.sentence_start & (kind >= 0)
    begin = np.flatnonzero((kind >= 0) & ~goes_on)
    end = np.flatnonzero((kind >= 0) & ~np.r_[goes_on[1:], False]) + 1
    return begin, end, [types[k] for k in kind[begin].tolist()]
