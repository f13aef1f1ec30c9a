"""CoNLL text parsed into tagged tokens as flat arrays, without a Python step or string per
token.

A CoNLL file is one ``TOKEN ... TAG`` line per token (the tag is the last field, a token with
spaces keeps them as single spaces); a blank line ends a sentence; a line whose first field is
``-DOCSTART-`` ends the document (and the sentence) and is never a token. Lines are what
``str.splitlines`` gives and fields what ``str.split`` gives.

Where lines and fields begin and end is read from the text's UTF-8 bytes: when all its white
space is ASCII, no byte of a longer character is a space or a line break. A text with white
space above U+007F has it replaced first (a space by " ", a line break by "\\n"), which
changes no field and no line.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from bench.core.tagged_tokens import Flags, Ints, TaggedTokens

DOCSTART = b"-DOCSTART-"
# What str.splitlines breaks at ("\r\n" counts once: its "\r" is read as a space).
BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# The characters above U+007F that str.isspace and str.split take for white space.
WIDE_SPACES = "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u2028\u2029\u202f\u205f\u3000"
_WIDE_UTF8 = [c.encode() for c in WIDE_SPACES]
_NARROWED = {ord(c): "\n" if c in BREAKS else " " for c in WIDE_SPACES}
_ASCII_BREAKS = BREAKS.encode("ascii", "ignore")


def parse_conll(data: bytes) -> tuple[TaggedTokens, Ints, bool]:
    """(tokens, the line number of each one-field line that is not ``-DOCSTART-``, whether a
    blank line ends some sentence) of a CoNLL text as UTF-8 bytes."""
    raw = np.frombuffer(data, dtype=np.uint8)
    if len(raw) and _wide_space(raw):
        data = data.decode("utf-8", "surrogatepass").translate(_NARROWED).encode(
            "utf-8", "surrogatepass")
    # Every line ends with a break and is followed by spaces, which add no line and no field:
    # every field has a byte of white space after it, and eight bytes can be read at each.
    ended = not data or data[-1] in _ASCII_BREAKS
    data = b"".join([data, b"" if ended else b"\n", b" " * 8])
    raw = np.frombuffer(data, dtype=np.uint8)
    begins, ends, breaks = _layout(raw)
    cut = np.searchsorted(begins, breaks)  # fields before each line break
    per_line = np.diff(cut, prepend=0)
    first = cut - per_line
    docstart = np.zeros(len(per_line), dtype=bool)
    if DOCSTART in data:
        lines = np.flatnonzero(per_line > 0)
        docstart[lines[_docstart(raw, begins, ends, first[lines])]] = True
    token_line = (per_line >= 2) & ~docstart
    bad = np.flatnonzero((per_line == 1) & ~docstart) + 1
    line_index = np.flatnonzero(token_line)
    # Every field of a token line is a piece of its token, but the last, its tag.
    tag = cut[line_index] - 1
    pieces = per_line[line_index] - 1
    if bool((pieces == 1).all()):
        piece = first[line_index]
    else:
        on_token_line = np.repeat(token_line, per_line)
        on_token_line[tag] = False
        piece = np.flatnonzero(on_token_line)
    tag_id, names = _tag_ids(data, begins[tag], ends[tag])
    # A sentence begins at a token line after a blank or -DOCSTART- line (or at the first).
    blank = per_line == 0
    boundaries = np.cumsum(blank | docstart)
    group = boundaries[line_index]
    new_sentence = np.r_[True, group[1:] != group[:-1]][:len(group)]
    doc_group = np.cumsum(docstart)[line_index]
    new_document = np.r_[True, doc_group[1:] != doc_group[:-1]][:len(group)]
    # Separated: some blank line ends a sentence (tokens since the boundary before it).
    sizes = np.bincount(group, minlength=int(boundaries[-1]) + 1 if len(per_line) else 1)
    separated = bool(np.any(sizes[boundaries[blank] - 1] > 0))
    marked = bool(docstart.any())
    bounds = np.r_[0, np.cumsum(pieces)].astype(np.int64)
    return (TaggedTokens(data, begins[piece], ends[piece], bounds, tag_id, names, new_sentence,
                         new_document & marked, marked), bad, separated)


def _layout(raw: NDArray[np.uint8]) -> tuple[Ints, Ints, Ints]:
    """(where each field begins, one past where it ends, where each line break is) in UTF-8
    bytes whose white space is all ASCII and that end with a space. ASCII white space is 9-13
    and 28-32, the line breaks among it 10-13 and 28-30 (the subtractions wrap around)."""
    space = np.empty(len(raw) + 1, dtype=bool)
    space[0] = True  # as if a space came first
    np.less_equal(raw - np.uint8(9), 4, out=space[1:])
    space[1:] |= (raw - np.uint8(28)) <= 4
    edges = np.flatnonzero(space[1:] != space[:-1])  # a field begins, ends, begins ...
    at = np.flatnonzero(((raw - np.uint8(10)) <= 3) | ((raw - np.uint8(28)) <= 2))
    # "\r\n" is one line break: drop the "\r" that a "\n" follows.
    at = at[(raw[at] != 13) | (raw[at + 1] != 10)]
    return edges[0::2], edges[1::2], at


def _docstart(raw: NDArray[np.uint8], begins: Ints, ends: Ints, fields: Ints) -> Flags:
    """Which of the ``fields`` are exactly ``-DOCSTART-``."""
    found: Flags = ends[fields] - begins[fields] == len(DOCSTART)
    for k, byte in enumerate(DOCSTART):
        found[found] = raw[begins[fields[found]] + k] == byte
    return found


def _tag_ids(data: bytes, begin: Ints, end: Ints) -> tuple[Ints, list[str]]:
    """Each tag as an index into the distinct tags, in order of first use. A tag's bytes are
    read eight at a time as integers and folded with its length into one integer, exact for
    tags of up to seven bytes and checked for longer ones; a corpus has a few distinct tags,
    so each is found with one comparison over the tags still unnamed."""
    length = end - begin
    words = max(1, -(-int(length.max()) // 8)) if len(length) else 1
    # The text ends with eight spaces; a tag over eight bytes may need more.
    padded = np.frombuffer(data if words == 1 else data + bytes(8 * words), dtype=np.uint8)
    eight = np.ndarray((len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
    columns = [_word(eight, begin + 8 * w, length - 8 * w) for w in range(words)]
    key = (length.view(np.uint64) << np.uint64(56)) ^ columns[0]
    for column in columns[1:]:
        key *= np.uint64(0x9E3779B97F4A7C15)
        key ^= column
    ids = np.zeros(len(begin), dtype=np.int64)
    firsts = [0] if len(begin) else []
    todo = np.flatnonzero(key != key[0]) if len(begin) else np.zeros(0, dtype=np.int64)
    rest = key[todo]
    while len(todo) and len(firsts) < 64:
        same = rest == rest[0]
        ids[todo[same]] = len(firsts)
        firsts.append(int(todo[0]))
        todo, rest = todo[~same], rest[~same]
    exact = words == 1 and (not len(length) or int(length.max()) < 8)
    if len(todo) or not (exact or _same_bytes(columns + [length], ids, firsts)):
        # Many distinct tags (or folded keys that collide): sort them all instead.
        rows = np.stack([*columns, length.astype(np.uint64)], axis=1)
        _, first, inverse = np.unique(rows, axis=0, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")  # in order of first use
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        ids, firsts = rank[inverse.reshape(-1)], first[order].tolist()
    names = [data[begin[k]:end[k]].decode("utf-8", "surrogatepass") for k in firsts]
    return ids, names


def _word(eight: NDArray[np.uint64], at: Ints, left: Ints) -> NDArray[np.uint64]:
    """The eight bytes from each ``at``, those past the tag's ``left`` bytes set to zero."""
    word = eight[at]
    keep = np.clip(left, 0, 8)
    shift = ((8 - keep) * 8).view(np.uint64)
    word <<= np.minimum(shift, np.uint64(56))  # a shift by 64 is undefined
    word >>= np.minimum(shift, np.uint64(56))
    word[keep == 0] = 0
    return word


def _same_bytes(columns: list[NDArray[Any]], ids: Ints, firsts: list[int]) -> bool:
    """Whether every tag has the bytes and length of the first tag given its id."""
    model = np.array(firsts, dtype=np.int64)[ids]
    return all(bool((column == column[model]).all()) for column in columns)


def _wide_space(raw: NDArray[np.uint8]) -> bool:
    """Whether UTF-8 bytes hold a white-space character above U+007F."""
    at = np.flatnonzero((raw == 0xC2) | ((raw - np.uint8(0xE1)) <= 2))  # their lead bytes
    if len(at) == 0:
        return False
    # A lead byte always has its continuation bytes (the text is whole), so none is clipped.
    last = len(raw) - 1
    one, two, three = (raw[np.minimum(at + k, last)].astype(np.int64) for k in range(3))
    two, three = one << 8 | two, one << 16 | two << 8 | three
    return bool(np.isin(two, [int.from_bytes(b) for b in _WIDE_UTF8 if len(b) == 2]).any()
                or np.isin(three, [int.from_bytes(b) for b in _WIDE_UTF8 if len(b) == 3]).any())
