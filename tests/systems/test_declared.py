"""systems.yaml: the declared systems, their references, and one-line errors on bad items."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.errors import InputError
from bench.systems.declared import (
    DeclaredSystem,
    declaration_text,
    declared_systems,
    find_declared,
)

REPO = Path(__file__).parent.parent.parent

GOOD = """\
systems:
  - lexicon
  - entry-point: crf-lodo
  - class: mymodule:MyTagger
  - command: ./putin.sh --fast
    version: "2"
    timeout: 30
  - model: gpt-4o-mini
    name: gpt-zero
    base_url: http://127.0.0.1:8000/v1
"""


def test_every_way_in_is_read_with_its_reference(tmp_path: Path) -> None:
    (tmp_path / "systems.yaml").write_text(GOOD)
    declared = declared_systems(tmp_path)
    assert [(d.way, d.ref, d.name) for d in declared] == [
        ("entry-point", "lexicon", "lexicon"),
        ("entry-point", "crf-lodo", "crf-lodo"),
        ("class", "mymodule:MyTagger", None),
        ("command", "command:command-putin:./putin.sh --fast", "command-putin"),
        ("model", "model:gpt-zero", "gpt-zero"),
    ]
    assert declared[3].version == "2" and declared[3].timeout == 30.0
    assert declared[4].options == {"base_url": "http://127.0.0.1:8000/v1"}


@pytest.mark.parametrize(("ref", "name", "found"), [
    ("lexicon", "lexicon", "lexicon"),
    ("mymodule:MyTagger", "my-tagger", "mymodule:MyTagger"),
    ("command:command-putin:./putin.sh --fast", "command-putin",
     "command:command-putin:./putin.sh --fast"),
    ("command:command-putin:./putin.sh --slow", "command-putin", None),
    ("other:Class", "lexicon", "lexicon"),
    ("model:{\"model\": \"gpt-4o-mini\"}", "gpt-zero", "model:gpt-zero"),
    ("mymodule:Other", "my-other", None),
], ids=["entry-point", "class", "command", "command-edited", "entry-point-by-name", "model",
        "undeclared"])
def test_a_record_finds_its_declaration(tmp_path: Path, ref: str, name: str,
                                        found: str | None) -> None:
    (tmp_path / "systems.yaml").write_text(GOOD)
    match = find_declared(declared_systems(tmp_path), ref, name)
    assert (match.ref if match else None) == found


def test_the_repository_declares_its_baselines() -> None:
    names = {d.name for d in declared_systems(REPO)}
    assert {"lexicon", "crf-anercorp", "crf-lodo", "rules", "cue-rules", "majority"} <= names


def test_without_the_file_every_entry_point_is_declared(tmp_path: Path) -> None:
    declared = declared_systems(tmp_path)
    assert DeclaredSystem("entry-point", "lexicon", "lexicon",
                          source="installed entry point") in declared


@pytest.mark.parametrize(("text", "message"), [
    ("systems: {lexicon: 1}\n", "systems.yaml: expected one key 'systems:' holding a list"),
    ("systems:\n  - class: a:B\n    command: x\n",
     "systems.yaml:2: a system declares 2 ways in (class, command)"),
    ("systems:\n  - command: ./x.sh\n    verison: 2\n",
     "systems.yaml:2: unknown key 'verison' for a command system (did you mean 'version'?)"),
    ("systems:\n  - class: mymodule.MyTagger\n",
     "systems.yaml:2: 'class: mymodule.MyTagger' is not module:Class"),
    ("systems:\n  - lexicon\n  - entry-point: lexicon\n",
     "systems.yaml:3: 'lexicon' is declared twice (also at systems.yaml item 1)"),
    ("systems:\n  - [lexicon]\n", "item 1 of 'systems' is not a name or a mapping"),
], ids=["not-a-list", "two-ways", "unknown-key", "not-module-class", "twice", "a-list-item"])
def test_bad_declarations_are_one_line_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              text: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "systems.yaml").write_text(text)
    with pytest.raises(InputError) as error:
        declared_systems(tmp_path)
    assert message in error.value.render()


@pytest.mark.parametrize(("ref", "text"), [
    ("lexicon", "  - lexicon\n"),
    ("mymodule:MyTagger", "  - class: mymodule:MyTagger\n"),
    ("command:putin:python3 putin.py --x", '  - command: "python3 putin.py --x"\n'
                                          "    name: putin\n"),
], ids=["entry-point", "class", "command"])
def test_a_recorded_system_is_declared_by_one_appended_item(tmp_path: Path, ref: str,
                                                           text: str) -> None:
    assert declaration_text(ref) == text
    (tmp_path / "systems.yaml").write_text("systems:\n" + text)
    assert find_declared(declared_systems(tmp_path), ref) is not None
