"""Token-level seqeval scores: the documented tokenization and the tag assignment."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics import classification_report, f1_score
from seqeval.scheme import IOB2, Entities

from bench.core.records import Document, Paragraph
from bench.core.tokens import token_offsets
from bench.kinds.spans import Span
from bench.metrics.base import Unit
from bench.metrics.seqeval_tokens import SeqevalTokens, iob2_tags

from .strategies import LABELS, batches

TEXT = "وقال بوتين للبيت الأبيض: «نعم»"


def test_tokens_split_punctuation_and_keep_proclitics() -> None:
    words = [TEXT[s:e] for s, e in token_offsets(TEXT)]
    assert words == ["وقال", "بوتين", "للبيت", "الأبيض", ":", "«", "نعم", "»"]


def test_a_token_takes_the_tag_of_the_span_it_overlaps() -> None:
    start = TEXT.index("لبيت")
    span = Span("d", start, start + len("لبيت الأبيض"), "ORG")
    tags = iob2_tags([span], token_offsets(TEXT))
    assert tags == ["O", "O", "B-ORG", "I-ORG", "O", "O", "O", "O"]


def test_matches_seqeval_on_the_tags() -> None:
    doc = Document("d", TEXT, "")
    unit = Unit(doc, Paragraph("d", 0, 0, len(TEXT)))
    bo = TEXT.index("بوتين")
    gold = [Span("d", bo, bo + 5, "PER"), Span("d", TEXT.index("لبيت"), TEXT.index(":"), "ORG")]
    pred = [Span("d", bo, bo + 5, "PER"), Span("d", TEXT.index("لبيت"), TEXT.index(" الأ"), "ORG")]
    metric = SeqevalTokens(("PER", "ORG"))
    ours = float(metric.aggregate(metric.statistics(gold, pred, unit))["f1"])
    tokens = token_offsets(TEXT)
    theirs = f1_score([iob2_tags(gold, tokens)], [iob2_tags(pred, tokens)], mode="strict",
                      scheme=IOB2)
    assert ours == theirs == 0.5


def seqeval_counts(gold: list[Span], pred: list[Span], unit: Unit) -> list[int]:
    """(common, predicted, gold) entities as seqeval's strict IOB2 mode finds them, over all
    types and then per type of ``LABELS``."""
    p = unit.paragraph
    tokens = token_offsets(unit.document.text, p.start, p.end)
    true = {e.to_tuple() for e in Entities([iob2_tags(gold, tokens)], IOB2, suffix=False)
            .entities[0]}
    found = {e.to_tuple() for e in Entities([iob2_tags(pred, tokens)], IOB2, suffix=False)
             .entities[0]}
    out = [len(true & found), len(found), len(true)]
    for label in LABELS:
        t, f = {e for e in true if e[1] == label}, {e for e in found if e[1] == label}
        out += [len(t & f), len(f), len(t)]
    return out


@pytest.mark.parametrize("flat", [True, False], ids=["flat", "overlapping"])
@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # seqeval's report averages empty rows
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_agrees_with_seqeval_strict_per_unit_on_random_spans(flat: bool,
                                                              data: st.DataObject) -> None:
    batch = data.draw(batches(flat))
    metric = SeqevalTokens(LABELS)
    table = metric.table(batch)
    for i, gold, pred in batch.buckets():
        assert table[i].tolist() == seqeval_counts(gold, pred, batch.units[i])
    y_true, y_pred = [], []
    for i, gold, pred in batch.buckets():
        p = batch.units[i].paragraph
        tokens = token_offsets(batch.units[i].document.text, p.start, p.end)
        y_true.append(iob2_tags(gold, tokens))
        y_pred.append(iob2_tags(pred, tokens))
    ours = metric.aggregate(table.sum(0))
    kw = {"mode": "strict", "scheme": IOB2, "zero_division": 0}
    assert float(ours["f1"]) == f1_score(y_true, y_pred, **kw)
    report = classification_report(y_true, y_pred, output_dict=True, **kw)
    for label in LABELS:
        for key, field in (("precision", "precision"), ("recall", "recall"), ("f1-score", "f1")):
            expected = report[label][key] if label in report else 0.0
            assert float(ours[f"{field}.{label}"]) == expected, (label, field)
