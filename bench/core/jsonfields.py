"""The JSON types of the fields of gold, prediction and claim records, checked in one place.

Every record kind calls ``check_json_types`` (through ``bench.kinds.common.check_fields``), so a
list where a document id belongs, or ``true`` where an offset belongs, is a one-line error
naming the field rather than a crash deep inside a metric. Nested objects (a quote's
``content``, a pair's sides) are checked with the same table.
"""

from __future__ import annotations

from typing import Any

from bench.errors import InputError

NoneType = type(None)

FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "doc": (str,), "id": (str,), "start": (int,), "end": (int,), "text": (str,),
    "type": (str,), "label": (str,), "kind": (str,), "value": (str,),
    "mod": (str, NoneType), "anchor": (str, int, NoneType), "why": (str, NoneType),
    "speaker": (str, NoneType), "speaker_text": (str, NoneType),
    "content": (dict,), "cue": (dict, NoneType), "speaker_mention": (dict, NoneType),
    "a": (str, dict), "b": (str, dict),
    "event": (str,), "attribute": (str,), "holds_at": (str,), "source": (str,),
}
"""Field -> the JSON types it may hold (``int`` never admits a boolean)."""

_NAMES = {str: "a string", int: "an integer", dict: "an object", NoneType: "null"}


def check_json_types(raw: dict[str, Any], where: str, prefix: str = "") -> None:
    """Refuse a known field whose value has the wrong JSON type; recurse into objects."""
    for key, value in raw.items():
        allowed = FIELD_TYPES.get(key)
        if allowed is None or (type(value) in allowed and type(value) is not dict):
            continue  # exactly an allowed type (never bool): nothing more to check
        if isinstance(value, bool) or not isinstance(value, allowed):
            expected = " or ".join(_NAMES[t] for t in allowed)
            raise InputError(f"field '{prefix}{key}' must be {expected}, got "
                             f"{_json_name(value)}", where=where,
                             hint="fix the record's JSON types")
        if isinstance(value, dict):
            check_json_types(value, where, f"{prefix}{key}.")


def _json_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"[:40]
    if isinstance(value, list):
        return "an array"
    return _NAMES.get(type(value), type(value).__name__)
