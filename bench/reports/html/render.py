"""The site's pages, rendered from collected tasks with Jinja2 templates (autoescape on)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from bench.reports.html.collect import Entry, TaskSite
from bench.reports.html.judges import (
    ERROR_CLASSES,
    STATUSES,
    Finding,
    Mark,
    Side,
    gold_marks,
)
from bench.reports.html.layout import Piece, layers, palette, slug, snippet
from bench.reports.leaderboard import fmt, fmt_p
from bench.runs.signature import parse_signature
from bench.systems.protocol import REGIMES

HERE = Path(__file__).parent
GLYPHS = {"correct": "✓", "missed": "○", "spurious": "+", "wrong type": "T", "boundary": "↔",
          "wrong value": "V", "wrong speaker": "S", "wrong label": "L"}
"""A sign per status, so no verdict is told by colour alone."""


def article(text: str) -> Markup:
    """Escape article text; a carriage return becomes a character reference, which the HTML
    parser keeps (a literal one it would turn into a line feed, shifting no offset but
    changing the text)."""
    return Markup(str(escape(text)).replace("\r", "&#13;"))


def environment() -> Environment:
    """The template environment: autoescape on for every template, undefined names fail."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(article=article, fmt=fmt, fmt_p=fmt_p, slug=slug,
                       status_class=lambda s: "st-" + (s.replace(" ", "-") or "none"))
    env.globals.update(GLYPHS=GLYPHS, STATUSES=STATUSES, ERROR_CLASSES=ERROR_CLASSES,
                       REGIMES=REGIMES, snippet=snippet, doc_file=doc_file)
    return env


@dataclass(frozen=True)
class View:
    """What a document page shows for one system (or for gold alone, index 0)."""

    index: int
    system: str
    gold: list[list[Piece]]
    pred: list[list[Piece]]
    findings: list[tuple[Finding, Side]]
    """The system's verdicts with a place in this document, each with that place."""
    counts: dict[str, int]


def shared_signature(site: TaskSite) -> str:
    """The signature of the task's runs without the system part."""
    parts = parse_signature(site.entries[0].tiered.record.signature)
    parts.pop("system", None)
    return "|".join(f"{k}:{v}" for k, v in parts.items())


def _in_doc(marks: tuple[Mark, ...], doc: str) -> list[Mark]:
    return [m for m in marks if m.doc == doc]


def _doc_views(site: TaskSite, doc_id: str) -> list[View]:
    text = site.data.document(doc_id).text
    if not site.entries:
        return [View(0, "", layers(text, _in_doc(gold_marks(site.data), doc_id)), [], [], {})]
    views = []
    for e in site.entries:
        # A claim pair is listed on both of its documents' pages, linked to the side there.
        found = sorted(((f, next(s for s in f.sides if s.doc == doc_id))
                        for f in e.judgement.findings if any(s.doc == doc_id for s in f.sides)),
                       key=lambda item: (item[1].start, item[1].end))
        views.append(View(e.index, e.name, layers(text, _in_doc(e.judgement.gold, doc_id)),
                          layers(text, _in_doc(e.judgement.pred, doc_id)), found,
                          dict(Counter(f.status for f, _ in found))))
    return views


def has_pairs(site: TaskSite) -> bool:
    """True when the task's records are pairs of two places (claim pairs): it gets a pair view."""
    return any(len(f.sides) == 2 for e in site.entries for f in e.judgement.findings)


def doc_file(doc_id: str) -> str:
    """File name of a document page, inside the task's folder."""
    return f"doc-{slug(doc_id)}.html"


def render_task(env: Environment, site: TaskSite) -> dict[str, str]:
    """Every page of one task: documents, error browsers, comparison, pair view."""
    spec, data = site.spec, site.data
    every = [m for e in site.entries for m in (*e.judgement.gold, *e.judgement.pred)]
    colours = palette(spec.labels, every or list(gold_marks(data)))
    common: dict[str, Any] = {"base": "../", "site": site, "colours": colours}
    pages = {}
    for doc in data.documents:
        pages[doc_file(doc.id)] = env.get_template("document.html").render(
            common, doc=doc, views=_doc_views(site, doc.id),
            title=f"{spec.name}: {doc.id}")
    for e in site.entries:
        pages[e.errors_file] = env.get_template("errors.html").render(
            common, entry=e, findings=_errors(site, e), title=f"{spec.name}: errors of {e.name}")
    if len(site.entries) > 1:
        pages["compare.html"] = env.get_template("compare.html").render(
            common, title=f"{spec.name}: two systems")
    if has_pairs(site):
        pages["pairs.html"] = env.get_template("pairs.html").render(
            common, title=f"{spec.name}: claim pairs")
    return {f"{site.folder}/{name}": text for name, text in pages.items()}


def _errors(site: TaskSite, entry: Entry) -> list[Finding]:
    order = {d.id: i for i, d in enumerate(site.data.documents)}
    return sorted((f for f in entry.judgement.findings if f.status != "correct"),
                  key=lambda f: (order[f.sides[0].doc], f.sides[0].start, f.sides[0].end,
                                 f.status))


def render_index(env: Environment, sites: list[TaskSite]) -> str:
    """The leaderboard page."""
    return env.get_template("index.html").render(
        base="", sites=sites, shared_signature=shared_signature, has_pairs=has_pairs,
        title="Leaderboard")
