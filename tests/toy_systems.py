"""Small systems for tests: a fixed dictionary tagger and a memorizing trainable one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bench.core.records import Document
from bench.kinds.spans import Span
from bench.systems.protocol import System

NAMES = {"بوتين": "PER", "موسكو": "GPE", "بايدن": "PER", "كييف": "GPE"}


class DictionaryTagger(System):
    """Tags every occurrence of a few fixed names."""

    name = "toy-dict"
    version = "1"
    tasks = ("ner",)  # the deprecated form (task names), kept to stay tested
    regime = "rules"
    resources = ("four names typed into the test",)

    def predict(self, doc: Document) -> list[Span]:
        out = []
        for name, label in NAMES.items():
            for m in re.finditer(name, doc.text):
                out.append(Span(doc.id, m.start(), m.end(), label))
        return out


class Memorizer(System):
    """Remembers the gold names of its training documents and tags them."""

    name = "toy-memo"
    version = "1"
    kinds = ("spans",)
    regime = "cross-validated"
    seen_training_docs: list[list[str]] = []

    def fit(self, documents: Sequence[Document], gold: Sequence[Span]) -> None:
        Memorizer.seen_training_docs.append([d.id for d in documents])
        assert {s.doc for s in gold} <= {d.id for d in documents}
        self.names = {s.text: s.label for s in gold}

    def predict(self, doc: Document) -> list[Span]:
        out: list[Span] = []
        taken: set[int] = set()
        for name in sorted(self.names, key=len, reverse=True):
            for m in re.finditer(re.escape(name), doc.text):
                if not taken & set(range(m.start(), m.end())):
                    taken |= set(range(m.start(), m.end()))
                    out.append(Span(doc.id, m.start(), m.end(), self.names[name]))
        return out


class Crashing(System):
    """Raises in predict."""

    name = "toy-crash"
    version = "1"
    kinds = ("spans",)

    def predict(self, doc: Document) -> list[Span]:
        raise RuntimeError("boom")


class Overlapping(System):
    """Returns two overlapping spans."""

    name = "toy-overlap"
    version = "1"
    kinds = ("spans",)

    def predict(self, doc: Document) -> list[Span]:
        return [Span(doc.id, 0, 4, "PER"), Span(doc.id, 2, 6, "ORG")]


class Oracle(System):
    """Predicts the gold mentions except in the paragraphs listed in ``MISS`` (doc, index)."""

    name = "toy-oracle"
    version = "1"
    kinds = ("spans",)
    regime = "rules"
    MISS: set[tuple[str, int]] = set()

    def predict(self, doc: Document) -> list[Span]:
        import json
        from pathlib import Path

        paragraphs = doc.paragraphs()
        out = []
        for line in Path("gold/ner.jsonl").read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            if g["doc"] != doc.id:
                continue
            index = next(p.index for p in paragraphs if p.start <= g["start"] < p.end)
            if (doc.id, index) not in Oracle.MISS:
                out.append(Span(doc.id, g["start"], g["end"], g["type"]))
        return out
