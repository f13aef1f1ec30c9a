"""The command-line side of model systems: ``bench run --model NAME --base-url URL ...``.

Kept free of heavy imports: building the parser must not import the openai SDK.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.core.yamlio import did_you_mean
from bench.errors import InputError
from bench.models.config import RESPONSE_FORMATS, ModelConfig
from bench.systems.protocol import System

if TYPE_CHECKING:  # loading task data pulls numpy and pydantic: not needed to build the parser
    from bench.task.gold import TaskData

PREFIX = "model:"


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``--model`` options of ``bench run``."""
    group = parser.add_argument_group(
        "language models", "a model behind any OpenAI-compatible endpoint as a system "
        "(needs pip install -e '.[llm]')")
    group.add_argument("--model", action="append", default=[], metavar="NAME",
                       help="model name the endpoint serves (repeatable)")
    group.add_argument("--base-url", help="the endpoint, e.g. http://127.0.0.1:8000/v1")
    group.add_argument("--prompt", default="zero-shot",
                       help="prompt variant of tasks/prompts/<task>.yaml (default zero-shot)")
    group.add_argument("--api-key-env", default="OPENAI_API_KEY", metavar="VAR",
                       help="environment variable holding the API key (default OPENAI_API_KEY)")
    group.add_argument("--concurrency", type=int, default=8,
                       help="requests in flight at most (default 8)")
    group.add_argument("--temperature", type=float, default=0.0)
    group.add_argument("--max-tokens", type=int, default=4096)
    group.add_argument("--seed", type=int, help="sampling seed sent to the endpoint")
    group.add_argument("--response-format", choices=RESPONSE_FORMATS, default="json_schema",
                       help="how JSON is requested (default json_schema)")
    group.add_argument("--request-timeout", type=float, default=120.0, metavar="SECONDS",
                       help="seconds per request before it is retried (default 120)")
    group.add_argument("--retries", type=int, default=5,
                       help="retries after a 429, a 5xx or a timeout (default 5)")


def config_from_args(args: argparse.Namespace, model: str) -> ModelConfig:
    """The configuration the command line gives for ``model``."""
    if not args.base_url:
        raise InputError("--model needs --base-url",
                         hint="e.g. --base-url http://127.0.0.1:8000/v1")
    name = args.name or ""
    return ModelConfig(model=model, base_url=args.base_url, prompt=args.prompt, name=name,
                       api_key_env=args.api_key_env, temperature=args.temperature,
                       max_tokens=args.max_tokens, seed=args.seed,
                       response_format=args.response_format, concurrency=args.concurrency,
                       timeout=args.request_timeout, retries=args.retries)


def selected_models(args: argparse.Namespace, data: TaskData,
                    root: Path) -> list[tuple[str, type[System]]]:
    """(reference, class) for every ``--model``, each run on the task already."""
    from bench.models.system import model_system

    chosen: list[tuple[str, type[System]]] = []
    for model in args.model:
        config = config_from_args(args, model)
        chosen.append((reference(config), model_system(config, data, root,
                                                       cache=not args.no_cache)))
    return chosen


def reference(config: ModelConfig) -> str:
    """``model:<name>``, the reference a ``systems.yaml`` declaration of it has (the run record
    keeps the whole configuration under ``system.model``)."""
    return f"{PREFIX}{config.name or config.model}"


def config_from_declaration(model: str, name: str | None, options: Mapping[str, Any],
                            source: str = "systems.yaml") -> ModelConfig:
    """The configuration a ``systems.yaml`` item ``- model: NAME`` gives; its other keys are
    ``ModelConfig`` fields (``base_url``, ``prompt``, ``temperature``, ``max_tokens``, ``seed``,
    ``response_format``, ``api_key_env``, ``concurrency``, ``timeout``, ``retries``,
    ``backoff``)."""
    known = {f.name for f in fields(ModelConfig)} - {"model", "name"}
    for key in options:
        if key not in known:
            raise InputError(f"unknown setting '{key}' for a model system", where=source,
                             hint=did_you_mean(str(key), known))
    if "base_url" not in options:
        raise InputError(f"model '{model}' has no base_url", where=source,
                         hint="add base_url: http://127.0.0.1:8000/v1 (the endpoint)")
    try:
        return ModelConfig(model=model, name=name or "", **options)
    except TypeError as exc:
        raise InputError(f"bad settings for model '{model}': {exc}", where=source) from exc


def declared_model(model: str, name: str | None, options: Mapping[str, Any], data: TaskData,
                   root: Path, cache: bool = True, source: str = "systems.yaml"
                   ) -> type[System]:
    """The system a ``systems.yaml`` model declaration gives, run on the task already."""
    from bench.models.system import model_system

    return model_system(config_from_declaration(model, name, options, source), data, root,
                        cache=cache)


def model_from_record(system: Mapping[str, Any], data: TaskData, root: Path) -> type[System]:
    """The model system a run record describes (``system.model`` holds its configuration; the
    key comes from the environment variable it names), asked again without the response
    cache, as ``bench check`` re-runs every system."""
    facts = system.get("model")
    if not isinstance(facts, Mapping):
        raise InputError(f"the run record of '{system.get('name')}' has no model configuration",
                         hint="re-create it with bench run --model")
    from bench.models.system import model_system

    known = {f.name for f in fields(ModelConfig)} - {"model", "name"}
    options = {k: v for k, v in facts.items() if k in known}
    config = ModelConfig(model=str(facts.get("model", "")), name=str(system.get("name", "")),
                         **options)
    return model_system(config, data, root, cache=False)


def usage_line(cls: type[System]) -> str:
    """One line on what a model system's run cost and how its answers read."""
    info: dict[str, Any] = getattr(cls, "run_info", dict)()
    usage, invalid = info.get("usage", {}), info.get("invalid_answers", {})
    return (f"{cls.name}: {usage.get('requests', 0)} requests ({usage.get('retries', 0)} "
            f"retries), {usage.get('cache_hits', 0)} cached answers, "
            f"{usage.get('prompt_tokens', 0)}+{usage.get('completion_tokens', 0)} tokens, "
            f"{usage.get('wall_seconds', 0)} s; invalid answers: {sum(invalid.values())} of "
            f"{len(invalid)} documents")


def listed_model(model: str, name: str | None, options: Mapping[str, Any],
                 source: str = "systems.yaml") -> type[System]:
    """What ``bench list`` shows of a declared model: its name, prompt and kinds (the system
    itself, with its versioned prompt and answers, is built when a task runs it)."""
    from bench.models.system import ModelSystem

    config = config_from_declaration(model, name, options, source)
    return type("Model", (ModelSystem,), {"name": config.system_name,
                                          "version": f"{config.prompt}-(per run)",
                                          "regime": "external" if config.prompt == "zero-shot"
                                          else "cross-validated", "config": config})
