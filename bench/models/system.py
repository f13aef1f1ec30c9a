"""A model system: every document's prompt sent up front, answers read into predictions.

``model_system(config, data, root)`` renders each document's prompt, gets the answers
(concurrently, from the response cache when they are there), reads them, and returns a
``System`` class whose ``predict`` hands each document's predictions to the harness. Its
version is ``<prompt variant>-<hash>``, the hash covering the prompt's content hash, the model
name, the model id(s) the endpoint reported, the sampling parameters and the response format,
so two runs with different prompts or models never compare as the same system. Its run record
carries the configuration (``describe``) and what the run cost and what went wrong in reading
the answers (``run_info``: requests, retries, cache hits, tokens, wall time,
``invalid_answers`` per document, dropped items, unaligned strings).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any, ClassVar

from bench.cache import FOLDER
from bench.core.records import Document
from bench.kinds import KINDS, kind_class
from bench.models.answers import Reading, answer_key, read_answer, schema
from bench.models.client import Usage, complete_all
from bench.models.config import ModelConfig
from bench.models.context import template_context
from bench.models.prompts import Prompt, load_prompt, prompt_path
from bench.models.store import FILE, ResponseStore
from bench.systems.protocol import System
from bench.task.gold import TaskData


class ModelSystem(System):
    """Base of the classes ``model_system`` builds; predictions are computed before."""

    regime = "external"
    kinds = tuple(name for name in KINDS if kind_class(name).answer_key)
    """The built-in kinds whose records a model can be asked for (those with answer hooks)."""
    config: ClassVar[ModelConfig]
    readings: ClassVar[dict[str, Reading]] = {}
    info: ClassVar[dict[str, Any]] = {}
    model_facts: ClassVar[dict[str, Any]] = {}

    def predict(self, doc: Document) -> list[dict[str, Any]]:
        """The predictions read from the model's answer for ``doc``."""
        return [dict(p) for p in self.readings[doc.id].predictions]

    @classmethod
    def describe(cls) -> dict[str, Any]:
        """The declaration, with the model's configuration (never the key)."""
        return {**super().describe(), "model": cls.model_facts}

    @classmethod
    def run_info(cls) -> dict[str, Any]:
        """Usage and answer problems of the run that built this class."""
        return cls.info


def request_body(config: ModelConfig, prompt: Prompt, data: TaskData,
                 doc: Document) -> dict[str, Any]:
    """The Chat Completions request for one document."""
    body: dict[str, Any] = {"model": config.model,
                            "messages": prompt.messages(template_context(data, doc,
                                                                         prompt.shots)),
                            **config.sampling()}
    if config.response_format == "json_schema":
        body["response_format"] = {"type": "json_schema", "json_schema": {
            "name": f"{data.spec.name}_answer", "strict": True,
            "schema": schema(data)}}
    elif config.response_format == "json_object":
        body["response_format"] = {"type": "json_object"}
    return body


def model_system(config: ModelConfig, data: TaskData, root: Path,
                 cache: bool = True) -> type[ModelSystem]:
    """Run the model on every document of the task and return the system that replays it."""
    answer_key(data)  # a one-line error for a kind models are not asked for
    prompt = load_prompt(prompt_path(root, data.spec.name), data.spec.name, config.prompt)
    # A document with no given item to judge (a claim pair) needs no request.
    by_id = {doc.id: doc for doc in data.documents}
    asked = [doc for doc in data.documents
             if not data.kind.given_key or data.kind.given(doc, by_id)]
    bodies = [request_body(config, prompt, data, doc) for doc in asked]
    store = ResponseStore(root / FOLDER / FILE if cache else None)
    try:
        replies, usage = complete_all(config, bodies, store)
    finally:
        store.close()
    readings = {doc.id: Reading() for doc in data.documents}
    readings.update({doc.id: read_answer(reply.content, doc, data)
                     for doc, reply in zip(asked, replies, strict=True)})
    reported = sorted({r.model for r in replies if r.model})
    facts = {**config.describe(), "reported_model": reported, "prompt_hash": prompt.hash,
             "shots": prompt.shots}
    digest = hashlib.sha256(json.dumps({k: v for k, v in facts.items() if k not in (
        "base_url", "api_key_env")}, sort_keys=True).encode()).hexdigest()[:10]
    attrs = {
        "name": config.system_name,
        "version": f"{config.prompt}-{digest}",
        "kinds": (data.kind.name,),
        "labels": tuple(data.spec.labels),
        "regime": "cross-validated" if prompt.shots else "external",
        "resources": _resources(config, prompt),
        "config": config,
        "readings": readings,
        "info": _info(usage, readings),
        "model_facts": facts,
    }
    return type("Model", (ModelSystem,), attrs)


def _resources(config: ModelConfig, prompt: Prompt) -> tuple[str, ...]:
    said = [f"the language model `{config.model}` served at {config.endpoint} (its training "
            "data is not known to bench)",
            f"prompt `{prompt.variant}` of {prompt.path.parent.name}/{prompt.path.name} "
            f"(content hash {prompt.hash}): definitions from gold/GUIDELINES.md"]
    if prompt.shots:
        said.append(f"{prompt.shots} gold paragraphs (or pairs) of the other documents per "
                    "document, drawn with the task's seed (leave-one-document-out)")
    return tuple(said)


def _info(usage: Usage, readings: dict[str, Reading]) -> dict[str, Any]:
    return {
        "usage": asdict(usage),
        "invalid_answers": {d: int(r.invalid) for d, r in sorted(readings.items())},
        "dropped_items": {d: r.dropped for d, r in sorted(readings.items())},
        "unaligned": {d: r.unaligned for d, r in sorted(readings.items()) if r.unaligned},
    }
