"""YAML and JSONL reading that turns every malformation into a one-line ``InputError``."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from bench.errors import InputError


class LineDict(dict[str, Any]):
    """A mapping that remembers the line (1-based) where each key was written."""

    lines: dict[str, int]
    start_line: int


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings are ``LineDict``s."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict(loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]
    mapping.lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    mapping.start_line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; a missing file or a syntax error names the file and line."""
    if not path.is_file():
        raise InputError("file not found", where=shown(path), hint="check the path")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or "malformed YAML"
        raise InputError(f"malformed YAML: {problem}", where=f"{shown(path)}{line}",
                         hint="fix the YAML syntax") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read YAML: {exc}", where=shown(path)) from exc


def line_of(mapping: Mapping[str, Any], key: str | None = None) -> int | None:
    """The line of ``key`` in ``mapping`` (or of the mapping itself), if it was read from YAML."""
    if isinstance(mapping, LineDict):
        if key is not None and key in mapping.lines:
            return mapping.lines[key]
        return mapping.start_line
    return None


def shown(path: Path | str) -> str:
    """A path as users should read it: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def where(path: Path | str, mapping: Mapping[str, Any] | None = None,
          key: str | None = None) -> str:
    """``file:line`` for error messages."""
    line = line_of(mapping, key) if mapping is not None else None
    return f"{shown(path)}:{line}" if line else shown(path)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """A hint naming the closest known name, or listing the known ones."""
    known = sorted(known)
    close = difflib.get_close_matches(name, known, n=1)
    listing = ", ".join(known)
    return f"did you mean '{close[0]}'?" if close else f"known: {listing}"


def check_keys(mapping: Mapping[str, Any], allowed: Iterable[str], path: Path | str,
               required: Iterable[str] = ()) -> None:
    """Reject unknown keys (with a "did you mean") and missing required ones."""
    allowed = set(allowed)
    for key in mapping:
        if key not in allowed:
            raise InputError(f"unknown key '{key}'", where=where(path, mapping, key),
                             hint=did_you_mean(str(key), allowed))
    for key in required:
        if key not in mapping:
            raise InputError(f"missing required key '{key}'", where=where(path, mapping),
                             hint=f"add '{key}:'")


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line; bad JSON names the line."""
    if not path.is_file():
        raise InputError("file not found", where=shown(path), hint="check the path")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON: {exc.msg} at column {exc.colno}",
                                 where=f"{shown(path)}:{number}",
                                 hint="write one JSON object per line") from exc
            if not isinstance(record, dict):
                raise InputError(f"expected a JSON object, got {type(record).__name__}",
                                 where=f"{shown(path)}:{number}",
                                 hint="write one JSON object per line")
            yield number, record
