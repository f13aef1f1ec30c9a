"""YAML and JSONL reading that turns every malformation into a one-line ``InputError``.

YAML files are read strictly: no duplicate keys (a second ``primary:`` would silently win), no
anchors or aliases (a kilobyte of nested aliases expands to gigabytes), at most ``MAX_YAML_BYTES``
and ``MAX_DEPTH`` levels of nesting. JSON lines survive invalid UTF-8, deep nesting and values
that are not objects: each is a one-line error naming the line.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from bench.core.atomic import pending
from bench.errors import InputError


class LineDict(dict[str, Any]):
    """A mapping that remembers the line (1-based) where each key was written."""

    lines: dict[str, int]
    start_line: int


MAX_YAML_BYTES = 1_000_000
"""Largest YAML file bench reads (task files and manifests are a few kilobytes)."""
MAX_DEPTH = 32
"""Deepest nesting of YAML collections and JSON values."""
MAX_JSONL_LINE = 16_000_000
"""Longest JSON line (characters) in a gold, predictions or corpus file."""


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings are ``LineDict``s; refuses anchors, aliases and deep nesting."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (&name, *name) are not allowed",
                event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            duplicate = key in seen
            seen.add(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value", key_node.start_mark) from None
        if duplicate:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {shown_value(key)}", key_node.start_mark)
    mapping = LineDict(loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]
    mapping.lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    mapping.start_line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
"""Characters that send a file to the pure-Python reader: tabs (libyaml accepts some that
PyYAML refuses), other controls, CR, other line breaks, BOM, surrogates, non-characters (the
class is written as what it matches: its complement costs 15 ms to compile)."""
_NESTING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _fast_loader() -> type[yaml.SafeLoader] | None:
    """libyaml's safe loader with ``LineDict`` mappings, when PyYAML was built with libyaml."""
    base = getattr(yaml, "CSafeLoader", None)
    if base is None:
        return None
    loader: type[yaml.SafeLoader] = type("_FastLineLoader", (base,), {})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return loader


_FAST = _fast_loader()


def _parse_fast(text: str) -> tuple[bool, Any]:
    """(True, value) when libyaml reads ``text`` without a problem the strict reader would
    refuse; (False, None) sends it to the pure-Python reader, which says what is wrong. The
    libyaml reader is ten times faster on well-formed files and gives the same values, lines
    included (both build the same nodes, resolved and constructed by the same Python code)."""
    if _FAST is None or UNUSUAL.search(text) or "?" in text:  # PyYAML reads "[a?b]" otherwise
        return False, None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_FAST):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return False, None
            if isinstance(event, _NESTING):
                depth += 1
                if depth >= MAX_DEPTH - 1:  # near the limit: the strict reader counts exactly
                    return False, None
            elif isinstance(event, _CLOSING):
                depth -= 1
        return True, yaml.load(text, Loader=_FAST)  # noqa: S506 (a safe loader)
    except Exception:  # noqa: BLE001 (whatever it is, the strict reader meets it again and says so)
        return False, None


def load_yaml(path: Path) -> Any:
    """Parse a YAML file (as staged, inside a transaction that wrote it); a missing file or a
    syntax error names the file and line."""
    staged = pending(path)
    if staged is not None:
        return _parse(staged, path)
    if not path.is_file():
        raise InputError("file not found", where=shown(path), hint="check the path")
    size = path.stat().st_size
    if size > MAX_YAML_BYTES:
        raise InputError(f"YAML file of {size} bytes is larger than the limit of "
                         f"{MAX_YAML_BYTES}", where=shown(path), hint="task files and manifests "
                         "are small: check that this is the right file")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        number = raw[:exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
                         where=f"{shown(path)}:{number}", hint="save the file as UTF-8") from None
    return _parse(text, path)


def _parse(text: str, path: Path) -> Any:
    read, value = _parse_fast(text)
    if read:
        return value
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or "malformed YAML"
        raise InputError(f"malformed YAML: {problem}", where=f"{shown(path)}{line}",
                         hint="fix the YAML syntax") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"cannot read YAML: {' '.join(str(exc).split())}", where=shown(path),
                         hint="fix the YAML syntax") from exc
    except RecursionError:
        raise InputError("YAML nested too deeply", where=shown(path),
                         hint=f"at most {MAX_DEPTH} levels") from None


def shown_value(value: Any) -> str:
    """A value from a file, quoted for a one-line message (control characters escaped)."""
    text = value if isinstance(value, str) else repr(value)
    text = text[:60] + "…" if len(text) > 60 else text
    if all(c.isprintable() for c in text):
        return f"'{text}'"
    return ascii(text)


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
    name = shown(path)  # once: resolving the path for every line cost more than parsing it
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where_ = f"{name}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"not UTF-8: byte 0x{raw[exc.start]:02x} at column "
                                 f"{exc.start + 1} cannot be decoded", where=where_,
                                 hint="save the file as UTF-8") from None
            yield number, parse_json_object(line, where_)


def parse_json_object(line: str, where_: str, hint: str = "write one JSON object per line"
                      ) -> dict[str, Any]:
    """One line of JSON that must be an object of bounded depth and size."""
    if len(line) > MAX_JSONL_LINE:
        raise InputError(f"line of {len(line)} characters is longer than the limit of "
                         f"{MAX_JSONL_LINE}", where=where_, hint=hint)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} at column {exc.colno}", where=where_,
                         hint=hint) from None
    except RecursionError:
        raise InputError(f"JSON nested deeper than {MAX_DEPTH} levels", where=where_,
                         hint=hint) from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {_json_type(record)}", where=where_,
                         hint=hint)
    # Fewer brackets than the limit cannot nest deeper (brackets in strings only overcount).
    if line.count("{") + line.count("[") > MAX_DEPTH and json_depth(record) > MAX_DEPTH:
        raise InputError(f"JSON nested deeper than {MAX_DEPTH} levels", where=where_,
                         hint=hint)
    return record


def json_depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of a JSON value (a scalar 0, ``[]`` 1), counted up to ``limit + 1``."""
    depth = 0
    level = [value]
    while depth <= limit:
        level = [x for x in level if isinstance(x, (dict, list))]
        if not level:
            break
        depth += 1
        level = [v for x in level for v in (x.values() if isinstance(x, dict) else x)]
    return depth


def _json_type(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string",
             list: "an array", type(None): "null"}
    return names.get(type(value), type(value).__name__)
