"""The one tagging rule (``bench.core.tagging``) and the tokenizer it runs over."""

from __future__ import annotations

import pytest

from bench.core.tagging import decode, encode
from bench.core.tokens import token_offsets

TOKENS = [(0, 4), (5, 10), (11, 16)]
"""Three tokens: [0,4) [5,10) [11,16)."""

ENCODE = [
    ([], ["O", "O", "O"]),
    ([(5, 16, "ORG")], ["O", "B-ORG", "I-ORG"]),
    ([(6, 8, "PER")], ["O", "B-PER", "O"]),  # a span inside a token tags the whole token
    ([(0, 4, "PER"), (5, 10, "PER")], ["B-PER", "B-PER", "O"]),  # adjacent spans stay two
    ([(5, 7, "PER"), (8, 16, "LOC")], ["O", "B-PER", "B-LOC"]),  # the earlier span takes it...
    ([(8, 16, "LOC"), (5, 7, "PER")], ["O", "B-PER", "B-LOC"]),  # ...whatever the input order
    ([(5, 9, "PER"), (5, 7, "LOC")], ["O", "B-LOC", "O"]),  # same start: the shorter one
]


@pytest.mark.parametrize(("spans", "tags"), ENCODE,
                         ids=["none", "two-tokens", "inside-a-token", "adjacent",
                              "touching-two-first-wins", "input-order", "tie-shorter"])
def test_encode(spans: list[tuple[int, int, str]], tags: list[str]) -> None:
    assert encode(spans, TOKENS) == tags


DECODE = [
    (["O", "B-PER", "I-PER", "O"], [(1, 3, "PER")]),
    (["B-PER", "B-PER"], [(0, 1, "PER"), (1, 2, "PER")]),
    (["O", "I-PER", "I-PER"], [(1, 3, "PER")]),  # a stray I- starts an entity
    (["B-PER", "I-LOC"], [(0, 1, "PER"), (1, 2, "LOC")]),  # another type starts one too
    (["B-PER", "O", "I-PER"], [(0, 1, "PER"), (2, 3, "PER")]),
    (["B", "I-X"], [(1, 2, "X")]),  # a tag without a type is outside
]


@pytest.mark.parametrize(("tags", "entities"), DECODE,
                         ids=["plain", "two-b", "stray-i", "type-change", "gap", "no-type"])
def test_decode(tags: list[str], entities: list[tuple[int, int, str]]) -> None:
    assert decode(tags) == entities


def test_decode_reads_back_what_encode_writes() -> None:
    spans = [(0, 4, "PER"), (5, 16, "ORG")]
    entities = decode(encode(spans, TOKENS))
    assert [(TOKENS[a][0], TOKENS[b - 1][1], lab) for a, b, lab in entities] == spans


@pytest.mark.parametrize(("text", "words"), [
    ("أُجري الاتصال", ["أُجري", "الاتصال"]),
    ("مُحَمَّدٌ قال:", ["مُحَمَّدٌ", "قال", ":"]),
    ("هٰذا", ["هٰذا"]),
    ("وبوتين، نعم", ["وبوتين", "،", "نعم"]),
], ids=["damma", "harakat-shadda-tanwin", "superscript-alef", "proclitic-and-comma"])
def test_combining_marks_stay_inside_their_word(text: str, words: list[str]) -> None:
    assert [text[a:b] for a, b in token_offsets(text)] == words
