"""Sites for the HTML report tests: the tiny fixture project (with a hostile system name) and
the real project, each rendered once per test session into a temporary folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.cli import main
from bench.project import load_specs
from bench.reports.html import write_site

REPO = Path(__file__).parents[3]
FIXTURE = REPO / "tests" / "fixtures" / "good"
HOSTILE = "<script>alert(1)</script>"
RUNS = {
    "ner": ["tests.toy_systems:DictionaryTagger", "tests.toy_systems:Memorizer"],
    "dates": ["dct", "rules"],
    "quotes": ["cue-rules", "nearest-mention"],
}


def add_hostile_record(root: Path) -> None:
    """A copy of toy-dict's run record under a name and resources made of markup."""
    folder = root / "reports" / "runs" / "ner"
    record = json.loads((folder / "toy-dict.json").read_text(encoding="utf-8"))
    # Run records refuse names that are not identifiers, so the markup rides in the free-text
    # fields a record may carry: its version and its resources.
    record["system"]["name"] = "hostile"
    record["system"]["version"] = HOSTILE
    record["system"]["resources"] = [HOSTILE, "<img src=x onerror=alert(2)>"]
    record["system"]["tuned_on_test"] = True
    record["signature"] = record["signature"].replace("system:toy-dict@1",
                                                      f"system:hostile@{HOSTILE}")
    (folder / "hostile.json").write_text(json.dumps(record, ensure_ascii=False, indent=1),
                                         encoding="utf-8")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with two systems per task and a hostile one on ner, rendered with
    ``bench report --html``; returns the project folder (the site is ``reports/site``)."""
    root = tmp_path_factory.mktemp("fixture") / "project"
    shutil.copytree(FIXTURE, root)
    for task, systems in RUNS.items():
        args = ["--root", str(root), "run", "--task", task]
        for system in systems:
            args += ["--system", system]
        assert main(args) == 0
    add_hostile_record(root)
    assert main(["--root", str(root), "report", "--html"]) == 0
    return root


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of this repository's committed run records, written outside the repository."""
    out = tmp_path_factory.mktemp("real") / "site"
    write_site(REPO, load_specs(REPO), out)
    return out
