"""The CLI's error contract: one line, the documented exit codes, no traceback."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from bench import commands
from bench.cli import main
from bench.errors import INTERNAL


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err.strip()


def test_an_unexpected_exception_is_an_internal_error_not_a_regression(
        project: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def broken(args: object) -> int:
        raise KeyError("surprise\nsecond line")

    monkeypatch.setattr(commands, "cmd_list", broken)
    code, _, err = run(["list"], capsys)
    assert code == INTERNAL == 3
    assert err == ("error: internal error: KeyError: 'surprise\\nsecond line' (a bug in bench: "
                   "run with --verbose for the traceback and report it)")


def test_an_os_refusal_is_one_line_and_exit_2(project: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    def full(args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", "reports/x.md")

    monkeypatch.setattr(commands, "cmd_list", full)
    code, _, err = run(["list"], capsys)
    assert (code, err) == (2, "error: reports/x.md: No space left on device (free some disk "
                              "space)")


CASES = [
    (["--root", "/nonexistent/folder", "list"], 2,
     "error: --root /nonexistent/folder: no such folder (give the project folder (the one with "
     "tasks/))"),
    (["run", "--task", "ner", "--command", "true", "--timeout", "0"], 2,
     "bench run: error: argument --timeout: must be more than 0 and at most 86400 seconds, "
     "not 0"),
    (["run", "--task", "ner", "--command", "true", "--timeout", "nan"], 2,
     "bench run: error: argument --timeout: must be more than 0 and at most 86400 seconds, "
     "not nan"),
]


@pytest.mark.parametrize(("args", "code", "last"), CASES,
                         ids=["root-missing", "timeout-zero", "timeout-nan"])
def test_cli_leftovers(project: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                       code: int, last: str) -> None:
    got, _, err = run(args, capsys)
    assert got == code
    assert err.splitlines()[-1] == last
    assert "Traceback" not in err


def test_root_without_tasks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--root", str(tmp_path), "validate"], capsys)
    assert (code, err) == (2, f"error: --root {tmp_path}: no tasks/ folder there (give the "
                              "project folder (the one with tasks/))")


@pytest.mark.parametrize("name", ["task", "manifest"])
def test_schema_is_published(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema", name], capsys)
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"].endswith("2020-12/schema") and schema["additionalProperties"] is False


def test_non_utf8_name_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["run", "--task", "ner", "--command", "true", "--name", "caf\udce9"],
                       capsys)
    assert (code, err) == (2, "error: --name 'caf\\udce9' is not a valid name (a name has "
                              "letters, digits, '.', '_' and '-' only, starts with a letter or "
                              "digit, at most 64 characters)")


def test_a_real_ctrl_c_still_stops_with_130(project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["run", "--task", "ner", "--system",
                        "tests.hostile_systems:PressesCtrlC", "--no-cache"], capsys)
    assert (code, err) == (130, "error: interrupted")
    assert not (project / "reports").exists()


@pytest.mark.parametrize("metric", ["span.f1.XYZ", "nope", "span"], ids=["label", "family",
                                                                          "bare"])
def test_compare_unknown_metric_is_one_line(project: Path, metric: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--task", "ner", "--system", "tests.toy_systems:DictionaryTagger",
                 "--system", "tests.toy_systems:Memorizer"]) == 0
    capsys.readouterr()
    code, _, err = run(["compare", "toy-dict", "toy-memo", "--task", "ner", "--metric", metric],
                       capsys)
    assert code == 2 and "\n" not in err and "Traceback" not in err
    assert err.startswith(f"error: --metric '{metric}': no such score in both run records of "
                          "'ner' (")
