"""``bench export --format hf`` for dates and quote tasks: typed columns that load back to the
same records, by the kind's own decoder and by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.cli import main
from bench.export import records_from_hf
from bench.kinds.dates import Timex
from bench.kinds.quotes import TextSpan
from bench.project import open_task

from .conftest import REPO

datasets = pytest.importorskip("datasets")


def exported_gold(task: str, folder: Path) -> Any:
    """The gold split of ``bench export --task TASK --format hf``, loaded back."""
    assert main(["export", "--task", task, "--format", "hf", "--out", str(folder)]) == 0
    return datasets.load_from_disk(str(folder))["gold"]


def test_dates_gold_round_trips_through_a_dataset(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    gold = exported_gold("dates", tmp_path / "dates")
    types = gold.features["dates"]["type"]
    names = getattr(types, "feature", types).names
    back = []
    for row in gold:
        t = row["dates"]
        for i in range(len(t["start"])):
            back.append(Timex(row["id"], t["start"][i], t["end"][i], names[t["type"][i]],
                              t["value"][i], t["mod"][i] or None, json.loads(t["anchor"][i]),
                              t["text"][i]))
    data = open_task(REPO, "dates")
    expected = sorted(data.gold)
    assert sorted(back) == expected
    assert [x.anchor for x in sorted(back)] == [x.anchor for x in expected]
    decoded = sorted(records_from_hf(gold, data.kind))
    assert decoded == expected
    assert [x.anchor for x in decoded] == [x.anchor for x in expected]


def test_dates_column_is_still_read_under_its_old_name(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    old = exported_gold("dates", tmp_path / "dates").rename_column("dates", "timexes")
    data = open_task(REPO, "dates")
    assert sorted(records_from_hf(old, data.kind)) == sorted(data.gold)


def test_quote_gold_round_trips_through_a_dataset(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    gold = exported_gold("quotes", tmp_path / "quotes")
    back = []
    for row in gold:
        q = row["quotes"]
        for i in range(len(q["id"])):
            cue = (TextSpan(q["cue_start"][i], q["cue_end"][i])
                   if q["cue_start"][i] >= 0 else None)
            back.append((row["id"], q["id"][i], q["content_start"][i], q["content_end"][i],
                         q["speaker"][i], None if cue is None else (cue.start, cue.end)))
    data = open_task(REPO, "quotes")
    expected = [(g.doc, g.id, g.content.start, g.content.end, g.speaker,
                 None if g.cue is None else (g.cue.start, g.cue.end)) for g in data.gold]
    assert sorted(back) == sorted(expected)
    decoded = records_from_hf(gold, data.kind)
    key = [(q.doc, q.id, q.kind, q.content, q.cue, q.speaker, q.speaker_mention)
           for q in sorted(decoded)]
    assert key == [(q.doc, q.id, q.kind, q.content, q.cue, q.speaker, q.speaker_mention)
                   for q in sorted(data.gold)]


def test_conflicts_have_no_hf_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    assert main(["export", "--task", "conflicts", "--format", "hf", "--out",
                 str(tmp_path / "c")]) == 2
    assert "use --format jsonl" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()
