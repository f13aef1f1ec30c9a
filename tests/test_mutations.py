"""Property tests: valid task YAML, gold and prediction files mutated at random (byte flips,
deletions, nasty insertions, JSON type swaps, huge values) never crash bench: exit 0 or 2, at
most three lines on stderr, no traceback, no file changed."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.cli import main

from .conftest import FIXTURES

NASTY = [b"[", b"]", b"{", b"}", b"&a ", b"*a", b"\xff", b"\xc3", b"\n", b": ", b"- ",
         b"1e999", b"-1", b"true", b"null", b'"', b"99999999999999999999", b"\x00", b"\t",
         b"!!python/object:os.system", b"<<: *a", b".nan", b"[" * 200, b"\\u0000"]
VALUES = [None, True, False, -1, 0, 10**30, 1.5, float("1e308"), "", "x" * 5000, [], {},
          [1, [2, [3]]], {"doc": "a"}, "../../etc/passwd", "a|b\n<script>"]
SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@contextlib.contextmanager
def good_project() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(FIXTURES / "good", root)
        old = os.getcwd()
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(old)


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def mutate_bytes(data: st.DataObject, raw: bytes) -> bytes:
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        at = data.draw(st.integers(0, len(raw)), label="at")
        op = data.draw(st.sampled_from(["flip", "delete", "insert"]), label="op")
        if op == "flip" and at < len(raw):
            raw = raw[:at] + bytes([raw[at] ^ data.draw(st.integers(1, 255))]) + raw[at + 1:]
        elif op == "delete":
            raw = raw[:at] + raw[at + data.draw(st.integers(1, 40)):]
        else:
            raw = raw[:at] + data.draw(st.sampled_from(NASTY)) + raw[at:]
    return raw


def mutate_json_lines(data: st.DataObject, raw: bytes) -> bytes:
    lines = raw.decode("utf-8").splitlines()
    n = data.draw(st.integers(0, len(lines) - 1), label="line")
    record = json.loads(lines[n])
    key = data.draw(st.sampled_from(sorted(record)), label="field")
    record[key] = data.draw(st.sampled_from(VALUES), label="value")
    lines[n] = json.dumps(record, ensure_ascii=False)
    return ("\n".join(lines) + "\n").encode("utf-8")


def run_quietly(args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(args)
    return code, err.getvalue()


def assert_contained(root: Path, args: list[str]) -> None:
    before = files(root)
    code, err = run_quietly(args)
    assert code in (0, 2), err
    assert len(err.strip().splitlines()) <= 3, err
    assert "Traceback" not in err
    assert files(root) == before


TARGETS = ["tasks/ner.yaml", "tasks/dates.yaml", "gold/documents.yaml", "gold/speakers.yaml",
           "gold/ner.jsonl", "gold/dates.jsonl", "gold/quotes.jsonl"]


@SETTINGS
@given(data=st.data(), target=st.sampled_from(TARGETS))
def test_byte_mutations_of_inputs(data: st.DataObject, target: str) -> None:
    with good_project() as root:
        path = root / target
        path.write_bytes(mutate_bytes(data, path.read_bytes()))
        assert_contained(root, ["validate"])


@SETTINGS
@given(data=st.data(), target=st.sampled_from([t for t in TARGETS if t.endswith(".jsonl")]))
def test_type_swaps_in_gold(data: st.DataObject, target: str) -> None:
    with good_project() as root:
        path = root / target
        path.write_bytes(mutate_json_lines(data, path.read_bytes()))
        assert_contained(root, ["validate"])


@SETTINGS
@given(data=st.data(), swap=st.booleans())
def test_mutated_predictions(data: st.DataObject, swap: bool) -> None:
    with good_project() as root:
        gold = (root / "gold/ner.jsonl").read_bytes()
        mutated = mutate_json_lines(data, gold) if swap else mutate_bytes(data, gold)
        predictions = root.parent / "predictions.jsonl"
        predictions.write_bytes(mutated)
        assert_contained(root, ["score", "--task", "ner", "--predictions", str(predictions)])


@SETTINGS
@given(data=st.data())
def test_type_swaps_in_task_yaml(data: st.DataObject) -> None:
    import yaml

    with good_project() as root:
        path = root / "tasks/ner.yaml"
        task = yaml.safe_load(path.read_text(encoding="utf-8"))
        key = data.draw(st.sampled_from(sorted(task)), label="key")
        if isinstance(task[key], dict) and task[key] and data.draw(st.booleans()):
            inner = data.draw(st.sampled_from(sorted(task[key])), label="inner")
            task[key][inner] = data.draw(st.sampled_from(VALUES), label="value")
        else:
            task[key] = data.draw(st.sampled_from(VALUES), label="value")
        path.write_text(yaml.safe_dump(task, allow_unicode=True), encoding="utf-8")
        assert_contained(root, ["validate"])
