"""Sending Chat Completions requests: concurrent, retried with exponential backoff, cached.

At most ``concurrency`` requests are in flight. A 429, a 5xx, a timeout or a dropped
connection is retried up to ``retries`` times, waiting ``backoff * 2**n`` seconds before retry
n (or the server's ``Retry-After``, if longer, up to a minute); any other error, or a request
still failing after its retries, stops the run with a one-line error (the answers received so
far are in the response cache, so the next run resumes). The API key is read from the
environment when the client is built and is scrubbed from every error message.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.errors import InputError, SystemFailure
from bench.models.config import ModelConfig
from bench.models.store import ResponseStore, request_key

MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class Reply:
    """One answer of the endpoint."""

    content: str
    """The message text ('' when the endpoint sent none)."""
    model: str
    """The model id the endpoint reported."""
    cached: bool
    """True when it came from the response cache."""


@dataclass
class Usage:
    """What a run cost: counters filled in while requests run."""

    requests: int = 0
    """HTTP requests sent, retries included."""
    retries: int = 0
    """Of those, how many repeated a failed request."""
    cache_hits: int = 0
    """Answers taken from the response cache instead of the endpoint."""
    prompt_tokens: int = 0
    """Prompt tokens the endpoint reported for the requests sent."""
    completion_tokens: int = 0
    """Completion tokens the endpoint reported for the requests sent."""
    wall_seconds: float = 0.0
    """Time spent getting every answer."""


def complete_all(config: ModelConfig, bodies: Sequence[dict[str, Any]],
                 store: ResponseStore) -> tuple[list[Reply], Usage]:
    """The answers to every request body, in order, and what they cost."""
    usage = Usage()
    started = time.perf_counter()
    replies = asyncio.run(_complete_all(config, bodies, store, usage))
    usage.wall_seconds = round(time.perf_counter() - started, 3)
    return replies, usage


async def _complete_all(config: ModelConfig, bodies: Sequence[dict[str, Any]],
                        store: ResponseStore, usage: Usage) -> list[Reply]:
    try:
        import openai
    except ImportError as exc:
        raise InputError("model systems need the openai package",
                         hint="pip install -e '.[llm]'") from exc
    key = os.environ.get(config.api_key_env) or "unused"
    slots = asyncio.Semaphore(config.concurrency)
    async with openai.AsyncOpenAI(api_key=key, base_url=config.base_url, max_retries=0,
                                  timeout=config.timeout) as client:
        tasks = [_complete(client, config, body, store, usage, slots, key) for body in bodies]
        return list(await asyncio.gather(*tasks))


async def _complete(client: Any, config: ModelConfig, body: dict[str, Any],
                    store: ResponseStore, usage: Usage, slots: asyncio.Semaphore,
                    key: str) -> Reply:
    cache_key = request_key(config.endpoint, config.model, body)
    stored = store.get(cache_key)
    if stored is not None:
        usage.cache_hits += 1
        return _reply(stored, cached=True)
    response = await _send(client, config, body, usage, slots, key)
    store.put(cache_key, config.endpoint, config.model, body, response)
    tokens = response.get("usage") or {}
    usage.prompt_tokens += int(tokens.get("prompt_tokens") or 0)
    usage.completion_tokens += int(tokens.get("completion_tokens") or 0)
    return _reply(response, cached=False)


async def _send(client: Any, config: ModelConfig, body: dict[str, Any], usage: Usage,
                slots: asyncio.Semaphore, key: str) -> dict[str, Any]:
    import openai

    for attempt in range(config.retries + 1):
        if attempt:
            usage.retries += 1
        try:
            async with slots:
                usage.requests += 1
                completion = await client.chat.completions.create(**body)
            response: dict[str, Any] = completion.model_dump(mode="json")
            return response
        except (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError,
                openai.InternalServerError) as exc:
            if attempt == config.retries:
                raise _failure(config, f"still failing after {config.retries} retries: "
                               f"{_what(exc)}", key, "try later, or raise --retries") from exc
            await asyncio.sleep(_delay(config, attempt, exc))
        except openai.APIStatusError as exc:
            raise _failure(config, _what(exc), key, _hint(exc.status_code, config)) from exc
    raise AssertionError("unreachable")  # the loop returns or raises


def _delay(config: ModelConfig, attempt: int, exc: Exception) -> float:
    delay = float(config.backoff * 2 ** attempt)
    response = getattr(exc, "response", None)
    after = str(response.headers.get("retry-after") or "") if response is not None else ""
    try:
        return max(delay, min(float(after), MAX_RETRY_AFTER)) if after else delay
    except ValueError:
        return delay


def _what(exc: Exception) -> str:
    status = getattr(exc, "status_code", None)
    text = " ".join(str(getattr(exc, "message", exc)).split())[:200]
    return f"HTTP {status}: {text}" if status else f"{type(exc).__name__}: {text}"


def _hint(status: int, config: ModelConfig) -> str:
    if status in (401, 403):
        return f"set ${config.api_key_env} to a valid key (or --api-key-env to another variable)"
    if status == 404:
        return "check --model and --base-url (it usually ends in /v1)"
    if status in (400, 422) and config.response_format != "none":
        return "the server may not support this response_format: try --response-format none"
    return "check the endpoint"


def _failure(config: ModelConfig, message: str, key: str, hint: str) -> SystemFailure:
    if key and key != "unused":
        message, hint = message.replace(key, "***"), hint.replace(key, "***")
    return SystemFailure(message, where=f"model '{config.model}' at {config.endpoint}",
                         hint=hint)


def _reply(response: dict[str, Any], cached: bool) -> Reply:
    choices = response.get("choices") or [{}]
    message = choices[0].get("message") or {}
    return Reply(content=str(message.get("content") or ""), model=str(response.get("model", "")),
                 cached=cached)
