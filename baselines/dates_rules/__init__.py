"""The `rules` baseline for dates: hand-written Arabic temporal rules, normalized to TIMEX3.

The document is tokenized (``dates_rules.lexicon``) and scanned left to right. At each token
every recognizer (``dates_rules.calendar``, ``dates_rules.relative``, ``dates_rules.durations``)
is tried on the token as written and without an attached proclitic (و ف ب ل ك), alone and
after a modifier ("أكثر من"، "نحو"، "أواخر" ...); the longest expression wins, a modifier or
"بقليل"/"تقريبا" after it is kept inside the span, and scanning resumes after it, so spans
never overlap. Values are resolved against the DCT (weekdays by the tense of the nearest
cue, months and dates with no year by tense or else the nearest occurrence), against the
latest calendar date before ("في اليوم التالي"), or need no reference (full dates, durations).
Clock times with no day of their own take the nearest day named in the same sentence.
All word lists are in ``baselines/data/timex_lexicon.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

from baselines.dates_rules.calendar import CALENDAR
from baselines.dates_rules.context import Ctx, Found
from baselines.dates_rules.durations import DURATIONS
from baselines.dates_rules.lexicon import lexicon, readings, tokenize
from baselines.dates_rules.relative import RELATIVE
from bench.api import REFS, Document, System, Timex, value_error

RECOGNIZERS = CALENDAR + RELATIVE + DURATIONS
"""Every recognizer, in the order ties are broken (earlier wins)."""

Hit = tuple[int, int, int, Found]
"""(first token, start offset, end offset, what was found)."""


def _modified(ctx: Ctx, i: int, form: str) -> Iterator[Found]:
    """Expressions after a modifier starting at token ``i``, with the modifier's mod."""
    hit = ctx.phrase(i, "modifiers", form)
    if hit is None or not ctx.joined(hit[1]):
        return
    mod, j = hit
    date_only = mod in ctx.lex.raw("date_modifiers")
    for rec in RECOGNIZERS:
        found = rec(ctx, j, ctx.t(j), True)
        if found is None or found.type == "SET" or found.value in REFS:
            continue
        if date_only and found.type not in ("DATE", "TIME"):
            continue
        yield replace(found, mod=str(mod))


def _postfix(ctx: Ctx, found: Found) -> Found:
    """Keep "بقليل", "تقريبا", "على الأقل" after an expression inside it."""
    hit = ctx.phrase(found.end, "postfix_modifiers") if ctx.joined(found.end) else None
    if hit is None or found.type == "SET" or found.value in REFS:
        return found
    return replace(found, end=hit[1], mod=found.mod or hit[0])


def best_at(ctx: Ctx, i: int) -> tuple[int, Found] | None:
    """(characters of proclitic skipped, expression) of the longest expression at token ``i``."""
    best: tuple[int, Found] | None = None
    for shift, form in readings(ctx.toks[i]):
        plain = (rec(ctx, i, form, False) for rec in RECOGNIZERS)
        for found in [*plain, *_modified(ctx, i, form)]:
            if found is not None and (best is None or found.end > best[1].end):
                best = (shift, found)
    return None if best is None else (best[0], _postfix(ctx, best[1]))


def _excluded(ctx: Ctx, i: int) -> int | None:
    """End of a phrase that is never a temporal expression ("في وقت سابق") at token ``i``."""
    for _, form in readings(ctx.toks[i]):
        hit = ctx.phrase(i, "not_timex", form)
        if hit is not None:
            return hit[1]
    return None


def _fill_clocks(ctx: Ctx, hits: list[Hit]) -> list[Hit]:
    """Give clock times with no day the nearest day named in their sentence, else the DCT."""
    for index, (tok, start, end, found) in enumerate(hits):
        if found.kind != "clock":
            continue
        same = [h for h in hits if h[3].day is not None and ctx.sentence[h[0]] == ctx.sentence[tok]]
        before = [h for h in same if h[1] < start]
        after = [h for h in same if h[1] > start]
        near = before[-1] if before else after[0] if after else None
        day, anchor = (near[3].day, near[1]) if near else (ctx.dct, "dct")
        hits[index] = (tok, start, end,
                       replace(found, value=f"{day}{found.value}", anchor=anchor, day=day))
    return hits


def tag(doc_id: str, text: str, dct: dt.date) -> list[Timex]:
    """Every temporal expression of ``text`` written on ``dct``, in order, never overlapping."""
    ctx = Ctx(tokenize(text), dct, lexicon())
    hits: list[Hit] = []
    i = 0
    while i < len(ctx.toks):
        skip = _excluded(ctx, i)
        best = None if skip is not None else best_at(ctx, i)
        if best is None:
            i = skip if skip is not None else i + 1
            continue
        shift, found = best
        start = ctx.toks[i].start + shift
        hits.append((i, start, ctx.toks[found.end - 1].end, found))
        if found.day is not None:
            ctx.anchors.append((start, found.day, found.calendar))
        i = found.end
    return [Timex(doc_id, start, end, f.type, f.value, f.mod, f.anchor, text[start:end])
            for _, start, end, f in _fill_clocks(ctx, hits) if value_error(f.type, f.value) is None]


class RulesTimex(System):
    """Hand-written rules and lexicons for Arabic news dates, times and durations."""

    name = "rules"
    version = "1"
    kinds = ("timex",)
    labels = ("DATE", "TIME", "DURATION", "SET")
    regime = "rules"
    resources = (
        "hand-written Arabic temporal lexicons in baselines/data/timex_lexicon.yaml, written"
        " from gold/GUIDELINES.md section 2, whose examples are quoted from the test articles",
    )
    tuned_on_test = True

    def predict(self, doc: Document) -> list[Timex]:
        """Temporal expressions of the document, resolved against its DCT."""
        if doc.dct is None:
            return []
        return tag(doc.id, doc.text, dt.date.fromisoformat(doc.dct[:10]))
