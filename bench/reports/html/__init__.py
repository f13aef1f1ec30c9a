"""``bench report --html``: a self-contained static site of every task's results and errors.

No server, no network: plain HTML, one stylesheet, one hand-written script and the charts'
SVG files, all linked relatively, so the site opens from ``file://``. Every text from gold,
predictions, system names or task YAML goes through Jinja2's autoescaping, and a Content
Security Policy allows scripts from the site's own files only. The same run records give
byte-identical files.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bench.core.atomic import write_text
from bench.errors import InputError
from bench.reports.charts import render_svg
from bench.reports.html.collect import TaskSite, collect
from bench.reports.html.render import HERE, environment, render_index, render_task
from bench.task.spec import TaskSpec

MARKER = ".bench-site"
"""File that marks a folder as a site bench wrote, which it may therefore replace."""
STATIC = ("site.css", "site.js")


def render_site(root: Path, specs: list[TaskSpec]) -> dict[str, str]:
    """Every file of the site: relative path -> text."""
    env = environment()
    sites: list[TaskSite] = [collect(root, spec) for spec in specs]
    files = {name: (HERE / "static" / name).read_text(encoding="utf-8") for name in STATIC}
    files["index.html"] = render_index(env, sites)
    for site in sites:
        files.update(render_task(env, site))
        if site.entries:
            files[f"charts/{site.folder}.svg"] = _chart(root, site)
    files[MARKER] = "Written by bench report --html; the whole folder is replaced on re-render.\n"
    return files


def _chart(root: Path, site: TaskSite) -> str:
    """The task's chart: the one ``bench report`` wrote beside the leaderboard, else drawn."""
    written = root / "reports" / "charts" / f"{site.spec.name}.svg"
    if written.is_file():
        return written.read_text(encoding="utf-8")
    return render_svg(site.spec.name, site.spec.primary, [e.tiered for e in site.entries],
                      site.spec.statistics.confidence)


def write_site(root: Path, specs: list[TaskSpec], out: Path) -> Path:
    """Render the site and put it at ``out`` in one rename; returns ``out/index.html``.

    A folder that exists must be empty or a site written before (it has ``.bench-site``), so
    that no other files are ever replaced.
    """
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and
                                               not (out / MARKER).is_file())):
        raise InputError(f"{out} exists and is not a site written by bench report --html",
                         hint="give a new or empty folder")
    files = render_site(root, specs)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, text in sorted(files.items()):
            write_text(staging / name, text)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            out.rename(old / "site")
            staging.rename(out)
            shutil.rmtree(old)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out / "index.html"
