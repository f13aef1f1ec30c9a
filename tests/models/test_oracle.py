"""A model that answers with the gold strings scores 1.0: alignment and the occurrence policy
lose nothing on the shipped tasks."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bench.models.config import ModelConfig
from bench.models.system import model_system
from bench.project import open_task
from bench.runner import run_system
from bench.scoring import score
from tests.conftest import REPO
from tests.models.chat_server import ChatServer, Step


@pytest.mark.parametrize("task", ["ner", "dates", "quotes", "conflicts"])
def test_gold_strings_as_answers_score_one(task: str) -> None:
    data = open_task(REPO, task)
    answers = {}
    for doc in data.documents:
        items = [data.kind.answer_item(r) for r in data.gold
                 if data.kind.locate(r)[0] == doc.id]
        answers[doc.id] = json.dumps({data.kind.answer_key: items}, ensure_ascii=False)

    def oracle(body: dict[str, Any], n: int) -> Step:
        user = body["messages"][1]["content"]
        for doc in data.documents:
            asked = (f"a = {doc.id[:3]}-c" in user.split("\n")[1] if task == "conflicts"
                     else doc.text.strip() in user)
            if asked:
                return Step(content=answers[doc.id])
        raise AssertionError("a request for no document")

    with ChatServer(oracle) as server:
        config = ModelConfig(model="oracle", base_url=server.url)
        cls = model_system(config, data, REPO, cache=False)
    scores = score(data, run_system(cls, data))
    assert scores.scores[data.spec.primary].value == 1.0
    info = cls.run_info()
    assert not any(info["invalid_answers"].values()) and not info["unaligned"]
