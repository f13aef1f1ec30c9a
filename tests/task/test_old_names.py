"""Old names still read: kinds, gold file names, the inventory's resource key and list key.

The README's "Names" section lists each old -> new name; these are the task files a project
written before the renames has.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from bench.cli import main
from bench.project import open_task

OLD_DATES = ("kind: dates", "kind: timex"), ("gold/dates.jsonl", "gold/timex.jsonl")
OLD_QUOTES = (("speakers: gold/speakers.yaml", "entities: gold/entities.yaml"),)


def rewrite(path: Path, edits: tuple[tuple[str, str], ...]) -> None:
    text = path.read_text(encoding="utf-8")
    for new, old in edits:
        assert new in text, new
        text = text.replace(new, old)
    path.write_text(text, encoding="utf-8")


def old_project(root: Path, *, old_files: bool) -> None:
    """Task files in the old words; with ``old_files`` the gold files under their old names."""
    rewrite(root / "tasks" / "dates.yaml", OLD_DATES)
    rewrite(root / "tasks" / "quotes.yaml", OLD_QUOTES)
    if old_files:
        shutil.move(root / "gold" / "dates.jsonl", root / "gold" / "timex.jsonl")
        shutil.move(root / "gold" / "speakers.yaml", root / "gold" / "entities.yaml")
        rewrite(root / "gold" / "entities.yaml", (("speakers:", "entities:"),))


def loaded(root: Path) -> tuple[dict[str, object], list[str]]:
    """What the dates and quotes tasks load, and the warnings loading them gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dates, quotes = open_task(root, "dates"), open_task(root, "quotes")
    found = {"dates kind": dates.kind.name, "dates gold": len(dates.gold),
             "dates file": dates.spec.gold.name, "quotes gold": len(quotes.gold),
             "speakers": len(quotes.kind.inventory.entities)}  # type: ignore[attr-defined]
    return found, [str(w.message) for w in caught]


def test_the_new_names_load_without_a_warning(project: Path) -> None:
    found, said = loaded(project)
    assert said == [] and found["dates file"] == "dates.jsonl"
    assert found["dates kind"] == "dates"


@pytest.mark.parametrize("old_files", [True, False],
                         ids=["own-files-under-old-names", "shipped-files-renamed"])
def test_task_files_in_the_old_words_load_the_same_records(project: Path,
                                                          old_files: bool) -> None:
    expected, _ = loaded(project)
    old_project(project, old_files=old_files)
    found, said = loaded(project)
    assert {k: v for k, v in found.items() if k != "dates file"} == {
        k: v for k, v in expected.items() if k != "dates file"}
    if old_files:  # the project's own files, under the names it gives: read as they are
        assert found["dates file"] == "timex.jsonl" and said == []
    else:  # the files were renamed under it: the new ones are read, with one warning each
        assert found["dates file"] == "dates.jsonl"
        assert [s.split(": ", 1)[1] for s in said] == [
            "'gold/timex.jsonl' is now 'gold/dates.jsonl' (write the new name in the task file)",
            "'gold/entities.yaml' is now 'gold/speakers.yaml' (write the new name in the task "
            "file)"]
        assert [s.split(": ", 1)[0] for s in said] == ["tasks/dates.yaml:10",
                                                       "tasks/quotes.yaml:7"]


def test_bench_validate_reads_a_project_in_the_old_words(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old_project(project, old_files=True)
    assert main(["validate"]) == 0
    assert "error" not in capsys.readouterr().err
