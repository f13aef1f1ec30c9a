"""One SVG chart per task: each system's primary score with its interval, coloured by tier.

Deterministic: a fixed hash salt, no date in the metadata and the bundled DejaVu Sans font,
so two runs write byte-identical files. System names are ASCII; no Arabic is drawn.
"""

from __future__ import annotations

import hashlib
import io
import json
from importlib.metadata import version
from pathlib import Path

from bench.core.atomic import write_text
from bench.runs.compare import Tiered

COLOURS = ("#1b6ca8", "#e07b39", "#3a923a", "#c03d3e", "#8a63b3", "#7f7f7f")


def render_svg(task: str, primary: str, ranked: list[Tiered], confidence: float = 0.95) -> str:
    """The chart as SVG text; ``confidence`` is the task's, for the axis label."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = f"bench-{task}"
    plt.rcParams["font.family"] = "DejaVu Sans"
    plt.rcParams["text.parse_math"] = False  # labels are literal: no mathtext ($...$)
    plt.rcParams["text.usetex"] = False
    height = 1.2 + 0.45 * max(1, len(ranked))
    fig, ax = plt.subplots(figsize=(7.0, height))
    for row, item in enumerate(ranked):
        score = item.record.scores[primary]
        colour = COLOURS[(item.tier - 1) % len(COLOURS)]
        y = len(ranked) - 1 - row
        ax.errorbar(score["value"], y, xerr=[[score["value"] - score["ci_low"]],
                                             [score["ci_high"] - score["value"]]],
                    fmt="o", color=colour, capsize=4, label=f"tier {item.tier}")
        ax.text(min(score["ci_high"] + 0.01, 1.0), y, f"{score['value']:.3f}", va="center",
                fontsize=8)
    names = [t.record.system["name"] + (" †" if t.record.system.get("tuned_on_test") else "")
             for t in ranked]
    ax.set_yticks(range(len(ranked)), list(reversed(names)))
    ax.set_xlim(0, 1.08)
    ax.set_xlabel(f"{primary} ({confidence * 100:g}% bootstrap interval)")
    ax.set_title(f"{task}: systems by {primary}; colour = tier")
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return buffer.getvalue()


def write_chart(path: Path, task: str, primary: str, ranked: list[Tiered],
                memo: Path | None = None, confidence: float = 0.95) -> None:
    """Write the chart atomically. With ``memo`` (a folder), skip drawing when the file on disk
    is the one drawn last time from the same inputs: matplotlib costs a second to import."""
    rows = [(t.record.system["name"], bool(t.record.system.get("tuned_on_test")), t.tier,
             [t.record.scores[primary][k] for k in ("value", "ci_low", "ci_high")])
            for t in ranked]
    inputs = _digest(json.dumps([task, primary, rows, confidence,
                                 version("matplotlib")]).encode())
    note = memo / f"{task}.digest" if memo is not None else None
    if (note is not None and note.is_file() and path.is_file()
            and note.read_text(encoding="utf-8") == f"{inputs} {_digest(path.read_bytes())}\n"):
        return
    svg = render_svg(task, primary, ranked, confidence)
    write_text(path, svg)
    if note is not None:
        write_text(note, f"{inputs} {_digest(svg.encode())}\n")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
