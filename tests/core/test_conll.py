"""The array reader of CoNLL corpora (``bench.core.conll``, ``bench.corpora``) gives what a plain
reading of the documented rules, a line at a time, gives: the same documents, the same spans,
the same first bad line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.core.conll import WIDE_SPACES, parse_conll
from bench.core.records import Document
from bench.core.tagging import decode
from bench.corpora import CorpusSpec, load_corpus
from bench.errors import InputError
from bench.kinds.spans import Span

LABELS = ("PER", "LOC")


def plain_reading(text: str, spec: CorpusSpec, name: str
                  ) -> tuple[list[tuple[str, str]], list[tuple[str, int, int, str, str]]] | int:
    """(documents as (id, text), spans as tuples), or the number of the first bad line: the
    module docstrings of ``bench.core.conll`` and ``bench.corpora`` applied line by line."""
    rows: list[tuple[str, str, int, int]] = []  # token, tag, sentence, document
    sentence = document = 0
    since, separated, marked, first_bad = 0, False, False, 0
    for n, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields or fields[0] == "-DOCSTART-":
            separated |= not fields and since > 0
            marked |= bool(fields)
            sentence += 1
            document += bool(fields)
            since = 0
        elif len(fields) == 1:
            first_bad = first_bad or n
        else:
            rows.append((" ".join(fields[:-1]), fields[-1], sentence, document))
            since += 1
    if first_bad and spec.bad_lines != "skip":
        return first_bad
    if spec.select:
        which, count = spec.select
        rows = rows[:max(count, 0)] if which == "first" else rows[-count:] if count > 0 else []
    starts = [i == 0 or rows[i][2] != rows[i - 1][2] for i in range(len(rows))]
    doc_starts = [marked and (i == 0 or rows[i][3] != rows[i - 1][3]) for i in range(len(rows))]
    if spec.sentences == "full-stop" or not separated:
        starts = [i == 0 or doc_starts[i] or (rows[i - 1][0] == "." and rows[i][0] != ".")
                  for i in range(len(rows))]
    sentences: list[list[tuple[str, str, bool]]] = []
    for i, (token, tag, _, _) in enumerate(rows):
        if starts[i]:
            sentences.append([])
        sentences[-1].append((token, tag, doc_starts[i]))
    groups: list[list[list[tuple[str, str, bool]]]] = []
    for k, sent in enumerate(sentences):
        new = sent[0][2] if marked else k % max(1, spec.per_document) == 0
        if new:
            groups.append([])
        groups[-1].append(sent)
    documents, spans = [], []
    for d, group in enumerate(groups, start=1):
        doc_id = f"{name}-{d:04d}"
        text_lines, offset = [], 0
        for sent in group:
            tokens = [t for t, _, _ in sent]
            at = [offset + sum(len(t) + 1 for t in tokens[:i]) for i in range(len(tokens))]
            for a, b, kind in decode([g for _, g, _ in sent]):
                label = spec.labels.get(kind, kind) if spec.labels else kind
                if label is not None:
                    start, end = at[a], at[b - 1] + len(tokens[b - 1])
                    spans.append((doc_id, start, end, label, ""))
            text_lines.append(" ".join(tokens))
            offset += len(text_lines[-1]) + 1
        documents.append((doc_id, "\n".join(text_lines) + "\n"))
    by_id = dict(documents)
    return documents, [(d, s, e, lab, by_id[d][s:e]) for d, s, e, lab, _ in spans]


TOKENS = ["وقال", "بوتين", "موسكو", ".", "..", "x", "جو", "-DOCSTART-", "-X-", "«قال»", "…"]
TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-MISC", "I-MISC", "I-", "PERS", "-X-"]
SPACES = [" ", "  ", "\t", " \t ", "\x1f", "\xa0", "\u3000"]  # the last two: wide white space
ENDS = ["\n", "\r\n", "\r", "\u2028", "\x0b", "\x0c", "\x1c"]


@st.composite
def corpora(draw: Any) -> str:
    """CoNLL-like texts: mostly token lines, with blank, ``-DOCSTART-``, one-field and
    several-field lines, odd spacing and every kind of line break."""
    lines = []
    for _ in range(draw(st.integers(0, 40))):
        shape = draw(st.sampled_from(["token"] * 8 + ["blank", "docstart", "one", "more"]))
        gap, indent = draw(st.sampled_from(SPACES)), draw(st.sampled_from(["", " ", "\t"]))
        token, tag = draw(st.sampled_from(TOKENS)), draw(st.sampled_from(TAGS))
        line = {"token": f"{token}{gap}{tag}",
                "blank": draw(st.sampled_from(["", " ", "\t"])),
                "docstart": draw(st.sampled_from(["-DOCSTART- O", "-DOCSTART- -X- -X- O",
                                                  "-DOCSTART-"])),
                "one": token,
                "more": f"{token}{gap}{draw(st.sampled_from(TOKENS))}{gap}{tag}"}[shape]
        lines.append(indent + line + draw(st.sampled_from(["", " "])))
        lines.append(draw(st.sampled_from(ENDS)))
    if lines and draw(st.booleans()):
        lines.pop()  # no break after the last line
    return "".join(lines)


SPECS = st.builds(
    lambda sentences, select, bad, per, mapped: CorpusSpec(
        "conll", Path("corpus.conll"), sentences, select, bad, per, mapped),
    st.sampled_from(["blank-line", "full-stop"]),
    st.one_of(st.none(), st.tuples(st.sampled_from(["first", "last"]), st.integers(-1, 30))),
    st.sampled_from(["error", "skip"]),
    st.integers(0, 3),
    st.sampled_from([{"PERS": "PER", "LOC": "LOC", "MISC": None, "X-": None},
                     {"PERS": "LOC", "LOC": "PER", "MISC": "PER", "X-": None}]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), SPECS)
def test_the_array_reader_agrees_with_a_plain_reading(tmp_path_factory: pytest.TempPathFactory,
                                                      text: str, spec: CorpusSpec) -> None:
    folder = tmp_path_factory.mktemp("conll")
    (folder / "corpus.conll").write_bytes(text.encode("utf-8"))
    spec = CorpusSpec(spec.format, folder / "corpus.conll", spec.sentences, spec.select,
                      spec.bad_lines, spec.per_document, spec.labels)
    expected = plain_reading(text, spec, "t")
    try:
        documents, spans = load_corpus("t", spec, LABELS)
    except InputError as error:
        if isinstance(expected, int):
            assert str(error.where).endswith(f":{expected}")
            return
        if not any(d for d, _ in expected[0]):  # nothing selected: said in one line too
            assert "no tokens" in str(error)
            return
        raise
    assert not isinstance(expected, int), f"line {expected} is bad but was read"
    assert [(d.id, d.text) for d in documents] == expected[0]
    assert [(s.doc, s.start, s.end, s.label, s.text) for s in spans] == expected[1]
    assert all(isinstance(d, Document) for d in documents)
    assert all(isinstance(s, Span) for s in spans)


def test_the_wide_spaces_are_every_white_space_above_ascii() -> None:
    """The byte reader trusts ASCII white space alone only when none of these is present."""
    above_ascii = (chr(c) for c in range(128, sys.maxunicode + 1))
    assert "".join(c for c in above_ascii if c.isspace()) == WIDE_SPACES


def _tags_of(text: str) -> list[str]:
    tagged, _, _ = parse_conll(text.encode("utf-8"))
    return [tag for sentence in tagged.sentences() for _, tag in sentence]


@pytest.mark.parametrize("tags", [
    ["O", "O\x00", "O", "O\x00\x00"],  # a NUL byte is not white space: a tag of its own
    ["B-PERSON", "I-PERSON", "B-WORK_OF_ART", "I-WORK_OF_ART", "B-PERSONA", "O"],
    [f"B-T{n}" for n in range(100)] + [f"I-T{n}" for n in range(100)] + ["B-T7"],
    ["B-LONG" + "X" * 30, "B-LONG" + "X" * 29 + "Y", "B-LONG" + "X" * 30],
], ids=["nul-bytes", "over-eight-bytes", "many-distinct", "differ-in-last-byte"])
def test_tags_are_read_whole_whatever_their_length_or_number(tags: list[str]) -> None:
    text = "".join(f"tok{n} {tag}\n" for n, tag in enumerate(tags))
    assert _tags_of(text) == tags
    tagged, _, _ = parse_conll(text.encode("utf-8"))
    assert len(tagged.tag_names) == len(set(tags))


def test_parse_reads_crlf_as_one_line_break() -> None:
    crlf, lf = (parse_conll(t.encode()) for t in ("a O\r\nb B-X\r\n\r\nc O", "a O\nb B-X\n\nc O"))
    assert crlf[0].sentences() == lf[0].sentences() == [[("a", "O"), ("b", "B-X")], [("c", "O")]]
    assert crlf[2] and lf[2]
