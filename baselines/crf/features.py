"""What the two CRF baselines share: Arabic token features, segmentation, tags to spans, training.

Features (``token_features``) use no lexicon: the raw and normalized word, a bag of its readings
with and without a proclitic split off (``unclitic_forms``, so ``وبوتين`` and ``بوتين`` share the
feature ``st=بوتين``), prefixes and suffixes of length 1-3, the article ``ال`` (bare or after a
proclitic), digits, Latin letters, punctuation, length, and the normalized words at ±1 and ±2
with the two word bigrams around the token.

Documents are cut into lines, tokens (``baselines.arabic.tokenize``) and sentences that end after
a run of full stops, as ANERcorp is (``segment``). ``proclitic_length`` is the rule that trims
an attached proclitic from the first token of a predicted entity (see its docstring).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from baselines.arabic import PROCLITICS, Token, lookup_form, tokenize
from bench.api import Document, Span, decode_iob2

DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
"""Short vowels, shadda, sukun, dagger alef and tatweel."""
LETTER_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
PERIODS = frozenset(".·•")
STOPS = "".join(sorted(PERIODS))
"""The same characters as one string, for ``str.strip``."""
MIN_UNSEEN_STEM = 3
"""Letters a stem must keep when ``و`` is split off a word never seen in training."""

Sequences = Iterable[tuple[list[list[str]], list[str]]]
"""Training data: (features per token, tag per token) for each sentence."""


@lru_cache(maxsize=1 << 17)  # a corpus repeats its words: most calls are for a word seen before
def normalize(word: str) -> str:
    """``word`` without diacritics or tatweel, with alef forms unified, ى as ي and ة as ه."""
    return DIACRITICS.sub("", word).translate(LETTER_MAP)


def unclitic_forms(word: str) -> list[str]:
    """``word`` itself, then its dictionary form after each proclitic it may start with."""
    forms = [word]
    for clitic in PROCLITICS:
        stem = word[len(clitic) :]
        if word.startswith(clitic) and len(stem) >= 2:
            forms.append(lookup_form(clitic, stem))
    return forms


def _shape(word: str) -> list[str]:
    """Coarse shape features of a word."""
    feats = [f"len={min(len(word), 8)}"]
    if word.isdigit():
        feats.append("digit")
    elif any(c.isdigit() for c in word):
        feats.append("hasdigit")
    if word.isascii() and any(c.isalpha() for c in word):
        feats.append("latin")
    if not any(c.isalnum() for c in word):
        feats.append("punct")
    return feats


@lru_cache(maxsize=1 << 16)  # the same word always has the same own features
def word_features(word: str) -> tuple[str, ...]:
    """The features of a token that depend on its word alone, in ``token_features``'s order."""
    norm = normalize(word)
    feats = ["b", "w=" + word, "n=" + norm, *_shape(word)]
    feats += ["st=" + normalize(form) for form in unclitic_forms(word)]
    feats += [f"p{k}={norm[:k]}" for k in (1, 2, 3) if len(norm) > k]
    feats += [f"s{k}={norm[-k:]}" for k in (1, 2, 3) if len(norm) > k]
    if norm.startswith("ال"):
        feats.append("al")
    elif any(normalize(f).startswith("ال") for f in unclitic_forms(word)[1:]):
        feats.append("cl+al")
    return tuple(feats)


def token_features(words: Sequence[str], i: int, norms: Sequence[str] | None = None
                   ) -> list[str]:
    """Features of ``words[i]`` in its sentence: its word's own, then its neighbours'
    (``norms``: the words normalized, when the caller has them)."""
    norms = norms if norms is not None else [normalize(w) for w in words]
    norm = norms[i]
    feats = list(word_features(words[i]))
    for d in (-2, -1, 1, 2):
        j = i + d
        if 0 <= j < len(words):
            feats.append(f"{d}:n={norms[j]}")
            if abs(d) == 1 and norms[j].startswith("ال"):
                feats.append(f"{d}:al")
        elif abs(d) == 1:
            feats.append("BOS" if d < 0 else "EOS")
    if i > 0:
        feats.append(f"-1|0={norms[i - 1]}|{norm}")
    if i + 1 < len(words):
        feats.append(f"0|1={norm}|{norms[i + 1]}")
    return feats


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """Features of every token of a sentence."""
    norms = [normalize(w) for w in words]
    return [token_features(words, i, norms) for i in range(len(words))]


def is_full_stop(token: str) -> bool:
    """True for a token made only of full stops (``.``, middle or bold dots)."""
    return bool(token) and not token.strip(STOPS)


def sentences(words: Sequence[str]) -> list[tuple[int, int]]:
    """``(start, end)`` index ranges of sentences: a sentence ends after a run of full stops."""
    ranges: list[tuple[int, int]] = []
    start = 0
    stops = [is_full_stop(word) for word in words]
    for i, stop in enumerate(stops):
        if stop and (i + 1 == len(stops) or not stops[i + 1]):
            ranges.append((start, i + 1))
            start = i + 1
    if start < len(words):
        ranges.append((start, len(words)))
    return ranges


def segment(text: str) -> list[list[Token]]:
    """The sentences of a text: tokens of each line, cut after runs of full stops."""
    out: list[list[Token]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        tokens = tokenize(line, pos)
        words = [t.text for t in tokens]
        out.extend(tokens[a:b] for a, b in sentences(words))
        pos += len(line)
    return out


def proclitic_length(word: str, entity_counts: Counter[str], word_counts: Counter[str]) -> int:
    """How many leading characters of an entity's first token are a proclitic to leave out.

    Counts are over normalized words of the training data: ``entity_counts`` inside entities,
    ``word_counts`` anywhere. For each proclitic the word starts with (longest first), with a
    stem of at least two letters whose dictionary form (``lookup_form``) is ``form``:

    1. split it when ``form`` occurs inside training entities more often than the whole word
       (``وإسرائيل``, ``بلبنان``; ``فرنسا`` stays whole: ``رنسا`` is never an entity word);
    2. split it when ``form`` starts with ``ال`` and the whole word was never an entity word
       (``للبيت`` gives ``لبيت``, ``والولايات`` gives ``الولايات``);

    otherwise, split a ``و`` when the whole word never occurs in the training data at all and
    at least three letters remain (news attaches ``و`` to unseen names more often than names
    start with it). Nothing else is split: ``ف``, ``ب``, ``ل``, ``ك`` start too many names.
    """
    whole = entity_counts[normalize(word)]
    for clitic in PROCLITICS:
        stem = word[len(clitic) :]
        if not word.startswith(clitic) or len(stem) < 2:
            continue
        form = normalize(lookup_form(clitic, stem))
        if entity_counts[form] > whole:
            return len(clitic)
        if form.startswith("ال") and len(form) >= 4 and whole == 0:
            return len(clitic)
    unseen = word_counts[normalize(word)] == 0
    if word.startswith("و") and unseen and len(word) - 1 >= MIN_UNSEEN_STEM and word.isalpha():
        return 1
    return 0


def tags_to_spans(
    doc: Document,
    tokens: Sequence[Token],
    tags: Sequence[str],
    label_of: Callable[[str, str], str | None],
    strip: Callable[[str], int],
) -> list[Span]:
    """Spans of the entities in ``tags`` over ``tokens``, first token trimmed by ``strip``.

    ``label_of(type, text)`` gives the label of an entity, or None to drop it.
    """
    spans: list[Span] = []
    for first, last, kind in decode_iob2(tags):
        start = tokens[first].start + strip(tokens[first].text)
        end = tokens[last - 1].end
        text = doc.text[start:end]
        label = label_of(kind, text)
        if label and start < end:
            spans.append(Span(doc.id, start, end, label, text))
    return spans


def train_crf(data: Sequences, path: Path, params: dict[str, float | int]) -> int:
    """Train a linear-chain CRF with L-BFGS on ``data`` and write it to ``path``; sentences used."""
    # BaseTrainer, not Trainer: Trainer parses every log line of every iteration even when
    # quiet (a fifth of crf-lodo's time); the training itself is the same
    trainer = pycrfsuite.BaseTrainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(params)
    count = 0
    for xseq, yseq in data:
        trainer.append(xseq, yseq)
        count += 1
    trainer.train(str(path))
    return count


def tag_document(tagger: pycrfsuite.Tagger, text: str) -> list[tuple[list[Token], list[str]]]:
    """Every sentence of ``text`` with the tags ``tagger`` gives its tokens."""
    out: list[tuple[list[Token], list[str]]] = []
    for tokens in segment(text):
        words = [t.text for t in tokens]
        out.append((tokens, list(tagger.tag(sentence_features(words)))))
    return out
