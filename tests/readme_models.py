"""The README's language-model commands, run against a Chat Completions server on 127.0.0.1.

The server stands in for the vLLM and Ollama servers the block starts and for the hosted API,
and answers with the README's own table of answers; nothing else is contacted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.models.chat_server import ChatServer, Step
from tests.readme_blocks import REPO, Block, copy_project, shell
from tests.readme_commands import check_command


def is_model(b: Block) -> bool:
    return b.lang == "sh" and any(" --model " in line for line in b.lines)


def answers() -> dict[str, str]:
    """The README's table of model answers: answer key -> the answer shown."""
    rows = re.findall(r"(?m)^\| `\w+` \| `(\{.*\})` \|$", (REPO / "README.md").read_text())
    assert rows, "no table of answers in the README"
    return {next(iter(json.loads(row))): row for row in rows}


def run_model(b: Block, tmp_path: Path) -> None:
    """A Chat Completions server on 127.0.0.1 stands in for the servers the block starts and
    for the hosted API; it answers with the README's own answers. Nothing else is contacted."""
    shown = answers()

    def reply(body: dict[str, Any], number: int) -> Step:
        schema = body["response_format"]["json_schema"]["schema"]
        return Step(content=shown[next(iter(schema["properties"]))])

    root = copy_project(tmp_path / "project")
    served, script = [], []
    with ChatServer(reply) as server:
        for line in b.text.splitlines():
            started = re.match(r"(vllm serve|ollama pull) (\S+)", line)
            if started:
                served.append(started.group(2))
            else:
                script.append(re.sub(r"--base-url \S+", f"--base-url {server.url}", line))
        assert set(re.findall(r"https?://[^\s/]+", "\n".join(script))) == {
            server.url.rsplit("/", 1)[0]}
        done = shell("\n".join(script), root)
    assert done.returncode == 0, done.stderr
    models = [m for line in script for m in re.findall(r"--model (\S+)", line)]
    assert served == models[:len(served)], "a server serves another model than the next line"
    assert {body["model"] for body in server.bodies} == set(models)
    said = done.stdout + done.stderr
    assert len(re.findall(r"invalid answers: 0 of \d+ documents", said)) == len(models), said
    key = re.search(r"export OPENAI_API_KEY=(\S+)", b.text)
    last = {k.lower(): v for k, v in server.headers[-1].items()}
    assert key and last.get("authorization") == f"Bearer {key.group(1)}"
    for line in script:
        if "bench run" in line:
            check_command(line, said, root)
