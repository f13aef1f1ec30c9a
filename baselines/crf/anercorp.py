"""crf-anercorp: a linear-chain CRF trained on the ANERcorp training split, types mapped to ours.

Training (``python -m baselines.crf.anercorp --train``) reads the first 125,102 tokens of
``data/anercorp/ANERCorp.txt`` only (never the test part), cuts them into sentences after full
stops, repairs stray ``I-`` tags (``baselines.anercorp``) and fits python-crfsuite with L-BFGS
and fixed, untuned settings (``PARAMS``) on the ANERcorp tags (PERS, LOC, ORG, MISC) with the
features of ``baselines.crf.features``. The result is deterministic and is shipped as
``baselines/data/crf-anercorp.crfsuite`` (derived from ANERcorp, CC BY-SA 4.0). ``--evaluate``
scores it on the ANERcorp test part (seqeval, strict IOB2, after the type map).

Prediction: each line of a document is tokenized with ``baselines.arabic.tokenize`` (word runs
and single punctuation marks, close to ANERcorp's tokens), cut into sentences after full stops
and tagged. Entities become character spans; their type goes through
``baselines/data/anercorp_map.yaml`` (PERS→PER, ORG→ORG, LOC→GPE except continents, regions and
natural features, which stay LOC; MISC dropped). ANERcorp keeps proclitics inside entity tokens
and our spans leave them out, so the first token of each entity is trimmed by
``baselines.crf.features.proclitic_length`` with word counts from the ANERcorp training part.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import pycrfsuite

from baselines import anercorp
from baselines.crf.features import (
    normalize,
    proclitic_length,
    sentence_features,
    tag_document,
    tags_to_spans,
    train_crf,
)
from bench.api import Document, Span, System

MODEL = Path(__file__).resolve().parent.parent / "data" / "crf-anercorp.crfsuite"
"""The shipped model."""
PARAMS: dict[str, float | int] = {
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": 1,
}
"""Training settings: common defaults, fixed before any evaluation and not tuned."""


def training_sentences(corpus: Path = anercorp.CORPUS) -> list[tuple[list[str], list[str]]]:
    """The ANERcorp training part as (words, tags) sentences."""
    tokens, _ = anercorp.read_corpus(corpus)
    train_part, _ = anercorp.split(tokens)
    return anercorp.load_sentences(train_part)


def train(model: Path = MODEL, corpus: Path = anercorp.CORPUS) -> dict[str, Any]:
    """Train the CRF on the ANERcorp training part, write it to ``model``; sizes and seconds."""
    began = time.perf_counter()
    data = training_sentences(corpus)
    model.parent.mkdir(parents=True, exist_ok=True)
    count = train_crf(((sentence_features(w), t) for w, t in data), model, PARAMS)
    return {
        "sentences": count,
        "tokens": sum(len(w) for w, _ in data),
        "seconds": round(time.perf_counter() - began, 1),
        "bytes": model.stat().st_size,
    }


@lru_cache(maxsize=2)  # once per process: every task this system runs on reads the same counts
def vocabulary(corpus: Path = anercorp.CORPUS) -> tuple[Counter[str], Counter[str]]:
    """Normalized word counts of the training part: inside entities, and anywhere (shared:
    read them, do not change them)."""
    data = training_sentences(corpus)
    inside: Counter[str] = Counter()
    for word, count in anercorp.entity_words(data).items():
        inside[normalize(word)] += count
    anywhere = Counter(normalize(w) for words, _ in data for w in words)
    return inside, anywhere


class AnercorpCRF(System):
    """CRF trained on ANERcorp (train split), ANERcorp types mapped to ours."""

    name = "crf-anercorp"
    version = "1"
    kinds = ("spans",)
    labels = ("PER", "ORG", "GPE", "LOC")
    regime = "external"
    resources = (
        "ANERcorp training split (first 125,102 tokens; CAMeL Lab split), Benajiba, Rosso and "
        "Benedí 2007, CC BY-SA 4.0, copy from github.com/HassanAzzam/Arabic-NER",
    )
    tuned_on_test = False

    def __init__(self, model: Path = MODEL, corpus: Path = anercorp.CORPUS) -> None:
        """A system reading ``model`` (trained from ``corpus`` first when missing)."""
        self.model = model
        self.corpus = corpus

    @cached_property
    def tagger(self) -> pycrfsuite.Tagger:
        """The CRF, trained on the spot (with a note on stderr) when the model file is missing."""
        if not self.model.exists():
            print(f"crf-anercorp: {self.model} is missing; training it", file=sys.stderr)
            train(self.model, self.corpus)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(self.model))
        return tagger

    @cached_property
    def counts(self) -> tuple[Counter[str], Counter[str]]:
        """Training-part word counts used by the proclitic rule."""
        return vocabulary(self.corpus)

    @cached_property
    def types(self) -> anercorp.TypeMap:
        """The ANERcorp-to-bench type map."""
        return anercorp.load_type_map()

    def strip(self, word: str) -> int:
        """Characters of proclitic to leave out of an entity starting with ``word``."""
        return proclitic_length(word, *self.counts)

    def predict(self, doc: Document) -> list[Span]:
        """Entity spans of ``doc``, in our labels, proclitics left out."""
        spans: list[Span] = []
        for tokens, tags in tag_document(self.tagger, doc.text):
            spans += tags_to_spans(doc, tokens, tags, self.types.label, self.strip)
        return spans


def evaluate(model: Path = MODEL, corpus: Path = anercorp.CORPUS) -> dict[str, Any]:
    """Strict IOB2 seqeval scores on the ANERcorp test part, gold and predictions type-mapped."""
    tokens, _ = anercorp.read_corpus(corpus)
    _, test_part = anercorp.split(tokens)
    types = anercorp.load_type_map()
    tagger = AnercorpCRF(model, corpus).tagger
    gold: list[list[str]] = []
    pred: list[list[str]] = []
    for words, tags in anercorp.load_sentences(test_part):
        gold.append(anercorp.map_tags(words, tags, types))
        guess = tagger.tag(sentence_features(words))
        pred.append(anercorp.map_tags(words, guess, types))
    # seqeval pulls in scikit-learn: imported here, so listing or running cached systems
    # does not pay for it.
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    report = classification_report(gold, pred, mode="strict", scheme=IOB2, output_dict=True)
    return {k: {m: round(float(v), 4) for m, v in row.items()} for k, row in report.items()}


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--train`` retrains the shipped model, ``--evaluate`` scores it."""
    parser = argparse.ArgumentParser(prog="python -m baselines.crf.anercorp", description=__doc__)
    parser.add_argument("--train", action="store_true", help="retrain on the ANERcorp train split")
    parser.add_argument("--evaluate", action="store_true", help="score on the ANERcorp test split")
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    if not (args.train or args.evaluate):
        parser.error("give --train and/or --evaluate")
    if args.train:
        stats = train(args.model)
        print(f"trained on {stats['sentences']} sentences, {stats['tokens']} tokens in "
              f"{stats['seconds']} s; {args.model} ({stats['bytes']} bytes)")
    if args.evaluate:
        for label, row in evaluate(args.model).items():
            print(f"{label:14} " + "  ".join(f"{m}={v}" for m, v in row.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
