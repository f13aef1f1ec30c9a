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
  after a run of "." tokens.
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

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

from bench.core.records import Document
from bench.core.tagging import decode
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


Tagged = tuple[str, str]


def read_conll(spec: CorpusSpec) -> list[list[Tagged]]:
    """Sentences of (token, tag) from a CoNLL-style file."""
    try:
        lines = spec.path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read corpus: {exc.strerror}", where=shown(spec.path),
                         hint="check the corpus path in the task YAML") from exc
    sentences: list[list[Tagged]] = []
    current: list[Tagged] = []
    separated = False
    for n, line in enumerate(lines, start=1):
        fields = line.split()
        if len(fields) == 2:
            current.append((fields[0], fields[1]))
        elif not fields:
            if current:
                sentences.append(current)
                current = []
                separated = True
        elif len(fields) > 2:
            current.append((" ".join(fields[:-1]), fields[-1]))
        elif spec.bad_lines != "skip":
            raise InputError(f"expected 'TOKEN TAG', got {line.strip()!r}",
                             where=f"{shown(spec.path)}:{n}",
                             hint="fix the line, or set 'bad_lines: skip' in the corpus block")
    if current:
        sentences.append(current)
    if spec.sentences == "full-stop" or not separated:
        return _select_and_split([t for s in sentences for t in s], spec)
    return _select_sentences(sentences, spec)


def _select_and_split(tokens: list[Tagged], spec: CorpusSpec) -> list[list[Tagged]]:
    """Sentences ending after each run of "." tokens."""
    if spec.select:
        key, n = spec.select
        tokens = tokens[:n] if key == "first" else tokens[-n:]
    dots = [i for i, (word, _) in enumerate(tokens) if word == "."]
    ends = [i + 1 for i in dots if i + 1 == len(tokens) or tokens[i + 1][0] != "."]
    if not ends or ends[-1] != len(tokens):
        ends.append(len(tokens))
    return [tokens[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True) if b > a]


def _select_sentences(sentences: list[list[Tagged]], spec: CorpusSpec) -> list[list[Tagged]]:
    sentences = [s for s in sentences if s]
    if not spec.select:
        return sentences
    tokens = [t for s in sentences for t in s]
    key, n = spec.select
    keep = set(range(n)) if key == "first" else set(range(len(tokens) - n, len(tokens)))
    out, i = [], 0
    for s in sentences:
        part = [t for k, t in enumerate(s, start=i) if k in keep]
        i += len(s)
        if part:
            out.append(part)
    return out


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


def read_hf(spec: CorpusSpec, loaded: Any) -> list[list[Tagged]]:
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
    if spec.select:
        return _select_sentences(sentences, spec)
    return sentences


def build(name: str, sentences: Sequence[Sequence[Tagged]], spec: CorpusSpec,
          labels: Sequence[str]) -> tuple[list[Document], list[Span]]:
    """Documents (sentences as lines) and gold spans from tagged sentences; linear in tokens,
    whatever the number of documents."""
    documents: list[Document] = []
    gold: list[Span] = []
    size = max(1, spec.per_document)
    for d, first in enumerate(range(0, len(sentences), size), start=1):
        doc_id = f"{name}-{d:04d}"
        lines: list[str] = []
        found: list[tuple[int, int, str]] = []
        pos = 0
        for sentence in sentences[first:first + size]:
            words = [token for token, _ in sentence]
            entities = decode([tag for _, tag in sentence])
            if entities:
                starts = list(accumulate((len(w) + 1 for w in words), initial=pos))
                found += [(starts[a], starts[b - 1] + len(words[b - 1]), kind)
                          for a, b, kind in entities]
            line = " ".join(words)
            lines.append(line)
            pos += len(line) + 1
        text = "\n".join(lines) + "\n"
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        documents.append(Document(doc_id, text, digest, None, "ar",
                                  {"path": str(spec.path), "tokenization": CORPUS_TOKENS}))
        gold += _spans(doc_id, text, found, spec, labels)
    return documents, gold


def _spans(doc_id: str, text: str, found: Iterable[tuple[int, int, str]], spec: CorpusSpec,
           labels: Sequence[str]) -> list[Span]:
    """Entities (``bench.core.tagging.decode``) as character spans, types mapped to labels."""
    out: list[Span] = []
    for start, end, kind in found:
        mapped = spec.labels.get(kind, kind) if spec.labels else kind
        if mapped is None:
            continue
        if mapped not in labels:
            raise InputError(f"corpus type '{kind}' maps to '{mapped}', which is "
                             f"not a task label", where=shown(spec.path),
                             hint="add it to 'labels' or map it to null")
        out.append(Span(doc_id, start, end, mapped, text[start:end]))
    return out


def load_corpus(name: str, spec: CorpusSpec, labels: Sequence[str]
                ) -> tuple[list[Document], list[Span]]:
    """Documents and gold of a token corpus (``conll`` or ``hf``)."""
    if spec.format == "hf":
        loaded = open_hf(spec)
        if {"id", "text", "entities"} <= set(loaded.column_names):
            return hf_documents(loaded, labels)
        sentences = read_hf(spec, loaded)
    else:
        sentences = read_conll(spec)
    if not sentences:
        raise InputError("the corpus selection holds no tokens", where=shown(spec.path))
    return build(name, sentences, spec, labels)


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
