"""File schemas (pydantic models) checked with the project's one-line ``file:line`` errors.

Every file bench reads has a model; ``validate`` turns the first problem pydantic finds into
``error: <file>:<line>: <field>: <what> (<how to fix>)``, using the lines the YAML reader
remembered. ``json_schema`` publishes a model for editors and other tools.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bench.core.names import PATTERN
from bench.core.yamlio import shown, shown_value, where
from bench.errors import InputError

Model = TypeVar("Model", bound=BaseModel)
Name = Annotated[str, Field(pattern=PATTERN)]
"""A task, system, metric, label or document name (``bench.core.names``)."""
Text = Annotated[str, Field(max_length=100_000)]
"""Free text of bounded length."""


class Strict(BaseModel):
    """Base of every file model: unknown keys are errors; values are not coerced across types."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


def validate(model: type[Model], data: Any, path: Path | str, hint: str | None = None) -> Model:
    """``data`` checked against ``model``; the first problem becomes a one-line ``InputError``.

    Of several errors (one per alternative of a union), those that reach deepest into the data
    are reported together, so ``version: [1, 0]`` says "expected a string or a number".
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        paths = [_data_path(data, tuple(e["loc"])) for e in errors]
        deepest = max(paths, key=len)
        chosen = [e for e, p in zip(errors, paths, strict=True) if p == deepest]
        wanted = " or ".join(dict.fromkeys(_message(e["msg"]) for e in chosen))
        wanted = wanted.replace(" or must be ", " or ")
        field = ".".join(str(p) for p in deepest) or "top level"
        raise InputError(f"{field}: {wanted}, got {_short(chosen[0].get('input'))}",
                         where=_where(path, data, deepest),
                         hint=hint or "see the JSON Schema from 'bench schema'") from None


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The part of an error location that names keys and indexes present in the data."""
    node, found = data, []
    for part in loc:
        if _has(node, part):
            node = node[part]
        elif isinstance(node, Mapping) and isinstance(part, str) and part in _ALTERNATIVES:
            continue
        else:
            if isinstance(node, Mapping) and isinstance(part, str) and part.isidentifier() \
                    and part[0].islower():
                found.append(part)  # a missing key
            break
        found.append(part)
    return tuple(found)


def _has(node: Any, part: Any) -> bool:
    if isinstance(node, Mapping):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


_ALTERNATIVES = {"MetricEntry"}
"""Model names pydantic puts into a location for a union member that is a model."""

_PHRASES = (
    (r"a valid dictionary or instance of \w+", "a mapping"),
    ("a valid dictionary", "a mapping"), ("a valid list", "a list"),
    ("a valid string", "a string"), ("a valid integer", "an integer"),
    ("a valid number", "a number"), ("a valid boolean", "true or false"),
    ("Input should be", "must be"), ("String should", "must"), ("Value error, ", ""),
    ("Field required", "missing"),
    ("Extra inputs are not permitted", "unknown key"),
)


def _message(msg: str) -> str:
    for old, new in _PHRASES:
        msg = re.sub(old, new, msg)
    return msg[0].lower() + msg[1:] if msg else "invalid value"


def _short(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, str):
        return shown_value(value)
    text = repr(value)
    text = text[:60] + "…" if len(text) > 60 else text
    return text.encode("ascii", "backslashreplace").decode("ascii")


def _where(path: Path | str, data: Any, loc: tuple[Any, ...]) -> str:
    """``file:line`` of the deepest mapping along ``loc`` that remembers its lines."""
    best = where(path, data) if isinstance(data, Mapping) else shown(path)
    node = data
    for part in loc:
        if isinstance(node, Mapping) and part in node:
            best = where(path, node, str(part))
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            if isinstance(node, Mapping):
                best = where(path, node)
        else:
            break
    return best


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model as a JSON Schema (draft 2020-12), with the file's title."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
