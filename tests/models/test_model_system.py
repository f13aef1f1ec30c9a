"""Model systems against a real Chat Completions server on 127.0.0.1 with scripted answers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from bench.cli import main
from bench.errors import SystemFailure
from bench.models.config import ModelConfig
from bench.models.system import ModelSystem, model_system
from bench.project import open_task
from bench.runs.signature import run_signature
from tests.conftest import REPO
from tests.models.chat_server import ChatServer, Step

ANSWER_A = json.dumps({"entities": [{"text": "فلاديمير بوتين", "type": "PER"},
                                    {"text": "بوتين", "type": "PER"},
                                    {"text": "موسكو", "type": "GPE"}]}, ensure_ascii=False)
ANSWER_B = json.dumps({"entities": [{"text": "ماكرون", "type": "PER"}]}, ensure_ascii=False)
KEY = "sk-fixture-SECRET-0123456789"


def by_document(body: dict[str, Any], n: int) -> Step:
    """Answer A for document a, B for document b."""
    user = body["messages"][1]["content"]
    return Step(content=ANSWER_A if "فلاديمير" in user.split("Text:")[-1] else ANSWER_B)


@pytest.fixture
def llm_project(project: Path) -> Path:
    """The small project with the shipped NER prompt templates."""
    shutil.copytree(REPO / "tasks" / "prompts", project / "tasks" / "prompts")
    return project


def build(root: Path, server: ChatServer, **options: Any) -> type[ModelSystem]:
    config = ModelConfig(model="fixture/model", base_url=server.url, backoff=0.001, **options)
    return model_system(config, open_task(root, "ner"), root)


def test_requests_carry_prompt_schema_and_parameters(llm_project: Path) -> None:
    with ChatServer(by_document) as server:
        build(llm_project, server, temperature=0.3, max_tokens=500, seed=7)
    assert len(server.bodies) == 2
    body = server.bodies[0]
    assert (body["model"], body["temperature"], body["max_tokens"], body["seed"]) == (
        "fixture/model", 0.3, 500, 7)
    system, user = (m["content"] for m in body["messages"])
    assert "PER: a person's name" in system and "PER, ORG, GPE" in system
    texts = {user.split("Text:\n")[-1].strip() for user in
             (b["messages"][1]["content"] for b in server.bodies)}
    data = open_task(llm_project, "ner")
    assert texts == {d.text.strip() for d in data.documents}
    schema = body["response_format"]["json_schema"]["schema"]
    item = schema["properties"]["entities"]["items"]
    assert item["properties"]["type"]["enum"] == list(data.spec.labels)
    assert body["response_format"]["type"] == "json_schema"


def test_answers_become_aligned_predictions_and_usage(llm_project: Path) -> None:
    with ChatServer(by_document) as server:
        cls = build(llm_project, server)
    data = open_task(llm_project, "ner")
    got = {(p["doc"], p["start"], p["end"], p["type"])
           for d in data.documents for p in cls().predict(d)}
    a = data.document("a").text
    putin = [i for i in range(len(a)) if a.startswith("بوتين", i)]
    assert got == {("a", a.index("فلاديمير بوتين"), putin[0] + 5, "PER"),
                   ("a", putin[1], putin[1] + 5, "PER"),
                   ("a", a.index("موسكو"), a.index("موسكو") + 5, "GPE"),
                   ("b", 4, 10, "PER")}
    info = cls.run_info()
    assert info["usage"]["requests"] == 2 and info["usage"]["prompt_tokens"] == 200
    assert info["invalid_answers"] == {"a": 0, "b": 0}
    assert info["dropped_items"] == {"a": 1, "b": 0}  # the inner بوتين of فلاديمير بوتين
    assert cls.describe()["model"]["reported_model"] == ["fixture-model-1"]


@pytest.mark.parametrize(("content", "invalid", "found"), [
    ('```json\n{"entities": [{"text": "ماكرون", "type": "PER"}]}\n```', 0, 1),
    ('Here you are: {"entities": [{"text": "ماكرون", "type": "PER"}]} Hope it helps!', 0, 1),
    ('[{"text": "ماكرون", "type": "PER"}]', 0, 1),
    ("I cannot help with that.", 1, 0),
    ('{"entities": "none"}', 1, 0),
    ('{"entities": [{"text": "ماكرون", "type": "PERSON"}, {"text": "Paris"}]}', 0, 0),
], ids=["fenced", "trailing-text", "bare-list", "garbage", "wrong-shape", "bad-items"])
def test_tolerant_answers_and_invalid_ones_scored_empty(llm_project: Path, content: str,
                                                        invalid: int, found: int) -> None:
    with ChatServer(lambda body, n: Step(content=content)) as server:
        cls = build(llm_project, server)
    data = open_task(llm_project, "ner")
    assert cls.run_info()["invalid_answers"] == {"a": invalid, "b": invalid}
    assert len(cls().predict(data.document("b"))) == found


def test_429_and_timeouts_are_retried_with_backoff(llm_project: Path) -> None:
    def flaky(body: dict[str, Any], n: int) -> Step:
        if n == 0:
            return Step(status=429, content="slow down")
        if n == 1:
            return Step(delay=5.0)  # past the 0.3 s timeout: dropped and retried
        return by_document(body, n)

    with ChatServer(flaky) as server:
        cls = build(llm_project, server, timeout=0.3, concurrency=1)
    usage = cls.run_info()["usage"]
    assert (usage["requests"], usage["retries"]) == (4, 2)
    assert cls.run_info()["invalid_answers"] == {"a": 0, "b": 0}


def test_a_500_that_persists_fails_in_one_line_without_the_key(
        llm_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)

    def broken(body: dict[str, Any], n: int) -> Step:
        return Step(status=500, content="internal error")

    with ChatServer(broken) as server, pytest.raises(SystemFailure) as failure:
        build(llm_project, server, retries=2, concurrency=1)
    first = [b for b in server.bodies if b == server.bodies[0]]
    assert len(first) == 3  # one request and two retries, then the run stops
    message = failure.value.render()
    assert "still failing after 2 retries" in message and "HTTP 500" in message
    assert "\n" not in message and KEY not in message


def test_an_error_that_echoes_the_key_is_scrubbed(llm_project: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with ChatServer(lambda body, n: Step(status=401, content=f"bad key {KEY}")) as server, \
            pytest.raises(SystemFailure) as failure:
        build(llm_project, server)
    assert server.headers[0]["authorization"] == f"Bearer {KEY}"
    assert KEY not in failure.value.render() and "$OPENAI_API_KEY" in failure.value.render()


def test_concurrency_never_exceeds_the_limit() -> None:
    data = open_task(REPO, "ner")  # five documents
    with ChatServer(lambda body, n: Step(delay=0.05)) as server:
        config = ModelConfig(model="m", base_url=server.url, concurrency=2, backoff=0.001)
        model_system(config, data, REPO, cache=False)
    assert len(server.bodies) == 5
    assert server.max_in_flight == 2


def test_a_second_run_sends_nothing(llm_project: Path) -> None:
    with ChatServer(by_document) as server:
        first = build(llm_project, server)
        second = build(llm_project, server)
    assert len(server.bodies) == 2
    assert second.run_info()["usage"]["requests"] == 0
    assert second.run_info()["usage"]["cache_hits"] == 2
    assert (second.version, second.readings) == (first.version, first.readings)


def test_the_signature_follows_the_prompt_and_the_model(llm_project: Path) -> None:
    data = open_task(llm_project, "ner")
    with ChatServer(by_document) as server:
        base = run_signature(data, build(llm_project, server))
        warmer = run_signature(data, build(llm_project, server, temperature=0.5))
        path = llm_project / "tasks" / "prompts" / "ner.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "expert annotator", "careful annotator"), encoding="utf-8")
        edited = run_signature(data, build(llm_project, server))
    with ChatServer(by_document, model_id="fixture-model-2") as server:
        other_model = run_signature(data, build(llm_project, server, name="x"))
    assert len({base, warmer, edited}) == 3
    assert base.split("@")[-1] != other_model.split("@")[-1]


def test_the_cli_runs_a_model_and_writes_no_key(llm_project: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MY_LLM_KEY", KEY)
    with ChatServer(by_document) as server:
        code = main(["run", "--task", "ner", "--model", "fixture/model", "--base-url",
                     server.url, "--api-key-env", "MY_LLM_KEY", "--concurrency", "2"])
    assert code == 0, capsys.readouterr().err
    assert server.headers[0]["authorization"] == f"Bearer {KEY}"
    out = capsys.readouterr()
    assert "fixture-model-zero-shot" in out.out and "2 requests" in out.err
    record = json.loads((llm_project / ".bench" / "runs" / "ner" /
                         "fixture-model-zero-shot.json").read_text(encoding="utf-8"))
    assert record["run"]["invalid_answers"] == {"a": 0, "b": 0}
    assert record["system"]["model"]["api_key_env"] == "MY_LLM_KEY"
    assert record["scores"]["span.recall"]["value"] > 0
    written = [p for p in llm_project.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite" for p in written)
    assert not [p for p in written if KEY.encode() in p.read_bytes()]


@pytest.mark.parametrize(("options", "error"), [
    ({"base_url": "http://127.0.0.1:8000/v1", "prompt": "k-shot", "temperature": 0.2}, None),
    ({"base_url": "http://127.0.0.1:8000/v1", "temprature": 0.2}, "did you mean 'temperature'"),
    ({"prompt": "k-shot"}, "has no base_url"),
    ({"base_url": "ftp://x"}, "is not an http(s) URL"),
], ids=["ok", "misspelt-setting", "no-endpoint", "bad-url"])
def test_a_systems_yaml_declaration_gives_a_config(options: dict[str, Any],
                                                   error: str | None) -> None:
    from bench.errors import InputError
    from bench.models.options import config_from_declaration, reference

    if error is None:
        config = config_from_declaration("gpt-x", "gx", options)
        assert (config.prompt, config.temperature, config.system_name) == ("k-shot", 0.2, "gx")
        assert reference(config) == "model:gx"
        return
    with pytest.raises(InputError, match=error.replace("(", r"\(").replace(")", r"\)")):
        config_from_declaration("gpt-x", None, options, "systems.yaml:3")


def test_unaligned_strings_are_kept_and_shown_on_the_error_page(
        llm_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = json.dumps({"entities": [{"text": "ماكرون", "type": "PER"},
                                      {"text": "<b>*غير موجود*</b>", "type": "ORG"}]},
                        ensure_ascii=False)
    with ChatServer(lambda body, n: Step(content=answer)) as server:
        assert main(["run", "--task", "ner", "--model", "m", "--base-url", server.url,
                     "--name", "stray", "--record"]) == 0
    record = json.loads((llm_project / "reports" / "runs" / "ner" / "stray.json")
                        .read_text(encoding="utf-8"))
    assert record["run"]["unaligned"] == {"a": ["ماكرون", "<b>*غير موجود*</b>"],
                                          "b": ["<b>*غير موجود*</b>"]}
    page = (llm_project / "reports" / "ner.md").read_text(encoding="utf-8")
    assert "- unaligned in b (found nowhere in the text): “&lt;b&gt;*غير موجود*&lt;/b&gt;”" in page


def test_the_leaderboard_says_how_the_answers_read(llm_project: Path) -> None:
    with ChatServer(lambda body, n: Step(content="no JSON" if n else ANSWER_B)) as server:
        assert main(["run", "--task", "ner", "--model", "m", "--base-url", server.url,
                     "--name", "half", "--concurrency", "1", "--record"]) == 0
    board = (llm_project / "reports" / "leaderboard.md").read_text(encoding="utf-8")
    line = next(li for li in board.splitlines() if li.startswith("- `half`"))
    assert line.endswith("; 1 of 2 answers invalid, 1 strings found nowhere in the text")


@pytest.mark.parametrize(("kind", "key"), [("timex", "timexes"), ("dates", "dates")],
                         ids=["old-kind-and-answer-key", "new-kind-and-answer-key"])
def test_a_dates_task_under_either_kind_name(llm_project: Path, kind: str, key: str) -> None:
    path = llm_project / "tasks" / "dates.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: dates", f"kind: {kind}"),
                    encoding="utf-8")
    answer = json.dumps({key: [{"text": "يوم الثلاثاء", "type": "DATE",
                                "value": "2022-02-08", "mod": None}]}, ensure_ascii=False)
    with ChatServer(lambda body, n: Step(content=answer)) as server:
        config = ModelConfig(model="m", base_url=server.url)
        cls = model_system(config, open_task(llm_project, "dates"), llm_project)
    assert "DCT" in server.bodies[0]["messages"][1]["content"]
    assert server.bodies[0]["response_format"]["json_schema"]["schema"]["required"] == ["dates"]
    assert cls.readings["b"].predictions == [{"doc": "b", "start": 16, "end": 28, "type": "DATE",
                                              "value": "2022-02-08", "mod": None}]


def test_check_asks_the_model_again_and_notices_a_new_model(
        llm_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with ChatServer(by_document) as server:
        assert main(["run", "--task", "ner", "--model", "m", "--base-url", server.url,
                     "--name", "gated", "--record"]) == 0  # declared: bench check runs it
        assert main(["check", "--task", "ner"]) == 0
        assert len(server.bodies) == 4  # the gate does not answer from the response cache
    with ChatServer(by_document, model_id="fixture-model-2") as server:
        record = llm_project / "reports" / "runs" / "ner" / "gated.json"
        raw = json.loads(record.read_text(encoding="utf-8"))
        raw["system"]["model"]["base_url"] = server.url
        record.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        assert main(["check", "--task", "ner"]) == 1
    assert "system changed: gated@zero-shot-" in capsys.readouterr().out


def test_a_crashed_run_resumes_where_it_stopped(llm_project: Path) -> None:
    broken = [True]

    def dies_on_b(body: dict[str, Any], n: int) -> Step:
        step = by_document(body, n)
        return Step(status=500) if broken[0] and step.content == ANSWER_B else step

    with ChatServer(dies_on_b) as server:
        with pytest.raises(SystemFailure):
            build(llm_project, server, retries=0, concurrency=1)
        sent = len(server.bodies)
        broken[0] = False
        cls = build(llm_project, server)
    assert len(server.bodies) - sent == 1  # only document b is asked again
    assert cls.run_info()["usage"]["cache_hits"] == 1


@pytest.mark.parametrize(("flags", "message"), [
    (["--prompt", "few-shot"], "unknown prompt 'few-shot'"),
    (["--concurrency", "0"], "--concurrency must be at least 1"),
    (["--response-format", "xml"], "invalid choice: 'xml'"),
], ids=["unknown-prompt", "no-concurrency", "bad-format"])
def test_bad_model_options_give_one_line(llm_project: Path, capsys: pytest.CaptureFixture[str],
                                         flags: list[str], message: str) -> None:
    code = main(["run", "--task", "ner", "--model", "m", "--base-url",
                 "http://127.0.0.1:9/v1", *flags])
    err = capsys.readouterr().err
    assert code == 2 and message in err, err
    assert not (llm_project / "reports" / "runs").exists()


def test_model_without_base_url(llm_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--task", "ner", "--model", "m"]) == 2
    assert "--model needs --base-url" in capsys.readouterr().err
