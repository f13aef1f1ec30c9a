"""crf-lodo: a CRF trained by the harness on the gold of the other documents (leave-one-out).

``fit`` turns the gold spans of the training documents into BIO tags over the tokens of
``baselines.arabic.tokenize`` (lines cut into sentences after full stops, as in
``baselines.crf.features.segment``): a token takes the tag of the gold span it overlaps, ``B-``
when it is the first token of that span, ``I-`` after. Our spans leave attached proclitics out
but tokens keep them, so ``وبوتين`` with the gold span ``بوتين`` is one ``B-PER`` token; the
features carry every proclitic-free reading of a token (``st=بوتين``), which ties it to the bare
``بوتين`` seen elsewhere.

``predict`` tags the held-out document and maps entities back to characters, trimming the first
token with ``baselines.crf.features.proclitic_length``, with counts from the training documents:
a proclitic is left out when the stem occurs inside gold spans more often than the whole token
(gold spans never hold proclitics, so ``وبوتين`` gives ``بوتين`` once ``بوتين`` was gold), when
the stem starts with ``ال``, or (``و`` only) when the token was never seen in training.

The model is trained in memory: python-crfsuite writes it to a temporary file, read back at once.
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from baselines.arabic import Token, tokenize
from baselines.crf.features import (
    normalize,
    proclitic_length,
    segment,
    sentence_features,
    tag_document,
    tags_to_spans,
    train_crf,
)
from bench.api import Document, Span, System, encode_iob2

PARAMS: dict[str, float | int] = {
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 100,
    "feature.possible_transitions": 1,
}
"""Training settings: common defaults, fixed in advance and not tuned on any document."""


def bio_tags(tokens: Sequence[Token], spans: Sequence[Span]) -> list[str]:
    """IOB2 tags of ``tokens`` by the harness's one tagging rule (``bench.api.encode_iob2``)."""
    return encode_iob2([(s.start, s.end, s.label) for s in spans],
                       [(t.start, t.end) for t in tokens])


class SeedCRF(System):
    """CRF trained on the gold of the other documents, leave-one-document-out."""

    name = "crf-lodo"
    version = "1"
    kinds = ("spans",)  # any label set: it learns the task's own from the gold
    regime = "cross-validated"
    resources = ("gold/ner.jsonl of the other documents (leave-one-document-out)",)
    tuned_on_test = False

    def __init__(self) -> None:
        """An untrained system; ``fit`` must run before ``predict`` finds anything."""
        self._model: bytes | None = None
        self._tagger: pycrfsuite.Tagger | None = None
        self._inside: Counter[str] = Counter()
        self._anywhere: Counter[str] = Counter()

    def fit(self, documents: Sequence[Document], gold: Sequence[Span]) -> None:
        """Train on ``documents`` and their ``gold`` spans (other documents' spans are ignored)."""
        by_doc: dict[str, list[Span]] = defaultdict(list)
        for span in sorted(gold):
            by_doc[span.doc].append(span)
        data: list[tuple[list[list[str]], list[str]]] = []
        for doc in documents:
            spans = by_doc.get(doc.id, [])
            for tokens in segment(doc.text):
                data.append((sentence_features([t.text for t in tokens]), bio_tags(tokens, spans)))
                self._anywhere.update(normalize(t.text) for t in tokens)
            for span in spans:
                self._inside.update(normalize(t.text) for t in tokenize(span.text))
        if not data:
            return
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "crf-lodo.crfsuite"
            train_crf(data, path, PARAMS)
            self._model = path.read_bytes()
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self._model)

    def strip(self, word: str) -> int:
        """Characters of proclitic to leave out of an entity starting with ``word``."""
        return proclitic_length(word, self._inside, self._anywhere)

    def predict(self, doc: Document) -> list[Span]:
        """Entity spans of ``doc`` (none before ``fit``)."""
        if self._tagger is None:
            return []
        spans: list[Span] = []
        for tokens, tags in tag_document(self._tagger, doc.text):
            spans += tags_to_spans(doc, tokens, tags, lambda kind, _text: kind, self.strip)
        return spans
