"""Quotes: content, cue and speaker mention marked; matched as the ``quotes`` metric matches.

Gold and predictions are paired by token overlap of their contents (per unit, one to one, more
than half of the longer content's tokens shared). A pair with another speaker is a wrong
speaker (an abstention too, named so), one with the right speaker but other content offsets is
a boundary error (right for the end-to-end score, not for exact content), else correct.
Unpaired gold is missed, unpaired predictions spurious.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bench.metrics.quotes import overlap_matches
from bench.reports.html.judges import CORRECT, Finding, Judgement, Mark, Side
from bench.reports.html.judges import quoted as q
from bench.scoring import assign, units_of
from bench.task.gold import TaskData


def _say(quote: Any) -> str:
    speaker = quote.speaker or "no speaker (abstained)"
    return f"{quote.kind} by {speaker} {q(quote.content.text, 60)}"


def _status(g: Any, p: Any) -> str:
    if g.speaker != p.speaker:
        return "wrong speaker"
    return CORRECT if g.content == p.content else "boundary"


def _marks(quote: Any, status: str, note: str) -> list[Mark]:
    speaker = quote.speaker or ""
    attrs = (("speaker", speaker), ("quote", quote.id))
    out = [Mark(quote.doc, quote.content.start, quote.content.end, "content", quote.kind,
                status, note, attrs)]
    if quote.cue is not None:
        out.append(Mark(quote.doc, quote.cue.start, quote.cue.end, "cue", "cue", status,
                        f"cue of: {note}", attrs))
    if quote.speaker_mention is not None:
        m = quote.speaker_mention
        out.append(Mark(quote.doc, m.start, m.end, "speaker", speaker or "?", status,
                        f"speaker {speaker or '?'} of: {note}", attrs))
    return out


def _side(quote: Any, layer: str) -> Side:
    c = quote.content
    return Side(quote.doc, c.start, c.end, f"{layer}-content-{c.start}-{c.end}")


def _unique(marks: list[Mark]) -> tuple[Mark, ...]:
    """One mark per (role, offsets): a mention shared by two quotes is drawn once."""
    seen: dict[tuple[str, int, int, str], Mark] = {}
    for m in marks:
        key = (m.doc, m.start, m.end, m.role)
        if key in seen:
            first = seen[key]
            seen[key] = Mark(first.doc, first.start, first.end, first.role, first.label,
                             first.status, f"{first.note}\n{m.note}", first.attrs)
        else:
            seen[key] = m
    return tuple(seen.values())


def judge(data: TaskData, pred: Sequence[Any]) -> Judgement:
    """Marks for both sides and one finding per gold quote or spurious prediction."""
    buckets = units_of(data)
    assign(data.gold, data, buckets, 1)
    assign(pred, data, buckets, 2)
    pairs = [pair for unit, gold, mine in buckets
             for pair in overlap_matches(unit.document.text, gold, mine)]
    matched_gold = {id(g): p for g, p in pairs}
    matched_pred = {id(p): g for g, p in pairs}
    gold_marks: list[Mark] = []
    pred_marks: list[Mark] = []
    findings = []
    for g in sorted(data.gold):
        p = matched_gold.get(id(g))
        status = "missed" if p is None else _status(g, p)
        said = "" if p is None else _say(p)
        gold_marks += _marks(g, status, f"gold {_say(g)} · system {said or 'nothing'} "
                                        f"({status})")
        findings.append(Finding(status, _say(g), said, (_side(g, "g"),)))
    for p in sorted(pred):
        g = matched_pred.get(id(p))
        status = "spurious" if g is None else _status(g, p)
        said = "" if g is None else _say(g)
        pred_marks += _marks(p, status, f"system {_say(p)} · gold {said or 'nothing'} "
                                        f"({status})")
        if g is None:
            findings.append(Finding(status, "", _say(p), (_side(p, "p"),)))
    return Judgement(_unique(gold_marks), _unique(pred_marks), tuple(findings))



def gold_marks(data: TaskData) -> tuple[Mark, ...]:
    """Every gold quote's content, cue and speaker mention, unjudged."""
    return _unique([m for g in sorted(data.gold) for m in _marks(g, "", f"gold {_say(g)}")])


def describe_gold(data: TaskData, record: Any) -> Finding:
    """A gold quote and where it is."""
    return Finding("", _say(record), "", (_side(record, "g"),))
