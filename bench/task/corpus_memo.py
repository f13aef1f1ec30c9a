"""Token corpora remembered between commands: a CoNLL corpus is read, cut into documents and
turned into gold spans once, then loaded from ``.bench-cache/corpora/<task>.corpus`` (most of
what ``bench validate`` and ``bench check`` spent on a 150,000-line corpus).

An entry is used only when everything the documents and spans are made from is the same: the
corpus file's bytes (its sha256), the task's name and labels, the ``corpus`` block, bench's
version and the source of every module of the ``bench`` package. Anything else is a miss; so is
an entry that is cut, edited (it carries a digest of its content) or unreadable. A miss reads
the corpus as before and rewrites the entry; a cache that cannot be written is left alone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import fields
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any

import numpy as np

from bench import __version__
from bench.core.atomic import write_files
from bench.core.records import Document
from bench.corpora import CorpusSpec, collector_paused, load_corpus
from bench.errors import WriteError
from bench.kinds.spans import Span

FOLDER = Path(".bench-cache") / "corpora"
"""Where the entries live, relative to the project folder."""
FORMAT = 4
"""Bumped when the layout of an entry changes."""
PACKAGE = Path(__file__).resolve().parent.parent


def remembered_corpus(root: Path, name: str, corpus: CorpusSpec, labels: Sequence[str]
                      ) -> tuple[list[Document], list[Span]]:
    """``load_corpus(name, corpus, labels)``, from the entry of task ``name`` when it was made
    from exactly these inputs; else read and the entry rewritten."""
    if corpus.format != "conll":
        return load_corpus(name, corpus, labels)
    try:
        key = _key(name, corpus, labels)
    except OSError:  # no corpus file: load_corpus says so in one line
        return load_corpus(name, corpus, labels)
    entry = root / FOLDER / f"{name}.corpus"
    with collector_paused():
        found = _read(entry, key)
        if found is not None:
            return found
        documents, spans = load_corpus(name, corpus, labels)
        _write(entry, key, documents, spans)
    return documents, spans


def _read(entry: Path, key: str) -> tuple[list[Document], list[Span]] | None:
    """The documents and spans of an entry that is whole, unedited and made from ``key``."""
    try:
        head, _, body = entry.read_bytes().partition(b"\n")
        meta = json.loads(head)
        if meta["key"] != key or meta["sha256"] != hashlib.sha256(body).hexdigest():
            return None
        line, _, raw = body.partition(b"\n")
        content = json.loads(line)
        size = 4 * 8 * content["spans"]
        doc, start, end, label = np.frombuffer(raw[:size], "<i8").reshape(4, -1).tolist()
        everything, at, documents = raw[size:].decode("utf-8"), 0, []
        for row in content["documents"]:
            length = row[1]
            row[1] = everything[at:at + length]
            at += length
            documents.append(Document(*row))
        ids, texts = [d.id for d in documents], [d.text for d in documents]
        labels = content["labels"]
        return documents, [Span(ids[d], s, e, labels[k], texts[d][s:e])
                           for d, s, e, k in zip(doc, start, end, label, strict=True)]
    except (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None


def _write(entry: Path, key: str, documents: list[Document], spans: list[Span]) -> None:
    """Store an entry atomically: a header line (key, digest of the rest); a line of JSON (each
    document as a row of its fields, its text given by its length; the span labels and count);
    the spans as four columns of 64-bit integers (document, start, end, label), a span's text
    being its document's text from start to end, as the loader made it; then the documents'
    texts one after another."""
    index = {d.id: n for n, d in enumerate(documents)}
    labels = list(dict.fromkeys(s.label for s in spans))
    code = {label: n for n, label in enumerate(labels)}
    columns = np.array([[index[s.doc] for s in spans], [s.start for s in spans],
                        [s.end for s in spans], [code[s.label] for s in spans]], dtype="<i8")
    rows = [[row[0], len(row[1]), *row[2:]] for row in _rows(documents, Document)]
    line = json.dumps({"documents": rows, "labels": labels, "spans": len(spans)},
                      ensure_ascii=False)
    body = b"".join([line.encode(), b"\n", columns.tobytes(),
                     "".join(d.text for d in documents).encode("utf-8")])
    head = json.dumps({"key": key, "sha256": hashlib.sha256(body).hexdigest()})
    try:
        write_files({entry: head.encode() + b"\n" + body})
    except WriteError:  # a read-only project: the corpus is read again next time
        return


def _rows(records: Sequence[Any], cls: type) -> list[tuple[Any, ...]]:
    """Each record's fields in their declared order (read back as ``cls(*row)``; a change of
    the fields changes bench's source, so the key). Not ``dataclasses.asdict``, which
    deep-copies every value: two thirds of a 1.2M-token corpus's first load."""
    return list(map(attrgetter(*(f.name for f in fields(cls))), records))


def _key(name: str, corpus: CorpusSpec, labels: Sequence[str]) -> str:
    """A digest of everything the documents and spans are made from."""
    block = {f.name: str(getattr(corpus, f.name)) for f in fields(corpus)}
    parts: list[Any] = [FORMAT, __version__, _code(), name, list(labels), block,
                        hashlib.sha256(corpus.path.read_bytes()).hexdigest()]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


@cache
def _code() -> str:
    """A digest of the source of the whole ``bench`` package (once per process)."""
    digest = hashlib.sha256()
    for source in sorted(PACKAGE.rglob("*.py")):
        digest.update(source.relative_to(PACKAGE).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()
