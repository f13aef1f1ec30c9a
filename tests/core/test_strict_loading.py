"""Strict YAML and JSON-lines reading: size, depth, duplicate keys, aliases, bytes, types."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.core.paths import ENV, confine
from bench.core.yamlio import (
    MAX_YAML_BYTES,
    LineDict,
    _LineLoader,
    _parse_fast,
    load_yaml,
    parse_json_object,
    read_jsonl,
)
from bench.errors import InputError

YAML_CASES = [
    ("a: 1\na: 2\n", "x.yaml:2: malformed YAML: duplicate key 'a' (fix the YAML syntax)"),
    ("a: &x [1]\nb: *x\n", "x.yaml:1: malformed YAML: anchors and aliases (&name, *name) are "
     "not allowed (fix the YAML syntax)"),
    ("a: " + "[" * 33 + "]" * 33 + "\n",
     "x.yaml:1: malformed YAML: nested deeper than 32 levels (fix the YAML syntax)"),
    ("? [1, 2]\n: 3\n", "x.yaml:1: malformed YAML: a key must be a plain value (fix the YAML "
     "syntax)"),
    # libyaml reads the next two; the pure-Python reader refuses them, and so does bench
    ("a:\t[1]\n", "x.yaml:1: malformed YAML: found character '\\t' that cannot start any token "
     "(fix the YAML syntax)"),
    ("labels: [PER, FAC?, LOC]\n", "x.yaml:1: malformed YAML: expected ',' or ']', but got '?' "
     "(fix the YAML syntax)"),
]


@pytest.mark.parametrize(("text", "message"), YAML_CASES,
                         ids=["duplicate", "alias", "deep", "list-key", "tab", "flow-question"])
def test_yaml_refusals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str,
                       message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_yaml(tmp_path / "x.yaml")
    assert caught.value.render() == message


def test_billion_laughs_is_refused_before_expansion(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]"
              for i in range(8)]
    (tmp_path / "x.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="anchors and aliases"):
        load_yaml(tmp_path / "x.yaml")


def test_yaml_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.yaml").write_bytes(b"# " + b"x" * MAX_YAML_BYTES + b"\n")
    with pytest.raises(InputError) as caught:
        load_yaml(tmp_path / "x.yaml")
    assert caught.value.render() == (
        f"x.yaml: YAML file of {MAX_YAML_BYTES + 3} bytes is larger than the limit of "
        f"{MAX_YAML_BYTES} (task files and manifests are small: check that this is the right "
        "file)")


JSON_CASES = [
    ("[" * 10_000 + "]" * 10_000, "JSON nested deeper than 32 levels"),
    ('{"a": ' + "[" * 200_000 + "]" * 200_000 + "}", "JSON nested deeper than 32 levels"),
    ("null", "expected a JSON object, got null"),
    ('"doc"', "expected a JSON object, got a string"),
    ("3", "expected a JSON object, got a number"),
    ('{"a": 1', "invalid JSON: Expecting ',' delimiter at column 8"),
]


@pytest.mark.parametrize(("line", "message"), JSON_CASES,
                         ids=["deep-array", "deep-field", "null", "string", "number", "cut"])
def test_json_line_refusals(line: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_json_object(line, "f.jsonl:1")
    assert caught.value.render() == f"f.jsonl:1: {message} (write one JSON object per line)"


def test_jsonl_invalid_utf8_names_line_and_column(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.jsonl").write_bytes(b'{"a": 1}\n\n{"b": "\xc3("}\n')
    with pytest.raises(InputError) as caught:
        list(read_jsonl(tmp_path / "f.jsonl"))
    assert caught.value.render() == ("f.jsonl:3: not UTF-8: byte 0xc3 at column 8 cannot be "
                                     "decoded (save the file as UTF-8)")


def test_paths_stay_inside_the_project_or_a_data_root(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    root, outside = tmp_path / "project", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    (outside / "data.txt").write_text("x", encoding="utf-8")
    (root / "link.txt").symlink_to(outside / "data.txt")
    monkeypatch.delenv(ENV, raising=False)
    assert confine(root, "gold/x.jsonl", "gold") == (root / "gold/x.jsonl").resolve()
    for value in ("/etc/passwd", "../elsewhere/data.txt", "link.txt"):
        with pytest.raises(InputError, match="is outside the project"):
            confine(root, value, "gold")
    monkeypatch.setenv(ENV, str(outside))
    assert confine(root, "link.txt", "gold") == (outside / "data.txt").resolve()


def _shape(value: object) -> object:
    """A value with the lines of its mappings, for comparing two readings."""
    if isinstance(value, LineDict):
        return ("lines", value.lines, value.start_line, {k: _shape(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return (type(value).__name__, value)


PROJECT_YAML = sorted(p for folder in ("tasks", "gold", "tests/fixtures")
                      for p in (Path(__file__).parents[2] / folder).rglob("*.yaml"))


@pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="PyYAML without libyaml")
def test_libyaml_reading_equals_the_strict_reader_on_the_project_files() -> None:
    fast = 0
    for path in PROJECT_YAML:
        text = path.read_bytes().decode("utf-8", errors="replace")
        read, value = _parse_fast(text)
        if not read:
            continue
        fast += 1
        strict = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a safe loader)
        assert _shape(value) == _shape(strict), path
    assert fast >= len(PROJECT_YAML) // 2  # the fast reader does read most of them
