"""What a long step shows on a terminal, and that nothing shows when piped or under CI."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bench.cli import main
from bench.output import status


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("tty", "ci", "shown"), [
    (True, "", "loading ner ...\r\033[K"),
    (True, "true", ""),
    (False, "", ""),
], ids=["terminal", "under-ci", "piped"])
def test_status_shows_on_a_terminal_only(tty: bool, ci: str, shown: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    err = Terminal() if tty else io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setenv("CI", ci)
    with status("loading ner"):
        pass
    assert err.getvalue() == shown


def test_bench_score_says_what_it_is_doing(project: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setenv("CI", "")
    assert main(["score", "--task", "ner", "--predictions", "gold/ner.jsonl"]) == 0
    steps = [line.split(" ...")[0] for line in err.getvalue().split("\r\033[K") if line]
    assert steps == ["loading ner", "reading gold/ner.jsonl",
                     f"scoring {len((project / 'gold/ner.jsonl').read_text().splitlines())} "
                     "predictions"]
    assert "span.f1" in capsys.readouterr().out
