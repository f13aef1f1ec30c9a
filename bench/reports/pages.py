"""Per-task error-analysis pages (``reports/<task>.md``), from run records, gold and documents.

Each page has the primary score broken down by label (or granularity) for every system, a
confusion table where the metric keeps one, and for each system its missed, spurious and
wrong examples in context. Arabic contexts are wrapped in Unicode isolates (RLI ... PDI) so a
Markdown viewer keeps each right-to-left run intact next to left-to-right labels; the marked
span sits between ⟦ ⟧, which bidi mirroring shows the right way round in either direction.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from tabulate import tabulate

from bench.core.escape import md_text
from bench.runs.compare import Tiered
from bench.runs.record import RunRecord, recorded_predictions
from bench.task.gold import TaskData

RLI, PDI = "\u2067", "\u2069"
WINDOW = 60
"""Characters of context on each side of a marked span."""
SHOWN = 15
"""Examples shown per category and system."""


@dataclass(frozen=True)
class Example:
    """One error: its category, the gold record (if any) and the prediction (if any)."""

    category: str
    gold: Any
    pred: Any


def errors(data: TaskData, pred: list[Any]) -> list[Example]:
    """Missed, wrong and spurious examples, in document order.

    A prediction is compared with a gold record only when one of its extents overlaps one of
    the gold record's and the kind finds them ``near``, so the cost grows with overlaps, not
    with gold x predictions.
    """
    kind = data.kind
    by_doc: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for i, p in enumerate(pred):
        for doc, start, end in kind.extents(p):
            by_doc[doc].append((start, end, i))
    for items in by_doc.values():
        items.sort()
    starts = {doc: [t[0] for t in items] for doc, items in by_doc.items()}
    longest = {doc: max((e - s for s, e, _ in items), default=0)
               for doc, items in by_doc.items()}
    order = sorted(range(len(pred)), key=lambda i: kind.extent(pred[i]))
    rank = {i: r for r, i in enumerate(order)}

    def candidates(g: Any) -> list[Any]:
        found: set[int] = set()
        for doc, start, end in kind.extents(g):
            items = by_doc.get(doc, [])
            lo = bisect_left(starts.get(doc, []), start - longest.get(doc, 0))
            hi = bisect_left(starts.get(doc, []), end)
            found.update(i for s, e, i in items[lo:hi] if s < end and start < e)
        return [pred[i] for i in sorted(found, key=rank.__getitem__) if kind.near(g, pred[i])]

    out: list[Example] = []
    touched: set[int] = set()
    for g in data.gold:
        close = candidates(g)
        touched.update(id(p) for p in close)
        if any(kind.correct(g, p) for p in close):
            continue
        out += [Example("wrong", g, p) for p in close[:1]] or [Example("missed", g, None)]
    out += [Example("spurious", None, p) for p in pred if id(p) not in touched]
    return sorted(out, key=lambda e: kind.extent(e.gold if e.gold is not None else e.pred))


def context(data: TaskData, doc_id: str, start: int, end: int) -> str:
    """The span marked inside its surrounding text (same paragraph), isolated as RTL."""
    text = data.document(doc_id).text
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    lo, hi = max(left, start - WINDOW), min(right, end + WINDOW)
    before = ("…" if lo > left else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < right else "")
    snippet = f"{before}⟦{text[start:end]}⟧{after}".replace("|", "¦")
    return f"{RLI}{' '.join(snippet.split())}{PDI}"


def describe(data: TaskData, example: Example) -> str:
    """One bullet line for an error."""
    kind = data.kind
    record = example.gold if example.gold is not None else example.pred
    where = " / ".join(context(data, *extent) for extent in kind.extents(record))
    gold = f"gold {kind.label_of(example.gold)}" if example.gold is not None else ""
    pred = f"system {kind.label_of(example.pred)}" if example.pred is not None else ""
    if (example.gold is not None and example.pred is not None
            and len(kind.extents(record)) == 1):
        doc, start, end = kind.extent(example.pred)
        if (doc, start, end) != kind.extent(example.gold):
            # Same attributes but another span is an error of extent: show the system's span.
            span = " ".join(data.document(doc).text[start:end].split()).replace("|", "¦")
            pred += f" on {RLI}{span}{PDI}"
    said = md_text("; ".join(x for x in (gold, pred) if x))
    return f"- {example.category} ({said}): {where}"


def breakdown_fields(spec_primary: str, labels: tuple[str, ...], scores: dict[str, Any]
                     ) -> list[str]:
    """Fields that break the primary score down (``span.f1.PER``, ``tempeval.value_f1.day``),
    or the per-label F1 of the primary metric."""
    fields = [f for f in scores if f.startswith(spec_primary + ".")]
    family = spec_primary.split(".", 1)[0]
    fields += [f"{family}.f1.{lab}" for lab in labels
               if f"{family}.f1.{lab}" in scores and f"{family}.f1.{lab}" not in fields]
    order = {lab: i for i, lab in enumerate(labels)}
    return sorted(fields, key=lambda f: (order.get(f.rsplit(".", 1)[-1], len(order)), f))


def render_page(data: TaskData, ranked: list[Tiered], chart: str | None) -> str:
    """The Markdown page of one task."""
    spec = data.spec
    lines = [f"# {spec.name}: scores by label and errors", "",
             "Generated by `bench report` from `reports/runs/" + spec.name + "/`, the gold and "
             "the documents; do not edit by hand. [Back to the leaderboard](leaderboard.md).", ""]
    if chart:
        lines += [f"![{spec.primary} by system, with {spec.statistics.confidence * 100:g}% "
                  f"intervals and tiers]({chart})", ""]
    if not ranked:
        return "\n".join([*lines, "No run records yet.", ""])
    records = [t.record for t in ranked]
    fields = breakdown_fields(spec.primary, spec.labels, records[0].scores)
    if fields:
        lines += ["## Breakdown", ""]
        rows = [[r.system["name"], *(f"{r.scores[f]['value']:.3f}" if f in r.scores else "–"
                                     for f in fields)] for r in records]
        lines += [tabulate(rows, headers=["system", *fields], tablefmt="github",
                           disable_numparse=True), ""]
    family = spec.primary.split(".", 1)[0]
    confusion = [f for f in records[0].scores if f.startswith(f"{family}.confusion.")]
    if confusion:
        predicted = list(dict.fromkeys(f.rsplit(".", 1)[1] for f in confusion))
        lines += ["## Confusion (rows: gold, columns: system)", ""]
        for r in records:
            rows = [[g, *(int(r.scores[f"{family}.confusion.{g}.{p}"]["value"])
                          for p in predicted)] for g in spec.labels]
            lines += [f"**{r.system['name']}**", "",
                      tabulate(rows, headers=["gold \\ system", *predicted], tablefmt="github",
                               disable_numparse=True), ""]
    lines += ["## Errors in context", "",
              "Per system: gold records it missed, predictions that match no gold record "
              "(spurious), and predictions on a gold record's text that get something wrong.",
              ""]
    for r in records:
        lines += _system_errors(data, r)
    return "\n".join(lines).rstrip("\n") + "\n"


def _system_errors(data: TaskData, record: RunRecord) -> list[str]:
    pred = recorded_predictions(record, data)
    found = errors(data, pred)
    counts = {c: sum(e.category == c for e in found) for c in ("missed", "spurious", "wrong")}
    lines = [f"### {record.system['name']}: " + ", ".join(f"{n} {c}" for c, n in counts.items()),
             ""]
    for category in ("missed", "spurious", "wrong"):
        chosen = [e for e in found if e.category == category]
        lines += [describe(data, e) for e in chosen[:SHOWN]]
        if len(chosen) > SHOWN:
            lines.append(f"- … {len(chosen) - SHOWN} more {category}")
    unaligned = (record.raw.get("run") or {}).get("unaligned") or {}  # model systems
    for doc_id, strings in sorted(unaligned.items()):
        shown = ", ".join(f"“{md_text(s[:80])}”" for s in strings[:SHOWN])
        more = f" … {len(strings) - SHOWN} more" if len(strings) > SHOWN else ""
        lines.append(f"- unaligned in {doc_id} (found nowhere in the text): {shown}{more}")
    return [*lines, ""]
