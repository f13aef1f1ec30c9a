"""A token corpus is read once and remembered: reused only for the same inputs, never stale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from bench.project import open_task
from bench.task import corpus_memo

from ..test_corpora import corpus_task

CONLL = "وقال O\nبوتين B-PERS\nفي O\nموسكو B-LOC\n. O\n\nالتقى O\nجو B-PERS\nبايدن I-PERS\n"
BLOCK = "corpus:\n  format: conll\n  path: corpus.conll\n  labels: {PERS: PER, LOC: GPE}\n"


def seen(project: Path) -> tuple[list[dict[str, object]], list[tuple[str, str]]]:
    """The task's documents (every field) and gold (text, label), as loaded now."""
    data = open_task(project, "outside")
    return [asdict(d) for d in data.documents], [(g.text, g.label) for g in data.gold]


@pytest.fixture
def outside(project: Path) -> Path:
    (project / "corpus.conll").write_text(CONLL, encoding="utf-8")
    corpus_task(project, BLOCK)
    return project


def entry(project: Path) -> Path:
    return project / corpus_memo.FOLDER / "outside.corpus"


def test_a_second_load_reads_the_entry_and_gives_the_same_task(
        outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = seen(outside)
    assert entry(outside).is_file()

    def unread(*_args: object) -> None:
        raise AssertionError("the corpus was read again")

    monkeypatch.setattr(corpus_memo, "load_corpus", unread)
    assert seen(outside) == first
    assert first[1] == [("بوتين", "PER"), ("موسكو", "GPE"), ("جو بايدن", "PER")]


def read_count(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that grows by one each time the corpus file is read and parsed."""
    calls: list[str] = []
    real = corpus_memo.load_corpus

    def counted(*args: Any) -> Any:
        calls.append("read")
        return real(*args)

    monkeypatch.setattr(corpus_memo, "load_corpus", counted)
    return calls


def edit_corpus(p: Path) -> None:
    (p / "corpus.conll").write_text(CONLL.replace("موسكو B-LOC", "موسكو O"), encoding="utf-8")


def cut_corpus(p: Path) -> None:
    (p / "corpus.conll").write_text(CONLL.rsplit("\n", 2)[0] + "\n", encoding="utf-8")


def remap(p: Path) -> None:
    task = p / "tasks/outside.yaml"
    task.write_text(task.read_text().replace("LOC: GPE", "LOC: LOC"))


@pytest.mark.parametrize("edit", [edit_corpus, cut_corpus, remap],
                         ids=["corpus-edited", "corpus-cut-short", "label-map-changed"])
def test_a_changed_input_gives_a_fresh_result(outside: Path, monkeypatch: pytest.MonkeyPatch,
                                              edit: Callable[[Path], None]) -> None:
    before = seen(outside)
    edit(outside)
    calls = read_count(monkeypatch)
    fresh = seen(outside)
    assert calls == ["read"] and fresh != before
    entry(outside).unlink()
    assert fresh == seen(outside)  # what a load without any entry gives


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],
    lambda b: b.replace("موسكو".encode(), "مسكوو".encode()),
    lambda b: b"not json\n" + b,
    lambda b: b"",
], ids=["cut", "body-edited", "bad-header", "empty"])
def test_a_damaged_entry_is_a_miss_and_is_rewritten(outside: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    damage: Callable[[bytes], bytes]) -> None:
    first = seen(outside)
    good = entry(outside).read_bytes()
    entry(outside).write_bytes(damage(good))
    calls = read_count(monkeypatch)
    assert seen(outside) == first and calls == ["read"]
    assert entry(outside).read_bytes() == good


def test_a_change_in_bench_code_is_a_miss(outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen(outside)
    monkeypatch.setattr(corpus_memo, "_code", lambda: "other code")
    calls = read_count(monkeypatch)
    seen(outside)
    seen(outside)
    assert calls == ["read"]  # once, then from the entry written for the new code
