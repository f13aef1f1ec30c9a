"""The JSON Schemas bench publishes (``bench schema NAME``): one per file format it reads."""

from __future__ import annotations

import importlib
from typing import Any

SCHEMAS = {
    "task": "bench.task.schema:TaskFile",
    "manifest": "bench.core.documents:Manifest",
    "run-record": "bench.runs.schema:RunRecordFile",
}
"""Schema name -> the pydantic model (``module:Class``) that checks that file at load."""


def schema_of(name: str) -> dict[str, Any]:
    """The JSON Schema of the file format ``name``."""
    from bench.core.schema import json_schema

    module, _, attr = SCHEMAS[name].partition(":")
    return json_schema(getattr(importlib.import_module(module), attr))
