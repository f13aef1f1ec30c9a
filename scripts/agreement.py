"""Inter-annotator agreement of the two independent annotations in ``gold/annotations/``.

Usage: python scripts/agreement.py TASK [A.jsonl B.jsonl]

TASK is ner, dates, quotes or conflicts; the files default to
``gold/annotations/<name>.A.jsonl`` and ``<name>.B.jsonl``. Annotation A is taken as the
reference and B as the prediction, with the task's own metric (F1 is symmetric; accuracies
on matched pairs are too). Prints Markdown tables:

- ner: span-level exact-match F1 per type and overall (micro);
- dates: strict and relaxed span F1, and on relaxed matches the share of equal type, value
  and mod (TempEval-3);
- quotes: content F1 by exact and by overlap match, and on overlap matches speaker agreement,
  cue F1 and kind agreement;
- conflicts: Cohen's kappa (scikit-learn) over the pair labels, observed agreement and the
  confusion of A's labels (rows) with B's (columns).
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.metrics import build_metric
from bench.project import open_task
from bench.scoring import assign, units_of
from bench.task.gold import TaskData
from bench.task.predictions import load_predictions

ROOT = Path(__file__).resolve().parent.parent
TASKS = ("ner", "dates", "quotes", "conflicts")
"""Tasks with two annotations, ``gold/annotations/<task>.A.jsonl`` and ``.B.jsonl``."""


def totals(data: TaskData, metric_name: str, a: list[object], b: list[object]) -> dict[str, float]:
    """Scores of B against A with the task's metric ``metric_name``, summed over all units."""
    spec = next(m for m in data.spec.metrics if m.family == metric_name)
    metric = build_metric(spec.name, data.spec.labels, spec.options)
    buckets = units_of(data)
    assign(a, data, buckets, 1)
    assign(b, data, buckets, 2)
    summed = sum(metric.statistics(g, p, u) for u, g, p in buckets)
    return {k: float(v) for k, v in metric.aggregate(summed).items()}


def ner(data: TaskData, a: list[object], b: list[object]) -> None:
    """Per-type and micro span F1."""
    from collections import Counter

    s = totals(data, "span", a, b)
    count_a = Counter(getattr(x, "label") for x in a)  # noqa: B009
    count_b = Counter(getattr(x, "label") for x in b)  # noqa: B009
    print("| type | A | B | F1 |\n|---|---|---|---|")
    for label in data.spec.labels:
        print(f"| {label} | {count_a[label]} | {count_b[label]} | {s['f1.' + label]:.3f} |")
    print(f"| all (micro) | {len(a)} | {len(b)} | {s['f1']:.3f} |")


def dates(data: TaskData, a: list[object], b: list[object]) -> None:
    """TempEval-3 span and attribute agreement."""
    s = totals(data, "tempeval", a, b)
    print("| A | B | strict F1 | relaxed F1 | type agreement | value agreement | mod agreement |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {len(a)} | {len(b)} | {s['strict.f1']:.3f} | {s['relaxed.f1']:.3f} | "
          f"{s['type_accuracy']:.3f} | {s['value_accuracy']:.3f} | {s['mod_accuracy']:.3f} |")


def quotes(data: TaskData, a: list[object], b: list[object]) -> None:
    """Content, speaker, cue and kind agreement."""
    s = totals(data, "quotes", a, b)
    print("| A | B | content exact F1 | content overlap F1 | speaker agreement | "
          "speaker+content F1 | cue F1 | kind agreement |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {len(a)} | {len(b)} | {s['content_exact.f1']:.3f} | {s['content_overlap.f1']:.3f}"
          f" | {s['speaker_accuracy']:.3f} | {s['e2e.f1']:.3f} | {s['cue.f1']:.3f} | "
          f"{s['kind_accuracy']:.3f} |")


def conflicts(data: TaskData, a: list[object], b: list[object]) -> None:
    """Cohen's kappa over the labels of the pairs both annotations label."""
    from sklearn.metrics import cohen_kappa_score, confusion_matrix

    labels_b = {getattr(p, "key"): getattr(p, "label") for p in b}  # noqa: B009
    pairs = [(getattr(p, "label"), labels_b[getattr(p, "key")])  # noqa: B009
             for p in a if getattr(p, "key") in labels_b]  # noqa: B009
    ya, yb = [x for x, _ in pairs], [y for _, y in pairs]
    kappa = cohen_kappa_score(ya, yb, labels=list(data.spec.labels))
    observed = sum(x == y for x, y in pairs) / len(pairs)
    print(f"pairs labelled by both: {len(pairs)} of {len(a)}; observed agreement "
          f"{observed:.3f}; Cohen's kappa {kappa:.3f}\n")
    matrix = confusion_matrix(ya, yb, labels=list(data.spec.labels))
    print("| A \\ B | " + " | ".join(data.spec.labels) + " |")
    print("|---" * (len(data.spec.labels) + 1) + "|")
    for label, row in zip(data.spec.labels, matrix, strict=True):
        print(f"| {label} | " + " | ".join(str(int(x)) for x in row) + " |")


def main(argv: list[str]) -> int:
    """Print the agreement tables of one task."""
    if not argv or argv[0] not in TASKS:
        print(__doc__, file=sys.stderr)
        return 2
    task = name = argv[0]
    first = Path(argv[1]) if len(argv) > 1 else ROOT / f"gold/annotations/{name}.A.jsonl"
    second = Path(argv[2]) if len(argv) > 2 else ROOT / f"gold/annotations/{name}.B.jsonl"
    data = open_task(ROOT, task)
    a, b = load_predictions(first, data), load_predictions(second, data)
    {"ner": ner, "dates": dates, "quotes": quotes, "conflicts": conflicts}[task](data, a, b)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
