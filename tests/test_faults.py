"""Faults: a run killed at any moment, a read-only or full reports/ folder, a failing step.

Each leaves every file as it was (or, for a kill after the renames began, each file either old
or new and parseable), and ends with one line and exit 2 where bench is still alive to say it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.cli import main
from bench.core import atomic
from bench.core.atomic import write_text

from .conftest import FIXTURES, REPO

DICT = "tests.toy_systems:DictionaryTagger"
RUN = ["run", "--task", "ner", "--system", DICT]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (bench's own hidden temporaries left out), by relative path."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".tmp" not in p.name and not p.name.startswith(".")
            and ".pytest" not in str(p)}


@contextlib.contextmanager
def tmpfs(path: Path, options: str) -> Iterator[None]:
    """A tmpfs mounted at ``path`` for the block; skips the test where mounting is refused."""
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip() or 'refused'})")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_files_get_the_umask_mode(tmp_path: Path) -> None:
    for mask, mode in ((0o022, 0o644), (0o002, 0o664)):
        old = os.umask(mask)
        try:
            write_text(tmp_path / f"f{mask}", "x")
        finally:
            os.umask(old)
        assert (tmp_path / f"f{mask}").stat().st_mode & 0o777 == mode


def test_a_failing_step_changes_nothing(project: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(RUN) == 0
    before = snapshot(project)
    from bench.reports import charts

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("the chart cannot be drawn")

    monkeypatch.setattr(charts, "render_svg", broken)
    shutil.rmtree(project / ".bench-cache", ignore_errors=True)
    capsys.readouterr()
    assert main([*RUN[:4], "tests.toy_systems:Memorizer", "--no-cache"]) == 3
    assert snapshot(project) == {k: v for k, v in before.items()
                                 if not k.startswith(".bench-cache")}


def test_a_write_failure_midway_changes_nothing(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(RUN) == 0
    before = snapshot(project)
    monkeypatch.setattr(atomic.tempfile, "mkstemp", _failing_mkstemp(3))
    capsys.readouterr()
    assert main([*RUN[:4], "tests.toy_systems:Memorizer", "--no-cache"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: nothing was written: ") and err.endswith(
        "No space left on device (free some disk space)") and "\n" not in err
    assert snapshot(project) == before


def _failing_mkstemp(n: int) -> object:
    import tempfile

    real = tempfile.mkstemp
    count = [0]

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        count[0] += 1
        if count[0] == n:
            raise OSError(errno.ENOSPC, "No space left on device", str(kwargs.get("dir")))
        return real(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

    return mkstemp


def test_read_only_reports_end_with_exit_2_and_nothing_changed(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(RUN) == 0
    saved = project.parent / "saved-reports"
    shutil.copytree(project / "reports", saved)
    shutil.rmtree(project / "reports")
    with tmpfs(project / "reports", "size=4m"):
        shutil.copytree(saved, project / "reports", dirs_exist_ok=True)
        subprocess.run(["mount", "-o", "remount,ro", str(project / "reports")], check=True)
        before = snapshot(project)
        capsys.readouterr()
        assert main([*RUN[:4], "tests.toy_systems:Memorizer"]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("error: nothing was written: ") and "read-only" in err
        assert snapshot(project) == before


def test_a_full_filesystem_ends_with_exit_2_and_nothing_changed(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with tmpfs(project / "reports", "size=12k"):
        before = snapshot(project)
        capsys.readouterr()
        assert main(RUN) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("error: nothing was written: ") and "free some disk space" in err
        assert snapshot(project) == before
        assert not any((project / "reports").iterdir())


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.7, 0.85, 0.95])
def test_a_killed_run_leaves_each_file_old_or_new(tmp_path: Path, fraction: float) -> None:
    """SIGKILL at a point of ``bench run`` (a fraction of a full run's duration)."""
    old, new, victim = (tmp_path / n for n in ("old", "new", "victim"))
    for root in (old, new, victim):
        shutil.copytree(FIXTURES / "good", root)
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true"}
    bench = [sys.executable, "-m", "bench"]
    for root in (old, victim):
        subprocess.run([*bench, "--root", str(root), *RUN], env=env, check=True,
                       capture_output=True)
    second = ["--system", "tests.toy_systems:Memorizer", "--no-cache"]
    subprocess.run([*bench, "--root", str(new), *RUN], env=env, check=True, capture_output=True)
    start = time.monotonic()
    subprocess.run([*bench, "--root", str(new), *RUN, *second], env=env, check=True,
                   capture_output=True)
    duration = time.monotonic() - start
    proc = subprocess.Popen([*bench, "--root", str(victim), *RUN, *second], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=duration * fraction)  # the kill point
    proc.kill()
    proc.wait()
    before, after, got = snapshot(old), snapshot(new), snapshot(victim)
    for name, content in got.items():
        if name.startswith(".bench-cache"):
            continue
        assert content in (before.get(name), after.get(name)), name
        if name.endswith(".json"):
            json.loads(content)
