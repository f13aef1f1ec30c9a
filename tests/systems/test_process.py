"""External commands: own process group, whole group killed and reaped, bounded stdout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.cli import main
from bench.systems.process import run_command


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for its reaper counts as gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return False
    return fields[0] != "Z"


def sh(script: str) -> list[str]:
    return ["sh", "-c", script]


def test_background_child_holding_stdout_is_not_a_timeout(tmp_path: Path) -> None:
    pidfile = tmp_path / "pid"
    done = run_command(sh(f"sleep 300 & echo $! > {pidfile}; echo '{{}}'"), b"{}\n",
                       timeout=30, cap=1000)
    assert (done.returncode, done.timed_out, done.stdout) == (0, False, b"{}\n")
    assert not alive(int(pidfile.read_text()))


def test_timeout_kills_the_whole_group(tmp_path: Path) -> None:
    pidfile = tmp_path / "pid"
    done = run_command(sh(f"sleep 300 & echo $! > {pidfile}; sleep 300"), b"",
                       timeout=0.5, cap=1000)
    assert done.timed_out and done.returncode is None
    assert not alive(int(pidfile.read_text()))


def test_stdout_is_capped() -> None:
    done = run_command(["yes"], b"", timeout=30, cap=100_000)
    assert done.overflowed and done.returncode is None and len(done.stdout) == 100_000


def test_a_command_that_does_not_read_stdin() -> None:
    done = run_command(sh("exit 3"), b"x" * 1_000_000, timeout=30, cap=1000)
    assert done.returncode == 3


def test_bench_run_leaves_no_process_behind(project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    pidfile = project / "pids"
    script = project / "bg.py"
    script.write_text(
        "import json, subprocess, sys\n"
        "doc = json.loads(sys.stdin.readline())\n"
        "child = subprocess.Popen(['sleep', '300'])\n"
        f"open({str(pidfile)!r}, 'a').write(f'{{child.pid}}\\n')\n"
        "print(json.dumps({'doc': doc['doc'], 'start': 0, 'end': 1, 'type': 'PER'}))\n",
        encoding="utf-8")
    code = main(["run", "--task", "ner", "--command", f"{sys.executable} {script}",
                 "--no-write", "--no-cache", "--timeout", "30"])
    assert code == 0, capsys.readouterr().err
    pids = [int(p) for p in pidfile.read_text().split()]
    assert pids and not any(alive(p) for p in pids)


def test_overflow_is_one_line_and_exit_2(project: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BENCH_MAX_OUTPUT", "1000")
    code = main(["run", "--task", "ner", "--command", "yes", "--no-write", "--no-cache"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err == ("error: command 'yes': printed more than 1000 bytes on 'a' (print only "
                   "predictions, or raise BENCH_MAX_OUTPUT)")
