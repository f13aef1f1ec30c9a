"""Prompt contexts on the shipped tasks: few-shot examples never come from the test document."""

from __future__ import annotations

import pytest

from bench.models.config import ModelConfig
from bench.models.context import template_context
from bench.models.prompts import load_prompt, prompt_path
from bench.models.system import request_body
from bench.project import open_task
from tests.conftest import REPO

TASKS = ["ner", "dates", "quotes", "conflicts"]


@pytest.mark.parametrize("task", TASKS)
def test_examples_are_leave_one_document_out(task: str) -> None:
    data = open_task(REPO, task)
    for doc in data.documents:
        examples = template_context(data, doc, shots=3)["examples"]
        assert len(examples) == 3
        if task == "conflicts":
            assert all(doc.id not in (e["a"]["doc"], e["b"]["doc"]) for e in examples)
            continue
        assert all(e["doc"] != doc.id for e in examples)
        own = [doc.text[p.start:p.end] for p in doc.paragraphs()]
        assert not [e for e in examples if e["text"] in own]


@pytest.mark.parametrize("task", TASKS)
def test_prompts_render_with_the_task_terms_and_repeat(task: str) -> None:
    data = open_task(REPO, task)
    doc = data.documents[0]
    for variant in ("zero-shot", "k-shot"):
        prompt = load_prompt(prompt_path(REPO, task), task, variant)
        config = ModelConfig(model="m", base_url="http://127.0.0.1:1/v1", prompt=variant)
        body = request_body(config, prompt, data, doc)
        assert body == request_body(config, prompt, data, doc)
        user = body["messages"][1]["content"]
        system = body["messages"][0]["content"]
        assert all(label in system for label in data.spec.labels)
        if task == "dates":
            assert f"(DCT): {doc.dct}" in user
        if task == "quotes":
            assert "vladimir-putin: Vladimir Putin, PER" in user
        if task == "conflicts":
            assert "000-c1" in user and "holds at" in user
        else:
            assert doc.text.strip() in user


def test_each_document_draws_its_own_examples() -> None:
    data = open_task(REPO, "ner")
    draws = {d.id: [e["text"] for e in template_context(data, d, 3)["examples"]]
             for d in data.documents}
    assert len({tuple(v) for v in draws.values()}) > 1
