"""The README's fenced code blocks, and a way to run its shell lines as a user would.

``blocks()`` reads every fenced block with the heading it sits under and the prose around it;
``variants()`` expands a command's optional parts (``[--json]``) into the forms to run;
``shell()`` runs a command line or script with bash in a copy of the project, the README's
``.venv/bin/`` meaning the environment running the tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).parent.parent
README = REPO / "README.md"
BIN = Path(sys.executable).parent
"""The environment the tests run in: its ``bench``, ``python`` and ``pip`` stand for the
README's ``.venv/bin/`` ones."""
PROJECT = ("tasks", "gold", "seeds", "data", "reports", "systems.yaml", "pyproject.toml",
           "README.md")
"""What a project copy holds (the code is the installed ``bench`` and ``baselines``)."""
PLACEHOLDERS = {"--jobs N": "--jobs 2"}
"""Placeholders in the README's commands, and what the tests put in their place."""
OPTIONAL = re.compile(r" \[(-[^\]]+|[A-Z]+)\]")
"""An optional part of a command line: `` [--json]``, `` [--jobs N]``, `` [DIR]``."""
FENCE = re.compile(r"^```(\w*)\s*$")


@dataclass(frozen=True)
class Block:
    """One fenced block of the README."""

    heading: str
    """The heading it sits under."""
    index: int
    """Its number under that heading, from 1."""
    lang: str
    """The fence's info string: ``sh``, ``python``, ``yaml`` ..."""
    text: str
    line: int
    """The README line of its opening fence."""
    before: str
    """The prose between the previous block (or heading) and this one."""
    after: str
    """The prose between this block and the next block or heading."""

    @property
    def id(self) -> str:
        return f"{re.sub(r'[^A-Za-z0-9]+', '-', self.heading).strip('-')}-{self.index}"

    @property
    def lines(self) -> list[str]:
        """Its non-blank lines."""
        return [line for line in self.text.splitlines() if line.strip()]


def blocks(path: Path = README) -> list[Block]:
    """Every fenced block of ``path``, in order."""
    found: list[Block] = []
    heading, prose, fence, body, start = "", [], None, [], 0
    counts: dict[str, int] = {}

    def close_prose() -> None:
        if found and found[-1].heading == heading and not found[-1].after:
            found[-1] = replace(found[-1], after="\n".join(prose))

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if fence is not None and line.strip() == "```":
            counts[heading] = counts.get(heading, 0) + 1
            found.append(Block(heading, counts[heading], fence, "\n".join(body) + "\n", start,
                               "\n".join(prose), ""))
            fence, prose = None, []
        elif fence is not None:
            body.append(line)
        elif opening := FENCE.match(line):
            close_prose()
            fence, body, start = opening.group(1), [], number
        elif line.startswith("#"):
            close_prose()
            heading, prose = line.lstrip("#").strip(), []
        else:
            prose.append(line)
    assert fence is None, f"README.md:{start}: a fence is never closed"
    close_prose()
    return found


def variants(command: str) -> list[str]:
    """``command`` without its optional parts and with all of them, placeholders filled in."""
    bare = OPTIONAL.sub("", command)
    full = OPTIONAL.sub(lambda m: " " + m.group(1), command)
    forms = [bare] if bare == full else [bare, full]
    for placeholder, value in PLACEHOLDERS.items():
        forms = [form.replace(placeholder, value) for form in forms]
    return forms


def copy_project(to: Path) -> Path:
    """A copy of the project's tasks, gold, documents, corpora and reports at ``to``."""
    skip = shutil.ignore_patterns("site", "screenshots", "__pycache__")
    to.mkdir(parents=True)
    for name in PROJECT:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, to / name, ignore=skip)
        else:
            shutil.copy2(REPO / name, to / name)
    return to


def localized(script: str) -> str:
    """``script`` with ``.venv/bin/X`` and a bare ``bench`` command as this environment's."""
    assert (BIN / "bench").is_file(), f"no bench script next to {sys.executable}"
    script = script.replace(".venv/bin/", f"{BIN}/")
    return re.sub(r"(?m)(^|(?<=[;&|(]\s)|(?<=[;&|(]))bench(?= )", f"{BIN}/bench", script)


def shell(script: str, root: Path, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    """Run ``script`` with bash in ``root`` (stopping at the first failing command).

    A browser opened by the script only prints its URL; no model key, job summary or display
    of the machine running the tests is seen.
    """
    environ = {k: v for k, v in os.environ.items()
               if k not in ("OPENAI_API_KEY", "PYTHONPATH", "BENCH_DATA_ROOTS", "BENCH_MAX_OUTPUT",
                            "GITHUB_STEP_SUMMARY", "DISPLAY", "WAYLAND_DISPLAY")}
    environ.update({"BROWSER": "echo %s", **(env or {})})
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", localized(script)], cwd=root,
                          env=environ, capture_output=True, text=True, timeout=300)
