"""A plain install (no extras) into a fresh virtual environment runs the CLI, progress bar
included: nothing bench imports at run time is left out of ``[project] dependencies``.

It installs from the package index pip is configured with, which takes 30-40 s here (warm pip
cache), too long for the suite: a plain ``pytest`` deselects it (``-m 'not install'`` in
pyproject.toml) and .ci/run runs it as its own step, ``pytest -m install``.
"""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
PACKAGE = ("pyproject.toml", "README.md", "bench", "baselines")
PROJECT = ("tasks", "gold", "seeds", "data", "systems.yaml")
PROGRESS = """\
import sys
from bench.cli import main
where = "terminal" if sys.stderr.isatty() else "piped"
code = main(["run", "--task", "ner", "--system", "lexicon", "--no-write"])
print(where, "tqdm" in sys.modules, code)
"""
"""Runs bench on a terminal (stderr a pseudo-terminal), says whether tqdm was imported."""


def copy(names: tuple[str, ...], to: Path) -> None:
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", ".bench-cache", "site")
    for name in names:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, to / name, ignore=skip)
        else:
            shutil.copy2(REPO / name, to / name)


def on_a_terminal(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[str, str, int]:
    """Run ``argv`` with stderr on a pseudo-terminal: (stdout, terminal output, exit code)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: every writer of the terminal has gone
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    out, _ = proc.communicate(timeout=300)
    reader.join(timeout=60)
    os.close(master)
    return out.decode(), b"".join(chunks).decode(errors="replace"), proc.returncode


@pytest.mark.install
def test_a_plain_install_runs_the_cli(tmp_path: Path) -> None:
    source, project, venv = tmp_path / "source", tmp_path / "project", tmp_path / "venv"
    source.mkdir()
    project.mkdir()
    copy(PACKAGE, source)
    copy(PROJECT, project)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items()
           if k not in ("CI", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--no-compile",
                              str(source)], env=env, capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr

    listed = subprocess.run([str(venv / "bin" / "bench"), "list"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert "crf-lodo" in listed.stdout and "dateparser" in listed.stdout
    assert "warning" not in listed.stderr  # a plug-in that cannot load is a warning line

    run = subprocess.run([str(venv / "bin" / "bench"), "run", "--task", "ner", "--system",
                          "lexicon", "--no-write"], cwd=project, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "lexicon" in run.stdout and "span.f1 [95% CI]" in run.stdout

    out, terminal, code = on_a_terminal([str(venv / "bin" / "python"), "-c", PROGRESS],
                                        project, env)
    assert code == 0, terminal
    assert out.splitlines()[-1] == "terminal True 0", terminal
