"""What a model system is made of: the endpoint, the model, the prompt and the sampling."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench.errors import InputError

RESPONSE_FORMATS = ("json_schema", "json_object", "none")
"""How JSON is requested: a JSON Schema ``response_format``, plain JSON mode, or only the
prompt's instructions (for servers that support neither)."""


@dataclass(frozen=True)
class ModelConfig:
    """Everything that names a model system; the key itself is never stored, only its name."""

    model: str
    """The model name the endpoint serves, e.g. ``gpt-4o-mini`` or ``Qwen/Qwen2.5-7B-Instruct``."""
    base_url: str
    """The endpoint's base URL, e.g. ``http://127.0.0.1:8000/v1``."""
    prompt: str = "zero-shot"
    """The prompt variant of the task's template file."""
    name: str = ""
    """The system's name; default ``<model>-<prompt>`` made file-safe."""
    api_key_env: str = "OPENAI_API_KEY"
    """The environment variable that holds the API key."""
    temperature: float = 0.0
    """Sampling temperature (recorded in the version)."""
    max_tokens: int = 4096
    """Most tokens an answer may have (recorded in the version)."""
    seed: int | None = None
    """Sampling seed sent to the endpoint, when given (recorded in the version)."""
    response_format: str = "json_schema"
    """One of ``RESPONSE_FORMATS``."""
    concurrency: int = 8
    """Requests in flight at most."""
    timeout: float = 120.0
    """Seconds per request before it counts as timed out (and is retried)."""
    retries: int = 5
    """Retries of a request after a 429, a 5xx, a timeout or a dropped connection."""
    backoff: float = 1.0
    """Seconds before the first retry; doubled for each further one."""

    def __post_init__(self) -> None:
        if not self.model.strip():
            raise InputError("empty --model", hint="give the model name the endpoint serves")
        if urlsplit(self.base_url).scheme not in ("http", "https"):
            raise InputError(f"--base-url {self.endpoint!r} is not an http(s) URL",
                             hint="e.g. http://127.0.0.1:8000/v1")
        if self.response_format not in RESPONSE_FORMATS:
            raise InputError(f"unknown response format {self.response_format!r}",
                             hint=f"use one of {', '.join(RESPONSE_FORMATS)}")
        for field, low in (("concurrency", 1), ("retries", 0), ("max_tokens", 1)):
            if getattr(self, field) < low:
                raise InputError(f"--{field.replace('_', '-')} must be at least {low}")
        if self.timeout <= 0 or self.backoff < 0:
            raise InputError("--timeout must be positive and the backoff not negative")

    @property
    def system_name(self) -> str:
        """``name``, or ``<model>-<prompt>`` with every character outside [A-Za-z0-9._-] as -."""
        return self.name or re.sub(r"[^A-Za-z0-9._-]+", "-", f"{self.model}-{self.prompt}")

    @property
    def endpoint(self) -> str:
        """The base URL without credentials, query or fragment: what may be written down."""
        parts = urlsplit(self.base_url)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))

    def sampling(self) -> dict[str, Any]:
        """The sampling parameters sent with every request."""
        params: dict[str, Any] = {"temperature": self.temperature, "max_tokens": self.max_tokens}
        if self.seed is not None:
            params["seed"] = self.seed
        return params

    def describe(self) -> dict[str, Any]:
        """What the run record keeps (no key; the endpoint without credentials)."""
        fields = asdict(self)
        fields["base_url"] = self.endpoint
        return {k: fields[k] for k in ("model", "base_url", "prompt", "api_key_env",
                                       "temperature", "max_tokens", "seed", "response_format")}
