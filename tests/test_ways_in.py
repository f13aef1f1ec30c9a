"""Every way to plug in a system: executables, entry points, the cache and the pytest plugin."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from bench.cli import main

from .conftest import FIXTURES, declare

SCRIPT = """\
import json, re, sys
for line in sys.stdin:
    d = json.loads(line)
    for m in re.finditer("بوتين", d["text"]):
        print(json.dumps({"doc": d["doc"], "start": m.start(), "end": m.end(), "type": "PER"}))
"""


def test_an_executable_scores_through_command(project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (project / "putin.py").write_text(SCRIPT, encoding="utf-8")
    command = f"{sys.executable} putin.py"
    assert main(["run", "--task", "ner", "--command", command, "--record"]) == 0
    assert "command-putin" in capsys.readouterr().out
    record = json.loads((project / "reports/runs/ner/command-putin.json").read_text())
    assert record["system"]["ref"] == f"command:command-putin:{command}"
    declare(project, record["system"]["ref"])
    assert record["scores"]["span.precision"]["value"] == pytest.approx(1 / 2)
    assert main(["check"]) == 0


@pytest.mark.parametrize(("code", "message"), [
    ("import sys; sys.stderr.write('model file missing'); sys.exit(3)",
     "exited with code 3 on 'a' (stderr: model file missing)"),
    ("print('hello')", "stdout line 1 on 'a' is not a JSON object: 'hello'"),
    ("import time; time.sleep(5)", "timed out after 0.5 s on 'a'"),
], ids=["crash", "garbage", "hang"])
def test_bad_executables_give_one_line_and_record_nothing(
        project: Path, capsys: pytest.CaptureFixture[str], code: str, message: str) -> None:
    (project / "bad.py").write_text(code)
    assert main(["run", "--task", "ner", "--command", f"{sys.executable} bad.py",
                 "--timeout", "0.5"]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (project / "reports").exists()


def test_the_cache_reuses_predictions_until_the_script_changes(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "putin.py").write_text(SCRIPT, encoding="utf-8")
    args = ["run", "--task", "ner", "--command", f"{sys.executable} putin.py"]
    assert main(args) == 0
    first = (project / ".bench/runs/ner/command-putin.json").read_bytes()
    assert "cache: reused" not in capsys.readouterr().err
    assert main(args) == 0
    assert "cache: reused 2 of 2 document predictions" in capsys.readouterr().err
    assert (project / ".bench/runs/ner/command-putin.json").read_bytes() == first
    (project / "putin.py").write_text("raise SystemExit(1)\n")  # an edit is run, not cached
    assert main(args) == 2
    assert main(["cache", "clear"]) == 0
    assert "removed 2 cached prediction file(s)" in capsys.readouterr().out


def test_a_declared_version_keys_the_cache_and_the_record(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "putin.py").write_text(SCRIPT, encoding="utf-8")
    command = f"{sys.executable} putin.py"
    declaration = f'  - command: "{command}"\n    name: putin\n    version: "1"\n'
    with (project / "systems.yaml").open("a") as handle:
        handle.write(declaration)
    args = ["run", "--task", "ner", "--command", command, "--name", "putin"]
    assert main(args) == 0
    record = json.loads((project / "reports/runs/ner/putin.json").read_text())
    assert record["system"]["version"] == "1"
    capsys.readouterr()
    assert main(args) == 0
    assert "cache: reused 2 of 2" in capsys.readouterr().err
    text = (project / "systems.yaml").read_text().replace('version: "1"', 'version: "2"')
    (project / "systems.yaml").write_text(text)
    assert main(["run", "--task", "ner"]) == 0  # every declared system, putin among them
    assert "cache: reused" not in capsys.readouterr().err
    record = json.loads((project / "reports/runs/ner/putin.json").read_text())
    assert record["system"]["version"] == "2"
    assert main(["check"]) == 0


def test_an_installed_package_registers_a_system(project: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    (site / "tiny_ner").mkdir(parents=True)
    (site / "tiny_ner/__init__.py").write_text(textwrap.dedent("""\
        from bench.kinds.spans import Span
        from bench.systems.protocol import System

        class Tiny(System):
            name = "tiny"
            version = "0.1"
            tasks = ("ner",)
            def predict(self, doc):
                i = doc.text.find("موسكو")
                return [] if i < 0 else [Span(doc.id, i, i + 5, "GPE")]
        """))
    info = site / "tiny_ner-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tiny-ner\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[bench.systems]\ntiny = tiny_ner:Tiny\n")
    monkeypatch.syspath_prepend(str(site))
    assert main(["list"]) == 0
    assert "tiny" in capsys.readouterr().out
    assert main(["run", "--task", "ner", "--system", "tiny"]) == 0
    assert (project / ".bench/runs/ner/tiny.json").is_file()
    assert not (project / "reports").exists()
    assert main(["run", "--task", "ner", "--system", "tiny", "--record"]) == 0
    assert (project / "reports/runs/ner/tiny.json").is_file()
    assert (project / "systems.yaml").read_text().endswith("  - tiny\n")
    assert main(["check"]) == 0


def test_the_pytest_plugin_in_a_sample_project(pytester: pytest.Pytester) -> None:
    shutil.copytree(FIXTURES / "good", pytester.path, dirs_exist_ok=True)
    pytester.makepyfile(test_mine="""
        def test_passes(bench_score):
            result = bench_score("ner", "tests.toy_systems:DictionaryTagger")
            assert 0.4 < result.primary < 0.6
            assert result.scores["span.precision"] == 0.8

        def test_fails_with_the_signature(bench_score):
            assert bench_score("ner", "tests.toy_systems:DictionaryTagger").primary >= 0.70
        """)
    pytester.syspathinsert(str(Path(__file__).parent.parent))
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*BenchScore(ner/toy-dict: span.f1 = 0.5000*signature "
                                 "task:ner@1.0|gold:*|system:toy-dict@1)*"])
