"""The shipped gold: every task validates, every document is annotated, and the gold scores
itself perfectly, so the metrics and the gold agree on what "right" means."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest

from bench.metrics import build_metric
from bench.project import open_task
from bench.scoring import assign, units_of

from .conftest import REPO

SEED_TASKS = ("ner", "dates", "quotes", "conflicts")
SHARED_SEEDS = REPO.parent / "shared" / "seeds"


@pytest.mark.parametrize("task", SEED_TASKS)
def test_gold_scores_itself_perfectly(task: str) -> None:
    data = open_task(REPO, task)
    family, _, primary = data.spec.primary.partition(".")
    spec = next(m for m in data.spec.metrics if m.name == family)
    metric = build_metric(spec.name, data.spec.labels, spec.options)
    buckets = units_of(data)
    assign(list(data.gold), data, buckets, 1)
    assign(list(data.gold), data, buckets, 2)
    scores = metric.aggregate(sum(metric.statistics(g, p, u) for u, g, p in buckets))
    assert float(scores[primary]) == pytest.approx(1.0)


@pytest.mark.parametrize("task", ["ner", "dates", "quotes"])
def test_every_article_is_annotated(task: str) -> None:
    data = open_task(REPO, task)
    per_doc = Counter(data.kind.locate(r)[0] for r in data.gold)
    assert set(per_doc) == {d.id for d in data.documents}
    assert min(per_doc.values()) >= 5


def test_the_guideline_examples_are_in_the_gold() -> None:
    """Cases the guidelines decide in so many words, checked against the records."""
    timex = {(t.doc[:3], t.text): t for t in open_task(REPO, "dates").gold}
    tomorrow = timex[("000", "مساء الغد")]
    assert (tomorrow.value, tomorrow.anchor) == ("2022-02-12TEV", "2022-02-11")
    late = timex[("002", "أواخر العام الماضي")]
    assert (late.value, late.mod) == ("2021", "END")
    names = {(s.doc[:3], s.text, s.label) for s in open_task(REPO, "ner").gold}
    assert ("000", "لبيت الأبيض", "ORG") in names


def test_no_entity_keeps_its_proclitic() -> None:
    """A span that is a proclitic plus another gold name of its type breaks rule 1.3.1."""
    spans = {(s.text, s.label) for s in open_task(REPO, "ner").gold}
    glued = [(text, label) for text, label in spans
             if text[0] in "وفبلك" and (text[1:], label) in spans]
    assert glued == []


def test_the_next_day_is_anchored_on_the_expression_it_follows() -> None:
    gold = [t for t in open_task(REPO, "dates").gold if t.doc.startswith("002")]
    next_day = next(t for t in gold if t.text == "اليوم التالي")
    anchor = next(t for t in gold if t.start == next_day.anchor)
    assert anchor.value == "2022-02-07"


def test_conflicts_include_the_initiator_of_the_february_call() -> None:
    data = open_task(REPO, "conflicts")
    claims = data.kind.claims
    initiator = [p for p in data.gold if p.label == "CONFLICT"
                 and claims[p.a.id].attribute == "initiator"]
    assert {claims[p.a.id].value for p in initiator} == {"united-states"}
    assert {claims[p.b.id].value for p in initiator} == {"russia"}


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="the project brief's seeds are not here")
def test_seeds_are_the_brief_articles_byte_for_byte() -> None:
    for path in sorted(SHARED_SEEDS.glob("*.txt")):
        ours = REPO / "seeds" / path.name
        assert hashlib.sha256(ours.read_bytes()).digest() == hashlib.sha256(
            path.read_bytes()).digest(), path.name


def test_annotations_before_adjudication_are_kept() -> None:
    folder = REPO / "gold" / "annotations"
    for name in ("ner", "dates", "quotes", "conflicts"):
        assert (folder / f"{name}.A.jsonl").is_file()
        assert (folder / f"{name}.B.jsonl").is_file()
    assert Path(folder / "ner.A.jsonl").read_bytes() != Path(folder / "ner.B.jsonl").read_bytes()


def test_the_inventory_knows_every_speaker_mention_and_name() -> None:
    """Each gold speaker mention resolves to its speaker; each PER or ORG name to someone."""
    quotes = open_task(REPO, "quotes")
    inventory = quotes.kind.inventory
    wrong = [(q.id, q.speaker_mention.text) for q in quotes.gold if q.speaker_mention
             and inventory.resolve(q.speaker_mention.text, q.doc) != q.speaker]
    assert wrong == []
    unknown = {s.text for s in open_task(REPO, "ner").gold
               if s.label in ("PER", "ORG") and inventory.resolve(s.text, s.doc) is None}
    assert unknown == set()


@pytest.mark.parametrize("task", SEED_TASKS)
def test_the_agreement_figures_in_the_gold_readme_are_computed(
        task: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every table row and figure scripts/agreement.py prints is in gold/README.md as printed."""
    import importlib.util

    path = REPO / "scripts" / "agreement.py"
    module_spec = importlib.util.spec_from_file_location("agreement", path)
    assert module_spec is not None and module_spec.loader is not None
    agreement = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(agreement)
    assert agreement.main([task]) == 0
    printed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    readme = (REPO / "gold" / "README.md").read_text(encoding="utf-8")
    assert printed and [line for line in printed if line not in readme] == []


def test_the_record_counts_in_the_gold_readme_are_the_files() -> None:
    readme = (REPO / "gold" / "README.md").read_text(encoding="utf-8")
    stated = dict(re.findall(r"^\| `([\w.]+)` \|[^|]*\| (\d+) \|$", readme, re.M))
    gold = REPO / "gold"
    actual = {name: sum(1 for line in (gold / name).read_text(encoding="utf-8").splitlines()
                        if line.strip()) for name in stated if name.endswith(".jsonl")}
    actual["speakers.yaml"] = len(open_task(REPO, "quotes").kind.inventory.entities)
    actual["documents.yaml"] = len(open_task(REPO, "ner").documents)
    assert {name: int(n) for name, n in stated.items()} == actual
