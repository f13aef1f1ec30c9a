"""Quote scores on hand-computed cases: the more-than-half-token overlap, one-to-one matching,
speaker abstentions, the end-to-end primary, exact content and cues.

Every unit is ``unit_for(n)``: ``n`` two-letter words, token ``i`` at characters [3i, 3i+2).
"""

from __future__ import annotations

import pytest

from bench.kinds.quotes import Quote, TextSpan
from bench.metrics import build_metric

from .strategies import unit_for

METRIC = build_metric("quotes", ("direct", "indirect", "mixed"), {})


def quote(first: int, last: int, speaker: str | None = "putin", kind: str = "direct",
          cue: int | None = None) -> Quote:
    """A quote whose content covers tokens ``first..last``; ``cue`` is one token."""
    cue_span = TextSpan(3 * cue, 3 * cue + 2) if cue is not None else None
    return Quote("d", TextSpan(3 * first, 3 * last + 2), kind, cue_span, speaker)


def scores(gold: list[Quote], pred: list[Quote], n_tokens: int = 20) -> dict[str, float]:
    stats = METRIC.statistics(gold, pred, unit_for(n_tokens))
    return {k: float(v) for k, v in METRIC.aggregate(stats).items()}


@pytest.mark.parametrize(("gold", "pred", "matched"), [
    # gold tokens 0-3 (4), pred 0-2 (3): 3 shared, longer has 4, 2*3 = 6 > 4.
    (quote(0, 3), quote(0, 2), True),
    # gold 0-3, pred 0-1: 2 shared of 4, 2*2 = 4 is not > 4 (exactly half is no match).
    (quote(0, 3), quote(0, 1), False),
    # gold 0-3, pred 1-5 (5): 3 shared (1, 2, 3), longer is the prediction, 6 > 5.
    (quote(0, 3), quote(1, 5), True),
    # gold 0-3, pred 2-7 (6): 2 shared, longer 6, 4 <= 6.
    (quote(0, 3), quote(2, 7), False),
    # gold 0-1 (2), pred 0-4 (5): both gold tokens shared, but the longer has 5, 4 <= 5.
    (quote(0, 1), quote(0, 4), False),
    # gold 4-6, pred 0-3: no token in common.
    (quote(4, 6), quote(0, 3), False),
], ids=["three-of-four", "exactly-half-is-not-enough", "longer-prediction-majority",
        "two-of-six", "whole-gold-inside-a-much-longer-prediction", "disjoint"])
def test_overlap_needs_more_than_half_of_the_longer_content(
        gold: Quote, pred: Quote, matched: bool) -> None:
    got = scores([gold], [pred])
    # One gold, one prediction: a match gives P = R = F1 = 1, none gives 0.
    assert got["content_overlap.f1"] == (1.0 if matched else 0.0)
    # The speakers agree, so end to end follows the overlap match.
    assert got["e2e.f1"] == got["content_overlap.f1"]


def test_speaker_accuracy_precision_and_abstentions() -> None:
    gold = [quote(0, 2, "putin"), quote(4, 6, "biden"), quote(8, 10, "peskov")]
    pred = [quote(0, 2, "putin"),  # right speaker
            quote(4, 6, None),  # abstains
            quote(8, 10, "lavrov"),  # wrong speaker
            quote(14, 16, "putin")]  # spurious: no gold quote there
    got = scores(gold, pred)
    # 3 overlap matches: 1 right, 1 abstention, 1 wrong.
    assert got["speaker_accuracy"] == pytest.approx(1 / 3)  # right / matches
    assert got["speaker_precision"] == pytest.approx(1 / 2)  # right / (matches - abstentions)
    assert got["abstentions"] == pytest.approx(1 / 3)  # abstentions / matches
    # End to end: 1 right of 4 predicted and 3 gold; F1 = 2 * (1/4)(1/3) / (1/4 + 1/3) = 2/7.
    assert got["e2e.precision"] == pytest.approx(1 / 4)
    assert got["e2e.recall"] == pytest.approx(1 / 3)
    assert got["e2e.f1"] == pytest.approx(2 / 7)
    # Content alone: 3 of 4 predicted, 3 of 3 gold; F1 = 2 * (3/4) * 1 / (7/4) = 6/7.
    assert got["content_overlap.f1"] == pytest.approx(6 / 7)


def test_a_gold_quote_matches_one_prediction_only() -> None:
    gold = [quote(0, 3), quote(10, 13)]
    # Both predictions overlap the first gold quote (4 of 4 and 3 of 4 tokens); the second
    # finds it taken and shares nothing with the other gold quote.
    pred = [quote(0, 3), quote(1, 3)]
    got = scores(gold, pred)
    # 1 match: P = 1/2, R = 1/2.
    assert (got["content_overlap.precision"], got["content_overlap.recall"]) == (0.5, 0.5)
    assert got["e2e.f1"] == 0.5


def test_a_prediction_takes_the_gold_quote_it_shares_most_tokens_with() -> None:
    # Two overlapping gold quotes (a mixed quote nested in a longer one, say): the prediction
    # (tokens 1-4) shares 3 of 4 tokens with the first (0-3) and 4 of 4 with the second (1-4),
    # so it matches the second, whose speaker it names: 1 e2e hit. Taking the first would give 0.
    gold = [quote(0, 3, "putin"), quote(1, 4, "biden")]
    got = scores(gold, [quote(1, 4, "biden")])
    # 1 right of 1 predicted and 2 gold: P = 1, R = 1/2, F1 = 2/3.
    assert got["e2e.precision"] == 1.0
    assert got["e2e.recall"] == 0.5
    assert got["e2e.f1"] == pytest.approx(2 / 3)


def test_exact_content_kind_and_cue() -> None:
    gold = [quote(0, 3, kind="direct", cue=5), quote(8, 11, kind="indirect", cue=12)]
    # First: same content and cue, other kind. Second: one token shorter (an overlap match,
    # not exact), same kind, cue on another token.
    pred = [quote(0, 3, kind="mixed", cue=5), quote(8, 10, kind="indirect", cue=13)]
    got = scores(gold, pred)
    assert got["content_exact.f1"] == 0.5  # 1 of 2 on both sides
    assert got["content_overlap.f1"] == 1.0  # 3 of 4 tokens > half
    assert got["kind_accuracy"] == 0.5  # 1 of 2 matches
    assert got["cue.f1"] == 0.5  # cues: 1 of 2 on both sides


@pytest.mark.parametrize(("gold", "pred"), [
    ([], []),
    ([quote(0, 3)], []),
    ([], [quote(0, 3)]),
], ids=["nothing", "no-predictions", "no-gold"])
def test_zero_over_zero_is_zero(gold: list[Quote], pred: list[Quote]) -> None:
    got = scores(gold, pred)
    assert got["e2e.f1"] == 0.0
    assert got["speaker_accuracy"] == 0.0  # no matches: 0/0
    assert got["abstentions"] == 0.0


def test_units_add_up_before_the_scores_are_computed() -> None:
    # Unit 1: 1 right of 1; unit 2: 0 of 1 predicted, 3 gold. Micro over both: 1 right of
    # 2 predicted and 4 gold: P = 1/2, R = 1/4, F1 = 2 * (1/8) / (3/4) = 1/3.
    one = METRIC.statistics([quote(0, 2)], [quote(0, 2)], unit_for(20))
    two = METRIC.statistics([quote(0, 2), quote(4, 6), quote(8, 10)],
                            [quote(14, 16)], unit_for(20))
    got = METRIC.aggregate(one + two)
    assert float(got["e2e.f1"]) == pytest.approx(1 / 3)
