"""Outside corpora as tasks: documents and gold read from a corpus file the task YAML names.

A task YAML may replace ``documents`` and ``gold`` with a ``corpus`` block::

    corpus:
      format: conll            # conll | jsonl | hf
      path: data/anercorp/ANERCorp.txt
      sentences: full-stop     # conll: blank-line (default) or full-stop
      select: {last: 25008}    # conll and hf: keep the first or last N tokens
      bad_lines: skip          # conll: skip lines that are not "TOKEN ... TAG" (default: error)
      per_document: 50         # sentences per generated document (default 50)
      labels: {PERS: PER, LOC: LOC, ORG: ORG, MISC: null}   # corpus type -> task label; null drops

- ``conll``: one ``token tag`` line per token, the tag last; ``B-``/``I-`` tags (an ``I-`` that
  continues nothing starts an entity). Sentences end at blank lines, or with ``full-stop``
  after a run of "." tokens. A ``-DOCSTART-`` line (``-DOCSTART- O``, as ``bench export``
  writes before each document, or CoNLL-2003's ``-DOCSTART- -X- -X- O``) ends a document and
  is never a token: a file with such lines keeps its documents (``per_document`` is then
  unused); a file without them is cut into documents of ``per_document`` sentences.
- ``hf``: a ``datasets`` folder written by ``save_to_disk`` (a ``Dataset``, or a
  ``DatasetDict`` with ``split:`` naming the part): either ``id``, ``text`` and ``entities``
  columns (what ``bench export --format hf`` writes; one row per document, spans kept), or
  ``tokens`` and ``ner_tags`` columns, the tags a ``ClassLabel`` sequence or strings, one row
  per sentence.
- ``jsonl``: ``path`` holds one document per line, ``{"id", "text", "dct"?}``, and ``gold``
  (beside ``corpus``) the records in the task's gold format.

Token corpora become documents whose lines are the sentences (so the bootstrap unit, the
paragraph, is the sentence) and whose tokens are joined by single spaces; a document's id is
``<task>-<n>`` and its sha256 is that of the generated text.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bench.core.conll import parse_conll
from bench.core.records import Document
from bench.core.tagged_tokens import (
    Ints,
    TaggedTokens,
    decode_entities,
    full_stop_sentences,
    joined,
)
from bench.core.yamlio import check_keys, shown
from bench.errors import InputError
from bench.kinds.spans import Span, SpanKind
from bench.metrics.token_arrays import CORPUS_TOKENS

CORPUS_KEYS = ("format", "path", "sentences", "select", "bad_lines", "per_document", "labels",
               "split")
FORMATS = ("conll", "jsonl", "hf")


@dataclass(frozen=True)
class CorpusSpec:
    """The ``corpus`` block of a task YAML."""

    format: str
    path: Path
    sentences: str = "blank-line"
    select: tuple[str, int] | None = None
    bad_lines: str = "error"
    per_document: int = 50
    labels: dict[str, str | None] = field(default_factory=dict, hash=False)
    split: str | None = None

    def signature(self) -> str:
        """What changes the documents or gold, for the gold hash."""
        return json.dumps([self.format, self.sentences, self.select, self.bad_lines,
                           self.per_document, sorted(self.labels.items(), key=str), self.split])


def parse_corpus(raw: Any, path: Path, root: Path) -> CorpusSpec:
    """Check a task's ``corpus`` block."""
    if not isinstance(raw, dict):
        raise InputError("'corpus' must be a mapping", where=shown(path),
                         hint="see tasks/anercorp.yaml")
    check_keys(raw, CORPUS_KEYS, path, required=("format", "path"))
    fmt = str(raw["format"])
    if fmt not in FORMATS:
        raise InputError(f"corpus format '{fmt}' is not one of {', '.join(FORMATS)}",
                         where=shown(path), hint="use conll, jsonl or hf")
    select = raw.get("select")
    chosen: tuple[str, int] | None = None
    if select is not None:
        if (not isinstance(select, dict) or len(select) != 1
                or next(iter(select)) not in ("first", "last")
                or not isinstance(next(iter(select.values())), int)):
            raise InputError("corpus 'select' must be {first: N} or {last: N}",
                             where=shown(path), hint="e.g. 'select: {last: 25008}'")
        key, value = next(iter(select.items()))
        chosen = (str(key), int(value))
    sentences = str(raw.get("sentences", "blank-line"))
    if sentences not in ("blank-line", "full-stop"):
        raise InputError(f"corpus sentences '{sentences}' is not blank-line or full-stop",
                         where=shown(path))
    labels = raw.get("labels") or {}
    if not isinstance(labels, dict):
        raise InputError("corpus 'labels' must map corpus types to task labels (or null)",
                         where=shown(path), hint="e.g. 'labels: {PERS: PER, MISC: null}'")
    bad = str(raw.get("bad_lines", "error"))
    if bad not in ("error", "skip"):
        raise InputError(f"corpus bad_lines '{bad}' is not error or skip", where=shown(path))
    return CorpusSpec(fmt, root / str(raw["path"]), sentences, chosen, bad,
                      int(raw.get("per_document", 50)),
                      {str(k): (None if v is None else str(v)) for k, v in labels.items()},
                      None if raw.get("split") is None else str(raw["split"]))


def read_conll(spec: CorpusSpec) -> TaggedTokens:
    """Tokens, tags, sentences and documents of a CoNLL-style file, selected (``select``) and
    cut into sentences as the corpus block says."""
    try:
        data = spec.path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read corpus: {exc.strerror}", where=shown(spec.path),
                         hint="check the corpus path in the task YAML") from exc
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
                         where=f"{shown(spec.path)}:{at}",
                         hint="save the corpus as UTF-8, e.g. with iconv -f cp1256 -t utf-8"
                         ) from exc
    if b"\r" in data:  # line ends as a text file reads them: "\r\n" and "\r" become "\n"
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    tagged, bad, separated = parse_conll(data)
    if len(bad) and spec.bad_lines != "skip":
        n = int(bad[0])
        bad_line = data.decode("utf-8").splitlines()[n - 1].strip()
        raise InputError(f"expected 'TOKEN TAG', got {bad_line!r}",
                         where=f"{shown(spec.path)}:{n}",
                         hint="fix the line, or set 'bad_lines: skip' in the corpus block")
    tagged = _selected(tagged, spec)
    return full_stop_sentences(tagged) if spec.sentences == "full-stop" or not separated \
        else tagged


def _selected(tagged: TaggedTokens, spec: CorpusSpec) -> TaggedTokens:
    """The first or last N tokens, when the corpus block selects."""
    if not spec.select:
        return tagged
    key, n = spec.select
    keep = np.zeros(len(tagged), dtype=bool)
    if key == "first":
        keep[:max(n, 0)] = True
    elif n > 0:
        keep[-n:] = True
    return tagged.take(keep)



def open_hf(spec: CorpusSpec) -> Any:
    """The ``Dataset`` of a ``save_to_disk`` folder (the named split of a ``DatasetDict``)."""
    try:
        import datasets
    except ImportError as exc:
        raise InputError("corpus format 'hf' needs the datasets package",
                         hint="pip install 'bench[hf]'") from exc
    try:
        loaded = datasets.load_from_disk(str(spec.path))
    except (FileNotFoundError, ValueError) as exc:
        raise InputError(f"not a datasets folder: {exc}", where=shown(spec.path),
                         hint="write it with Dataset.save_to_disk") from exc
    if isinstance(loaded, datasets.DatasetDict):
        if spec.split not in loaded:
            raise InputError(f"split '{spec.split}' not in the dataset ({', '.join(loaded)})",
                             where=shown(spec.path), hint="set 'split:' in the corpus block")
        loaded = loaded[spec.split]
    return loaded


def hf_documents(loaded: Any, labels: Sequence[str]) -> tuple[list[Document], list[Span]]:
    """Documents and spans of a dataset with ``id``, ``text`` and ``entities`` columns (the
    layout ``bench export --format hf`` writes)."""
    documents, spans = [], []
    kind = SpanKind()
    for row in loaded:
        text = row["text"]
        documents.append(Document(row["id"], text, hashlib.sha256(text.encode()).hexdigest(),
                                  row.get("dct") or None))
        for span in kind.hf_decode(row, loaded.features):
            if span.label not in labels:
                raise InputError(f"label '{span.label}' is not a task label",
                                 where=f"dataset row '{row['id']}'", hint="check the task labels")
            spans.append(span)
    return documents, spans


def read_hf(spec: CorpusSpec, loaded: Any) -> TaggedTokens:
    """Sentences of (token, tag) from a token dataset (``tokens`` and ``ner_tags``)."""
    for column in ("tokens", "ner_tags"):
        if column not in loaded.column_names:
            raise InputError(f"dataset has no '{column}' column", where=shown(spec.path),
                             hint="token datasets need tokens and ner_tags")
    feature = loaded.features["ner_tags"]
    inner = getattr(feature, "feature", None)
    names = getattr(inner, "names", None)
    sentences = []
    for row in loaded:
        tags = [names[t] if names else str(t) for t in row["ner_tags"]]
        sentences.append(list(zip(row["tokens"], tags, strict=True)))
    return _selected(TaggedTokens.of(sentences), spec)


def build(name: str, tagged: TaggedTokens, spec: CorpusSpec, labels: Sequence[str]
          ) -> tuple[list[Document], list[Span]]:
    """Documents (sentences as lines, tokens joined by single spaces) and gold spans; the
    corpus's own documents when it marks them, else ``per_document`` sentences each. Array
    operations over all tokens, so linear in tokens whatever the number of documents."""
    sentence = np.cumsum(tagged.sentence_start) - 1
    if tagged.marked:
        starts = tagged.document_start
    else:
        starts = tagged.sentence_start & (sentence % max(1, spec.per_document) == 0)
    document = np.cumsum(starts) - 1
    first = np.flatnonzero(starts)
    text = joined(tagged)
    byte_bounds = [*text.byte_begin[first].tolist(), len(text.text)]
    char_first = text.char_begin[first]
    everything = text.text.decode("utf-8")
    char_bounds = [*char_first.tolist(), len(everything)]
    view = memoryview(text.text)
    documents: list[Document] = []
    for d in range(len(first)):
        documents.append(Document(
            f"{name}-{d + 1:04d}", everything[char_bounds[d]:char_bounds[d + 1]],
            hashlib.sha256(view[byte_bounds[d]:byte_bounds[d + 1]]).hexdigest(), None, "ar",
            {"path": str(spec.path), "tokenization": CORPUS_TOKENS}))
    begin, end, kind = decode_entities(tagged)
    doc = document[begin]
    return documents, _spans(documents, doc, text.char_begin[begin] - char_first[doc],
                             text.char_end[end - 1] - char_first[doc], kind, spec, labels)


def _spans(documents: list[Document], doc: Ints, start: Ints, end: Ints, kinds: list[str],
           spec: CorpusSpec, labels: Sequence[str]) -> list[Span]:
    """Entities as character spans, corpus types mapped to task labels."""
    mapping: dict[str, str | None] = {}
    for kind in dict.fromkeys(kinds):
        mapped = spec.labels.get(kind, kind) if spec.labels else kind
        if mapped is not None and mapped not in labels:
            raise InputError(f"corpus type '{kind}' maps to '{mapped}', which is "
                             f"not a task label", where=shown(spec.path),
                             hint="add it to 'labels' or map it to null")
        mapping[kind] = mapped
    ids, texts = [d.id for d in documents], [d.text for d in documents]
    return [Span(ids[d], s, e, label, texts[d][s:e])
            for d, s, e, label in zip(doc.tolist(), start.tolist(), end.tolist(),
                                      map(mapping.__getitem__, kinds), strict=True)
            if label is not None]


def load_corpus(name: str, spec: CorpusSpec, labels: Sequence[str]
                ) -> tuple[list[Document], list[Span]]:
    """Documents and gold of a token corpus (``conll`` or ``hf``)."""
    if spec.format == "hf":
        loaded = open_hf(spec)
        if {"id", "text", "entities"} <= set(loaded.column_names):
            return hf_documents(loaded, labels)
        tagged = read_hf(spec, loaded)
    else:
        with collector_paused():
            tagged = read_conll(spec)
    if not len(tagged):
        raise InputError("the corpus selection holds no tokens", where=shown(spec.path))
    with collector_paused():
        return build(name, tagged, spec, labels)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Millions of short strings and spans, and no reference cycles among them: the cyclic
    garbage collector, which would rescan a large process's whole heap while they are made,
    waits until they are built."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_jsonl_documents(path: Path) -> list[Document]:
    """Documents from a JSONL file of ``{"id", "text", "dct"?}``."""
    from bench.core.yamlio import read_jsonl

    documents = []
    for n, raw in read_jsonl(path):
        if not isinstance(raw.get("id"), str) or not isinstance(raw.get("text"), str):
            raise InputError("expected {\"id\": str, \"text\": str}", where=f"{shown(path)}:{n}",
                             hint="one document per line")
        text = raw["text"]
        documents.append(Document(raw["id"], text, hashlib.sha256(text.encode()).hexdigest(),
                                  raw.get("dct"), str(raw.get("language", "ar"))))
    return documents
