"""Scaled corpora for the benchmarks: the shipped ANERcorp repeated, as a throwaway bench project.

``scaled_project(folder, copies, per_document)`` writes ``tasks/anercorp.yaml`` (the shipped task
without its test-split selection, scoring the SemEval views too) and the corpus file repeated
``copies`` times; ``copies`` below 1 keeps that fraction of the corpus (for the small CI run).
``system_output`` derives a deterministic imperfect system from gold: every 7th mention
dropped, every 11th given another type, every 13th one token shorter on the left when it has
several tokens.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "anercorp" / "ANERCorp.txt"


def scaled_project(folder: Path, copies: float, per_document: int = 50) -> Path:
    """A project folder whose ``anercorp`` task reads ANERcorp ``copies`` times over."""
    (folder / "tasks").mkdir(parents=True, exist_ok=True)
    lines = CORPUS.read_text(encoding="utf-8").rstrip("\n").split("\n")
    if copies < 1:
        body = "\n".join(lines[:max(1, int(len(lines) * copies))])
    else:
        body = "\n".join(["\n".join(lines)] * int(copies))
    (folder / "corpus.txt").write_text(body + "\n", encoding="utf-8")
    task = (ROOT / "tasks" / "anercorp.yaml").read_text(encoding="utf-8")
    task = re.sub(r"\n\s*select: .*", "", task)
    task = re.sub(r"path: .*", "path: corpus.txt", task, count=1)
    task = re.sub(r"per_document: \d+", f"per_document: {per_document}", task)
    # Every entity family, so score() and bench score time all three.
    task = task.replace("primary:", "  - name: semeval\nprimary:", 1)
    (folder / "tasks" / "anercorp.yaml").write_text(task, encoding="utf-8")
    return folder


def system_output(gold: tuple[Any, ...], labels: tuple[str, ...]) -> list[Any]:
    """An imperfect system's spans, derived from gold deterministically."""
    out = []
    for i, span in enumerate(gold):
        if i % 7 == 0:
            continue
        if i % 11 == 0:
            span = replace(span, label=labels[(labels.index(span.label) + 1) % len(labels)])
        if i % 13 == 0 and " " in span.text:
            cut = span.text.index(" ") + 1
            span = replace(span, start=span.start + cut, text=span.text[cut:])
        out.append(span)
    return out
