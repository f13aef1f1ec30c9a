"""Reading a model's answer: tolerant JSON parsing, then strings aligned to offsets.

The JSON shape asked for is the record kind's: an object with one list, under the kind's
``answer_key``, of items whose fields the kind's ``answer_fields`` gives (``schema`` wraps them
in a strict JSON Schema), e.g. ``{"entities": [{"text": "بوتين", "type": "PER"}]}`` for spans,
``{"dates": [...]}`` (``timexes``, the old key, is still read), ``{"quotes": [...]}``,
``{"pairs": [...]}``; the kind's ``answer_records`` turns an item into predictions.

``parse_answer`` accepts the usual deviations: a code fence around the JSON, text before or
after it, a ``<think>`` block, a bare list instead of the object. Each string is aligned with
``bench.core.align.align`` (every occurrence, unless the item gives a ``start`` offset as a
position hint; cues nearest to their quote's content); entity and date strings must match on
word edges (proclitics allowed before) when they can. Items the task's kind rejects (a label
outside the label set, an invalid TIMEX3 value, an unknown pair) are dropped and counted; spans
that overlap a longer one already kept are dropped too (the longest span wins). Strings found
nowhere are kept as ``unaligned``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from bench.core.align import align
from bench.core.records import Document
from bench.errors import InputError
from bench.task.gold import TaskData

_FENCE = re.compile(r"```[a-zA-Z]*\s*(.*?)```", re.DOTALL)
_THINK = re.compile(r"<think>.*?</think>", re.DOTALL)


@dataclass
class Reading:
    """What one document's answer gave."""

    predictions: list[dict[str, Any]] = field(default_factory=list)
    """Records in the task's predictions format, offsets aligned."""
    invalid: bool = False
    """True when the answer was not JSON of the asked shape (scored as empty)."""
    dropped: int = 0
    """Items the task's kind rejected or that overlapped a longer span."""
    unaligned: list[str] = field(default_factory=list)
    """Strings the answer gave that occur nowhere in the document."""


def parse_answer(content: str) -> Any:
    """The first JSON object (or list) in ``content``, or None."""
    text = _THINK.sub("", content).strip()
    candidates = [m.group(1) for m in _FENCE.finditer(text)] + [text]
    decoder = json.JSONDecoder()
    for candidate in candidates:
        for i, char in enumerate(candidate):
            if char in "{[":
                try:
                    return decoder.raw_decode(candidate, i)[0]
                except ValueError:
                    continue
    return None


def answer_key(data: TaskData) -> str:
    """The key of the answer's list for the task's kind; a one-line error when models are not
    asked for its records."""
    key = data.kind.answer_key
    if not key:
        raise InputError(f"model systems cannot answer tasks of the kind '{data.kind.name}'",
                         hint="write the answer_* hooks of the kind (bench/kinds/base.py)")
    return key


def schema(data: TaskData) -> dict[str, Any]:
    """The JSON Schema of an answer for the task (strict: every field required)."""
    key = answer_key(data)
    fields = data.kind.answer_fields(data.spec.labels)
    item = {"type": "object", "properties": fields, "required": list(fields),
            "additionalProperties": False}
    return {"type": "object", "properties": {key: {"type": "array", "items": item}},
            "required": [key], "additionalProperties": False}


def read_answer(content: str, doc: Document, data: TaskData) -> Reading:
    """Parse, align and check one document's answer; never raises on a bad answer."""
    answer = parse_answer(content)
    key = answer_key(data)
    if isinstance(answer, list):
        answer = {key: answer}
    old = next((k for k in data.kind.answer_keys if isinstance(answer, dict) and k in answer),
               None)
    if isinstance(answer, dict) and key not in answer and old is not None:
        answer = {key: answer[old]}
    if not isinstance(answer, dict) or not isinstance(answer.get(key), list):
        return Reading(invalid=True)
    reading = Reading()
    candidates: list[dict[str, Any]] = []
    def find(text: str, hint: int | None, words: bool) -> list[tuple[int, int]]:
        return _where(text, doc, reading, hint, words)

    for item in answer[key]:
        found = data.kind.answer_records(item, doc, find) if isinstance(item, dict) else []
        if found is None:
            reading.dropped += 1
        candidates += found or []
    _keep_consistent(candidates, doc, data, reading)
    return reading


def _keep_consistent(candidates: list[dict[str, Any]], doc: Document, data: TaskData,
                     reading: Reading) -> None:
    """Keep each candidate the kind accepts, longest first, that clashes with none kept."""
    by_id = {d.id: d for d in data.documents}
    kept: list[tuple[str, Any]] = []
    where = f"answer for '{doc.id}'"
    unique = {json.dumps(c, sort_keys=True, ensure_ascii=False): c for c in candidates}
    parsed = [(key, c, _parse(c, where, by_id, data)) for key, c in unique.items()]
    for _key, candidate, record in sorted(parsed, key=lambda t: (-_length(t[2], data), t[0])):
        if record is None or data.kind.locate(record)[0] != doc.id:
            reading.dropped += 1
            continue
        try:
            data.kind.check_set([*kept, (where, record)])
        except InputError:
            reading.dropped += 1
            continue
        kept.append((where, record))
        reading.predictions.append(candidate)
    reading.predictions.sort(key=lambda c: (data.kind.locate(_parse(c, "", by_id, data))[1],
                                            json.dumps(c, sort_keys=True)))


def _parse(candidate: dict[str, Any], where: str, by_id: dict[str, Document],
           data: TaskData) -> Any:
    """The record, or None when the kind rejects the candidate."""
    try:
        return data.kind.parse(dict(candidate), where, by_id, data.spec.labels, gold=False)
    except InputError:
        return None


def _length(record: Any, data: TaskData) -> int:
    """How much text a record covers (0 for one that did not parse)."""
    return 0 if record is None else sum(e - s for _, s, e in data.kind.extents(record))


def _where(text: str, doc: Document, reading: Reading, hint: int | None = None,
           words: bool = False) -> list[tuple[int, int]]:
    found = align(text, doc.text, hint=hint, whole_words=words)
    if not found and words:
        found = align(text, doc.text, hint=hint)
    if not found:
        reading.unaligned.append(text)
    return [(a.start, a.end) for a in found]
