"""The command-line side of model systems: ``bench run --model NAME --base-url URL ...``.

Kept free of heavy imports: building the parser must not import the openai SDK.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from bench.models.config import RESPONSE_FORMATS, ModelConfig
from bench.systems.protocol import System
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
        from bench.errors import InputError

        raise InputError("--model needs --base-url",
                         hint="e.g. --base-url http://127.0.0.1:8000/v1")
    name = args.name if args.name and len(args.model) == 1 and not args.commands else ""
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
    """``model:<JSON of the configuration>`` (the endpoint without credentials, no key)."""
    values = asdict(config)
    values["base_url"] = config.endpoint
    return PREFIX + json.dumps(values, sort_keys=True)


def from_reference(ref: str) -> ModelConfig:
    """The configuration a ``model:`` reference names."""
    values: dict[str, Any] = json.loads(ref[len(PREFIX):])
    known = {f.name for f in fields(ModelConfig)}
    return ModelConfig(**{k: v for k, v in values.items() if k in known})


def usage_line(cls: type[System]) -> str:
    """One line on what a model system's run cost and how its answers read."""
    info: dict[str, Any] = getattr(cls, "run_info", dict)()
    usage, invalid = info.get("usage", {}), info.get("invalid_answers", {})
    return (f"{cls.name}: {usage.get('requests', 0)} requests ({usage.get('retries', 0)} "
            f"retries), {usage.get('cache_hits', 0)} cached answers, "
            f"{usage.get('prompt_tokens', 0)}+{usage.get('completion_tokens', 0)} tokens, "
            f"{usage.get('wall_seconds', 0)} s; invalid answers: {sum(invalid.values())} of "
            f"{len(invalid)} documents")
