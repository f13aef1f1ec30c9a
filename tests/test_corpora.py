"""Outside corpora as tasks (CoNLL, Hugging Face), and bench export's round trip."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bench.cli import main
from bench.corpora import parse_corpus, read_conll
from bench.export import export, spans_from_hf
from bench.project import load_task_spec, open_task
from bench.scoring import score

from .conftest import REPO

DICT = "tests.toy_systems:DictionaryTagger"
CONLL = """\
وقال O
بوتين B-PERS
في O
موسكو B-LOC
. O

التقى O
جو B-PERS
بايدن I-PERS
المنظمة B-MISC
O
أمس O
"""


def corpus_task(root: Path, corpus: str) -> None:
    task = (root / "tasks/ner.yaml").read_text()
    task = task.replace("documents: gold/documents.yaml\ngold: gold/ner.jsonl\n", corpus)
    task = task.replace("name: ner", "name: outside")
    (root / "tasks/outside.yaml").write_text(task)


def test_conll_corpus_with_label_map_and_bad_lines(project: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (project / "corpus.conll").write_text(CONLL, encoding="utf-8")
    corpus_task(project, "corpus:\n  format: conll\n  path: corpus.conll\n"
                "  labels: {PERS: PER, LOC: GPE, MISC: null}\n")
    assert main(["validate"]) == 2
    assert "corpus.conll:11: expected 'TOKEN TAG', got 'O'" in capsys.readouterr().err
    text = (project / "tasks/outside.yaml").read_text()
    (project / "tasks/outside.yaml").write_text(text.replace("labels: {", "bad_lines: skip\n"
                                                             "  labels: {"))
    data = open_task(project, "outside")
    assert [d.text for d in data.documents] == [
        "وقال بوتين في موسكو .\nالتقى جو بايدن المنظمة أمس\n"]
    assert [(g.text, g.label) for g in data.gold] == [("بوتين", "PER"), ("موسكو", "GPE"),
                                                      ("جو بايدن", "PER")]
    (project / "pred.jsonl").write_text(json.dumps(
        {"doc": "outside-0001", "start": 5, "end": 10, "type": "PER"}) + "\n")
    assert main(["score", "--task", "outside", "--predictions", "pred.jsonl", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["span.precision"]["value"] == 1.0
    assert scores["span.recall"]["value"] == pytest.approx(1 / 3)


def test_selection_and_full_stop_sentences(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("أ O\n. O\n. O\nب B-LOC\nج O\n. O\nد O\n", encoding="utf-8")
    spec = parse_corpus({"format": "conll", "path": "c.txt", "sentences": "full-stop",
                         "select": {"last": 5}}, tmp_path / "t.yaml", tmp_path)
    assert [[t for t, _ in s] for s in read_conll(spec).sentences()] == [
        ["."], ["ب", "ج", "."], ["د"]]


def test_anercorp_task_reads_the_camel_lab_test_split() -> None:
    from baselines.anercorp import read_corpus, split

    _, test = split(read_corpus()[0])
    spec = load_task_spec(REPO, "anercorp")
    assert spec.corpus is not None
    assert [t for s in read_conll(spec.corpus).sentences() for t in s] == list(test)


def test_hf_export_round_trip_scores_identically(project: Path) -> None:
    import datasets

    assert main(["run", "--task", "ner", "--system", DICT]) == 0
    record = json.loads((project / "reports/runs/ner/toy-dict.json").read_text())
    assert main(["export", "--task", "ner", "--format", "hf", "--out", "out/hf",
                 "--system", "toy-dict"]) == 0
    loaded = datasets.load_from_disk(str(project / "out/hf"))
    assert loaded["gold"].features["ner_tags"].feature.names[:3] == ["O", "B-PER", "I-PER"]
    data = open_task(project, "ner")
    gold = spans_from_hf(loaded["gold"])
    assert [(g.doc, g.start, g.end, g.label) for g in gold] == \
        [(g.doc, g.start, g.end, g.label) for g in data.gold]
    again = score(data, spans_from_hf(loaded["predictions"]))
    assert {k: round(v.value, 6) for k, v in again.scores.items()} == \
        {k: v["value"] for k, v in record["scores"].items()}
    corpus_task(project, "corpus:\n  format: hf\n  path: out/hf\n  split: gold\n")
    imported = open_task(project, "outside")
    assert [d.text for d in imported.documents] == [d.text for d in data.documents]
    assert imported.gold == data.gold


def test_conll_and_jsonl_exports(project: Path) -> None:
    assert main(["export", "--task", "ner", "--format", "conll", "--out", "out/c"]) == 0
    lines = (project / "out/c/gold.conll").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "-DOCSTART- O" and any(line.endswith(" B-PER") for line in lines)
    assert main(["export", "--task", "ner", "--format", "jsonl", "--out", "out/j"]) == 0
    gold = (project / "out/j/gold.jsonl").read_text(encoding="utf-8")
    assert gold == (project / "gold/ner.jsonl").read_text(encoding="utf-8")


def test_the_token_family_keeps_the_corpus_tokens(project: Path) -> None:
    """ANERcorp glues some punctuation to words (``بيروت؛``): one corpus token, one tag."""
    (project / "corpus.conll").write_text("زار O\nبيروت؛ B-LOC\nأمس O\n", encoding="utf-8")
    corpus_task(project, "corpus:\n  format: conll\n  path: corpus.conll\n"
                "  labels: {LOC: GPE}\n")
    data = open_task(project, "outside")
    assert [(g.text, g.label) for g in data.gold] == [("بيروت؛", "GPE")]
    start = data.documents[0].text.index("بيروت")
    word_only = [replace(data.gold[0], start=start, end=start + len("بيروت"), text="بيروت")]
    scores = score(data, word_only).scores
    # By the documented tokenizer gold would be B-GPE I-GPE and the prediction B-GPE; on the
    # corpus's own tokens both are the single token's B-GPE.
    assert scores["seqeval.f1"].value == 1.0
    assert scores["span.f1"].value == 0.0


def test_docstart_lines_end_documents_and_are_never_tokens(project: Path) -> None:
    (project / "corpus.conll").write_text(
        "-DOCSTART- -X- -X- O\n\nوقال O\nبوتين B-PERS\n\n-DOCSTART- O\nموسكو B-LOC\n",
        encoding="utf-8")
    corpus_task(project, "corpus:\n  format: conll\n  path: corpus.conll\n"
                "  per_document: 50\n  labels: {PERS: PER, LOC: GPE}\n")
    data = open_task(project, "outside")
    assert [d.text for d in data.documents] == ["وقال بوتين\n", "موسكو\n"]
    assert [(g.doc, g.text, g.label) for g in data.gold] == [
        ("outside-0001", "بوتين", "PER"), ("outside-0002", "موسكو", "GPE")]


def test_conll_export_reads_back_as_the_same_documents_and_gold(tmp_path: Path) -> None:
    data = open_task(REPO, "ner")
    export(data, REPO, "conll", tmp_path / "c", None)
    task = (REPO / "tasks/ner.yaml").read_text(encoding="utf-8").replace("name: ner", "name: back")
    (tmp_path / "tasks").mkdir()
    (tmp_path / "tasks/back.yaml").write_text(task.replace(
        "documents: gold/documents.yaml\ngold: gold/ner.jsonl\n",
        "corpus:\n  format: conll\n  path: c/gold.conll\n  per_document: 1\n"), encoding="utf-8")
    back = open_task(tmp_path, "back")
    assert len(back.documents) == len(data.documents) == 5
    assert not any("DOCSTART" in d.text for d in back.documents)
    assert len(back.gold) == len(data.gold)
    for before, after in zip(data.documents, back.documents, strict=True):
        # The same tokens, one paragraph a line, and the same tag on every token.
        tokens, tags = data.kind.conll_tags(before, data.gold)
        assert after.text == "\n".join(
            " ".join(before.text[a:b] for a, b in tokens if p.start <= a < p.end)
            for p in before.paragraphs()) + "\n"
        assert back.kind.conll_tags(after, back.gold)[1] == tags
    export(back, tmp_path, "conll", tmp_path / "again", None)
    assert (tmp_path / "again/gold.conll").read_bytes() == (tmp_path / "c/gold.conll").read_bytes()
