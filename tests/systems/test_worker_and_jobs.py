"""Worker mode for executables and --jobs: started once, same results, nothing left behind."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bench.cli import main
from bench.project import open_task
from bench.runner import run_system
from bench.systems.command import command_system, from_reference, reference
from tests.systems.test_process import alive
from tests.toy_systems import DictionaryTagger, Memorizer

TAGGER = """
import json, os, re, sys
with open(os.environ["STARTS"], "a") as log:
    log.write(f"{os.getpid()}\\n")
def predict(d):
    return [{"doc": d["doc"], "start": m.start(), "end": m.end(), "type": "PER"}
            for m in re.finditer("بوتين|ماكرون", d["text"])]
if "--worker" in sys.argv:
    for line in sys.stdin:
        print(json.dumps(predict(json.loads(line))), flush=True)
else:
    for p in predict(json.loads(sys.stdin.readline())):
        print(json.dumps(p))
"""


@pytest.fixture
def tagger(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = project / "tagger.py"
    script.write_text(TAGGER, encoding="utf-8")
    monkeypatch.setenv("STARTS", str(project / "starts"))
    return script


def starts(project: Path) -> int:
    path = project / "starts"
    count = len(path.read_text().split()) if path.exists() else 0
    path.unlink(missing_ok=True)
    return count


def record(project: Path, name: str) -> dict[str, object]:
    raw = json.loads((project / ".bench" / "runs" / "ner" / f"{name}.json").read_text("utf-8"))
    return {k: raw[k] for k in ("predictions", "scores")}


@pytest.mark.parametrize(("flags", "expected_starts"), [
    ([], 2), (["--worker"], 1), (["--jobs", "2"], 2), (["--worker", "--jobs", "2"], 2),
], ids=["per-document", "worker", "jobs", "worker-jobs"])
def test_every_mode_gives_the_same_record(project: Path, tagger: Path, flags: list[str],
                                          expected_starts: int) -> None:
    base = ["run", "--task", "ner", "--no-cache"]
    assert main([*base, "--command", f"{sys.executable} {tagger}", "--name", "plain"]) == 0
    starts(project)
    worker_arg = " --worker" if "--worker" in flags else ""
    assert main([*base, "--command", f"{sys.executable} {tagger}{worker_arg}", "--name", "mode",
                 *flags]) == 0
    assert starts(project) == expected_starts
    assert record(project, "mode") == record(project, "plain")


@pytest.mark.parametrize(("body", "message"), [
    ("import sys; sys.exit(4)", "exited before reading 'a'|exited without answering 'a'"),
    ("import sys\nfor line in sys.stdin: print('{\"not\": \"a list\"}', flush=True)",
     "answer on 'a' is not a JSON list of objects"),
    ("import sys, time\nfor line in sys.stdin: time.sleep(30)", "timed out after 0.3 s on 'a'"),
    ("import sys\nprint('oops', file=sys.stderr, flush=True)\nsys.exit(1)", "stderr: oops"),
], ids=["exits", "not-a-list", "hangs", "stderr-quoted"])
def test_a_failing_worker_gives_one_line(project: Path, capsys: pytest.CaptureFixture[str],
                                         body: str, message: str) -> None:
    script = project / "bad.py"
    script.write_text(body, encoding="utf-8")
    code = main(["run", "--task", "ner", "--no-cache", "--timeout", "0.3", "--worker",
                 "--command", f"{sys.executable} {script}"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert any(m in err for m in message.split("|")), err


def test_a_worker_and_its_children_are_gone_after_the_run(project: Path) -> None:
    pidfile = project / "pids"
    script = project / "bg.py"
    script.write_text(
        "import json, os, subprocess, sys\n"
        "child = subprocess.Popen(['sleep', '300'])\n"
        f"open({str(pidfile)!r}, 'w').write(f'{{os.getpid()}} {{child.pid}}')\n"
        "for line in sys.stdin:\n"
        "    print('[]', flush=True)\n", encoding="utf-8")
    assert main(["run", "--task", "ner", "--no-cache", "--no-write", "--worker",
                 "--command", f"{sys.executable} {script}"]) == 0
    assert not [pid for pid in map(int, pidfile.read_text().split()) if alive(pid)]


def test_worker_references_round_trip() -> None:
    cls = command_system("python3 x.py --fast", "ner", 5, "x", worker=True)
    assert reference(cls) == "worker:x:python3 x.py --fast"
    again = from_reference(reference(cls), "ner", 5)
    assert (again.worker, again.command, again.name) == (True, "python3 x.py --fast", "x")
    plain = from_reference(reference(command_system("python3 x.py", "ner")), "ner", 5)
    assert plain.worker is False


@pytest.mark.parametrize("cls", [DictionaryTagger, Memorizer], ids=["rules", "trainable"])
def test_jobs_give_the_same_predictions_for_python_systems(project: Path, cls: type) -> None:
    data = open_task(project, "ner")
    assert run_system(cls, data, jobs=2) == run_system(cls, data, jobs=1)


def test_bad_jobs_and_worker_flags(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--task", "ner", "--jobs", "0"]) == 2
    assert main(["run", "--task", "ner", "--worker", "--system", "lexicon"]) == 2
    err = capsys.readouterr().err
    assert "--jobs 0 is not a positive number" in err and "--worker goes with --command" in err
