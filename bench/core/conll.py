"""Tagged token corpora as flat arrays: CoNLL lines parsed, selected, cut into sentences and
decoded into entities without a Python step per token.

A CoNLL file is one ``TOKEN ... TAG`` line per token (the tag is the last field, a token with
spaces keeps them as single spaces); a blank line ends a sentence; a line whose first field is
``-DOCSTART-`` ends the document (and the sentence) and is never a token. Lines are what
``str.splitlines`` gives and fields what ``str.split`` gives.

Where lines and fields begin is read from the text's UTF-8 bytes when all its white space is
ASCII (then no byte of a longer character is a space or a line break), and from its code points
otherwise; the tokens and tags themselves are ``str.split``'s fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

DOCSTART = "-DOCSTART-"
Flags = NDArray[np.bool_]
Ints = NDArray[np.int64]
# What str.splitlines breaks at ("\r\n" counts once: its "\r" is read as a space).
BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# The characters above U+007F that str.isspace and str.split take for white space.
WIDE_SPACES = "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u2028\u2029\u202f\u205f\u3000"
_WIDE_UTF8 = [c.encode() for c in WIDE_SPACES]
_WIDE_LEADS = sorted({b[0] for b in _WIDE_UTF8})


@dataclass(frozen=True)
class TaggedTokens:
    """Tokens with their tags, in corpus order, and where sentences and documents begin."""

    tokens: list[str]
    """The tokens."""
    tags: list[str]
    """The tag of each token (``B-PERS``, ``I-LOC``, ``O`` ...)."""
    sentence_start: Flags
    """True on the first token of each sentence."""
    document_start: Flags
    """True on the first token of each document the corpus marks (``-DOCSTART-``)."""
    marked: bool = False
    """Whether the corpus marks its documents (otherwise sentences are grouped into them)."""

    @classmethod
    def of(cls, sentences: Sequence[Sequence[tuple[str, str]]]) -> TaggedTokens:
        """From sentences of (token, tag); empty sentences are dropped."""
        kept = [s for s in sentences if s]
        sizes = np.array([len(s) for s in kept], dtype=np.int64)
        start = np.zeros(int(sizes.sum()), dtype=bool)
        start[np.cumsum(sizes) - sizes] = True
        return cls([t for s in kept for t, _ in s], [g for s in kept for _, g in s], start,
                   np.zeros(len(start), dtype=bool))

    def take(self, keep: Flags) -> TaggedTokens:
        """The tokens where ``keep`` is true; a sentence or document whose first token is
        dropped begins at its first kept token."""
        index = np.flatnonzero(keep)
        return TaggedTokens([self.tokens[i] for i in index.tolist()],
                            [self.tags[i] for i in index.tolist()],
                            _carried(self.sentence_start, index),
                            _carried(self.document_start, index), self.marked)

    def sentences(self) -> list[list[tuple[str, str]]]:
        """Sentences of (token, tag)."""
        bounds = [*np.flatnonzero(self.sentence_start).tolist(), len(self.tokens)]
        pairs = list(zip(self.tokens, self.tags, strict=True))
        return [pairs[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _carried(start: Flags, index: Ints) -> Flags:
    """``start`` on the kept tokens ``index``, a dropped start moving to the next kept token."""
    if len(index) == 0:
        return np.zeros(0, dtype=bool)
    kept_group = np.cumsum(start)[index]
    # Tokens before the first start belong to no sentence or document (unmarked documents).
    carried: Flags = np.r_[True, kept_group[1:] != kept_group[:-1]] & (kept_group > 0)
    return carried


def parse_conll(text: str, encoded: bytes | None = None) -> tuple[TaggedTokens, Ints, bool]:
    """(tokens, the line number of each one-field line that is not ``-DOCSTART-``, whether a
    blank line ends some sentence) of a CoNLL text (``encoded``: the text as UTF-8, when the
    caller has it)."""
    fields = text.split()
    begins, breaks = _layout(text, encoded)
    line_of_field = np.searchsorted(breaks, begins).astype(np.int64)
    ends_with_break = bool(text) and text[-1] in BREAKS
    n_lines = len(breaks) + (0 if ends_with_break or not text else 1)
    per_line = np.bincount(line_of_field, minlength=n_lines)
    first = np.cumsum(per_line) - per_line
    docstart = np.zeros(n_lines, dtype=bool)
    if DOCSTART in text:
        # The first field of its line, and exactly the marker.
        index = np.flatnonzero(first[line_of_field] == np.arange(len(fields)))
        markers = [k for k in index.tolist() if fields[k] == DOCSTART]
        docstart[line_of_field[markers]] = True
    token_line = (per_line >= 2) & ~docstart
    bad = np.flatnonzero((per_line == 1) & ~docstart) + 1
    line_index = np.flatnonzero(token_line)
    tokens, tags = _tokens_and_tags(fields, line_of_field, token_line, per_line, first)
    # A sentence begins at a token line after a blank or -DOCSTART- line (or at the first).
    blank = per_line == 0
    boundaries = np.cumsum(blank | docstart)
    group = boundaries[line_index]
    new_sentence = np.r_[True, group[1:] != group[:-1]][:len(group)]
    doc_group = np.cumsum(docstart)[line_index]
    new_document = np.r_[True, doc_group[1:] != doc_group[:-1]][:len(group)]
    # Separated: some blank line ends a sentence (tokens since the boundary before it).
    sizes = np.bincount(group, minlength=int(boundaries[-1]) + 1 if n_lines else 1)
    separated = bool(np.any(sizes[boundaries[blank] - 1] > 0))
    marked = bool(docstart.any())
    return (TaggedTokens(tokens, tags, new_sentence, new_document & marked, marked), bad,
            separated)


def _tokens_and_tags(fields: list[str], line_of_field: Ints, token_line: Flags, per_line: Ints,
                     first: Ints) -> tuple[list[str], list[str]]:
    """Each token line's token (its fields but the last, joined by single spaces) and tag."""
    line_index = np.flatnonzero(token_line)
    other = np.flatnonzero(~token_line & (per_line > 0))  # -DOCSTART- and one-field lines
    wide = line_index[per_line[line_index] > 2]
    if (len(other) + len(wide)) * 8 <= len(line_index):
        # Mostly two-field lines: copy the runs of fields between the few lines that are not,
        # and the tokens and tags alternate.
        ends = first + per_line
        edits = sorted([(int(first[n]), int(ends[n]), False) for n in other.tolist()]
                       + [(int(first[n]), int(ends[n]) - 1, True) for n in wide.tolist()])
        tokens: list[str] = []
        tags: list[str] = []
        at = 0
        for a, b, joined in edits + [(len(fields), len(fields), False)]:
            tokens += fields[at:a:2]  # a run of two-field lines
            tags += fields[at + 1:a:2]
            if joined:  # a line of several fields: the last one is the tag
                tokens.append(" ".join(fields[a:b]))
                tags.append(fields[b])
                b += 1
            at = b
        return tokens, tags
    last = (first + per_line - 1)[line_index]
    tokens = list(map(fields.__getitem__, first[line_index].tolist()))
    tags = list(map(fields.__getitem__, last.tolist()))
    for k in np.flatnonzero(per_line[line_index] > 2).tolist():
        tokens[k] = " ".join(fields[first[line_index[k]]:last[k]])
    return tokens, tags


def _layout(text: str, encoded: bytes | None = None) -> tuple[Ints, Ints]:
    """(where each field begins, where each line break is), as offsets that grow with the
    text: UTF-8 bytes when all its white space is ASCII (one byte a space or break, and no
    byte of a longer character is one), else code points."""
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    raw = np.frombuffer(encoded, dtype=np.uint8)
    if len(raw) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if _wide_space(raw):
        return _code_layout(text)
    # ASCII white space: 9-13, 28-31 and 32; line breaks: 10-13 and 28-30 (unsigned wrap).
    is_space = ((raw - np.uint8(9)) <= 4) | ((raw - np.uint8(28)) <= 4)
    is_break = ((raw - np.uint8(10)) <= 3) | ((raw - np.uint8(28)) <= 2)
    return _edges(raw, is_space, is_break)


def _wide_space(raw: NDArray[np.uint8]) -> bool:
    """Whether UTF-8 bytes hold a white-space character above U+007F."""
    lead = raw == _WIDE_LEADS[0]
    for byte in _WIDE_LEADS[1:]:
        lead |= raw == byte
    at = np.flatnonzero(lead)
    if len(at) == 0:
        return False
    # A lead byte always has its continuation bytes (the text is whole), so none is clipped.
    last = len(raw) - 1
    one, two, three = (raw[np.minimum(at + k, last)].astype(np.int64) for k in range(3))
    two, three = one << 8 | two, one << 16 | two << 8 | three
    return bool(np.isin(two, [int.from_bytes(b) for b in _WIDE_UTF8 if len(b) == 2]).any()
                or np.isin(three, [int.from_bytes(b) for b in _WIDE_UTF8 if len(b) == 3]).any())


def _code_layout(text: str) -> tuple[Ints, Ints]:
    """``_layout`` by code points, for texts with white space above U+007F."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    present = np.flatnonzero(np.bincount(codes))
    space = np.zeros(int(present[-1]) + 1, dtype=bool)
    breaks = np.zeros(len(space), dtype=bool)
    for code in present.tolist():
        space[code] = chr(code).isspace()
        breaks[code] = chr(code) in BREAKS
    return _edges(codes, space[codes], breaks[codes])


def _edges(codes: NDArray[np.unsignedinteger], is_space: Flags, is_break: Flags
           ) -> tuple[Ints, Ints]:
    """Field beginnings and line breaks from the space and break flags of each unit."""
    begins = np.flatnonzero(~is_space[1:] & is_space[:-1]) + 1
    if not is_space[0]:
        begins = np.r_[0, begins]
    at = np.flatnonzero(is_break)
    # "\r\n" is one line break: drop the "\r" that a "\n" follows.
    crlf = (codes[at] == 13) & (codes[np.minimum(at + 1, len(codes) - 1)] == 10) \
        & (at + 1 < len(codes))
    return begins.astype(np.int64, copy=False), at[~crlf].astype(np.int64, copy=False)


def full_stop_sentences(tagged: TaggedTokens) -> TaggedTokens:
    """Sentences ending after each run of "." tokens (and where the corpus's documents end)."""
    dot = np.zeros(len(tagged.tokens), dtype=bool)
    dot[_positions(tagged.tokens, ".")] = True
    ends = dot & ~np.r_[dot[1:], False]
    start = np.r_[True, ends[:-1]] | tagged.document_start if len(dot) else dot
    return replace(tagged, sentence_start=start)


def _positions(items: list[str], value: str) -> list[int]:
    """Where ``value`` is in ``items`` (``list.index`` runs its scan in C; a few percent of
    the tokens are full stops)."""
    found: list[int] = []
    at = 0
    try:
        while True:
            at = items.index(value, at)
            found.append(at)
            at += 1
    except ValueError:
        return found


def decode_entities(tagged: TaggedTokens) -> tuple[Ints, Ints, list[str]]:
    """(first token, one past the last token, type) of every entity, by the rule of
    ``bench.core.tagging.decode`` applied to each sentence."""
    distinct = sorted(set(tagged.tags))
    parts = [tag.partition("-") for tag in distinct]
    types = list(dict.fromkeys(label for tag, (_, _, label) in zip(distinct, parts, strict=True)
                               if tag != "O" and label))
    code = {t: i for i, t in enumerate(types)}
    tag_type = np.array([code[label] if tag != "O" and label else -1
                         for tag, (_, _, label) in zip(distinct, parts, strict=True)] + [-1],
                        dtype=np.int64)
    tag_inside = np.array([prefix == "I" for prefix, _, _ in parts] + [False], dtype=bool)
    index = {tag: i for i, tag in enumerate(distinct)}
    tag_id = np.fromiter(map(index.__getitem__, tagged.tags), np.int64, len(tagged.tags))
    kind, inside = tag_type[tag_id], tag_inside[tag_id]
    follows = np.r_[False, (kind[1:] == kind[:-1]) & (kind[:-1] >= 0)]
    goes_on = inside & follows & ~tagged.sentence_start & (kind >= 0)
    begin = np.flatnonzero((kind >= 0) & ~goes_on)
    end = np.flatnonzero((kind >= 0) & ~np.r_[goes_on[1:], False]) + 1
    return begin, end, [types[k] for k in kind[begin].tolist()]
