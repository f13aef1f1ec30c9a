"""Inter-annotator agreement on the NER gold: span-level F1 of annotation B against A.

Usage: python scripts/agreement.py [gold/annotations/ner.A.jsonl gold/annotations/ner.B.jsonl]
Prints a Markdown table: per type and overall (micro), exact match of start, end and type.
F1 is symmetric, so it does not matter which annotation is taken as the reference.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.metrics.span import SpanMatch
from bench.project import open_task
from bench.scoring import assign, units_of
from bench.task.gold import load_predictions

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    """Print the agreement table."""
    first = Path(argv[0]) if argv else ROOT / "gold/annotations/ner.A.jsonl"
    second = Path(argv[1]) if len(argv) > 1 else ROOT / "gold/annotations/ner.B.jsonl"
    data = open_task(ROOT, "ner")
    a, b = load_predictions(first, data), load_predictions(second, data)
    metric = SpanMatch(data.spec.labels, match="exact")
    buckets = units_of(data)
    assign(a, data, buckets, 1)
    assign(b, data, buckets, 2)
    totals = sum(metric.statistics(g, p, u) for u, g, p in buckets)
    scores = metric.aggregate(totals)
    print("| type | A | B | both | F1 |\n|---|---|---|---|---|")
    for i, label in enumerate(data.spec.labels):
        tp, n_b, n_a = totals[3 * i: 3 * i + 3]
        f1 = float(scores["f1." + label])
        print(f"| {label} | {int(n_a)} | {int(n_b)} | {int(tp)} | {f1:.3f} |")
    n_a, n_b = len(a), len(b)
    both = int(totals[0::3].sum())
    print(f"| all (micro) | {n_a} | {n_b} | {both} | {float(scores['f1']):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
