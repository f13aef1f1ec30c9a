"""How fast bench scores, against seqeval and nervaluate measured in the same run.

Usage: .venv/bin/python benchmarks/scoring_speed.py [--repeat N]

Scores the `crf-anercorp` predictions on the ANERcorp test split (25,008 tokens, 1,995 gold
mentions; the committed run record `reports/runs/anercorp/crf-anercorp.json`) three ways:

- bench: per-sentence sufficient statistics for the exact-span metric, plus the aggregate,
  without the bootstrap (what the peers compute), and again with 1,000 bootstrap resamples;
- seqeval: `classification_report`-equivalent `f1_score(mode="strict", scheme=IOB2)` on the
  same token tags;
- nervaluate: `Evaluator(..., tags, loader="default").evaluate()` on the same spans.

Prints the best of N wall times for each and the ratios. Numbers depend on the machine; the
ratios are what to compare.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from nervaluate import Evaluator
    from seqeval.metrics import f1_score
    from seqeval.scheme import IOB2

    from bench.export import iob_tags
    from bench.metrics.span import SpanMatch
    from bench.project import open_task
    from bench.scoring import assign, score, units_of
    from bench.task.gold import parse_records

    data = open_task(ROOT, "anercorp")
    record = json.loads((ROOT / "reports/runs/anercorp/crf-anercorp.json").read_text())
    pred = parse_records(enumerate(record["predictions"], 1), "record", data.documents,
                         data.spec, data.kind, gold=False)
    metric = SpanMatch(data.spec.labels, match="exact")

    def bench_point() -> object:
        buckets = units_of(data)
        assign(data.gold, data, buckets, 1)
        assign(pred, data, buckets, 2)
        totals = sum(metric.statistics(g, p, u) for u, g, p in buckets)
        return metric.aggregate(totals)

    gold_tags, pred_tags = [], []
    for doc in data.documents:
        gold_tags.append(iob_tags(doc, list(data.gold))[1])
        pred_tags.append(iob_tags(doc, pred)[1])

    def seqeval_f1() -> object:
        return f1_score(gold_tags, pred_tags, mode="strict", scheme=IOB2)

    def nervaluate_eval() -> object:
        return Evaluator(gold_tags, pred_tags, tags=list(data.spec.labels),
                         loader="list").evaluate()

    rows = [
        ("bench exact spans (no bootstrap)", best(bench_point, args.repeat)),
        ("seqeval strict IOB2 f1_score", best(seqeval_f1, args.repeat)),
        ("nervaluate Evaluator.evaluate", best(nervaluate_eval, args.repeat)),
        ("bench full score(): 3 metrics x 1000 resamples", best(lambda: score(data, pred), 1)),
    ]
    base = rows[0][1]
    print(f"ANERcorp test: {len(data.gold)} gold mentions, {len(pred)} predicted, "
          f"best of {args.repeat}")
    for name, seconds in rows:
        print(f"{name:50s} {seconds * 1000:9.1f} ms   {seconds / base:6.2f}x bench")


if __name__ == "__main__":
    main()
