"""Token-level seqeval scores: the documented tokenization and the tag assignment."""

from __future__ import annotations

from seqeval.metrics import f1_score
from seqeval.scheme import IOB2

from bench.core.records import Document, Paragraph
from bench.core.tokens import token_offsets
from bench.kinds.spans import Span
from bench.metrics.base import Unit
from bench.metrics.seqeval_tokens import SeqevalTokens, iob2_tags

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
