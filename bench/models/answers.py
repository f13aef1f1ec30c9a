"""Reading a model's answer: tolerant JSON parsing, then strings aligned to offsets.

The JSON shape asked for per record kind (``schema`` gives the JSON Schema):

- spans (``ner``, ``anercorp``): ``{"entities": [{"text": "بوتين", "type": "PER"}]}``
- dates: ``{"dates": [{"text": "أمس", "type": "DATE", "value": "2021-12-30",
  "mod": null}]}`` (``timexes``, the key's old name, is still read)
- quotes: ``{"quotes": [{"content": "...", "cue": "قال", "kind": "indirect",
  "speaker": "vladimir-putin", "speaker_text": null}]}`` (``speaker`` an inventory id, or
  ``speaker_text`` a surface form the harness resolves; both null to abstain)
- conflicts: ``{"pairs": [{"a": "000-c7", "b": "002-c9", "label": "CONFLICT"}]}``

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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.core.align import align
from bench.core.records import Document
from bench.errors import InputError
from bench.task.gold import TaskData

LIST_KEY = {"spans": "entities", "dates": "dates", "quotes": "quotes", "conflicts": "pairs"}
"""The answer object's one key, per record kind (the kinds' current names)."""
OLD_LIST_KEY = {"dates": "timexes"}
"""Keys answers used before, still read."""
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


def schema(kind: str, labels: tuple[str, ...]) -> dict[str, Any]:
    """The JSON Schema of an answer for tasks of ``kind`` (strict: every field required)."""
    text, maybe = {"type": "string"}, {"type": ["string", "null"]}
    items = {
        "spans": {"text": text, "type": {"type": "string", "enum": list(labels)}},
        "dates": {"text": text, "type": {"type": "string", "enum": list(labels)},
                  "value": text, "mod": maybe},
        "quotes": {"content": text, "cue": maybe,
                   "kind": {"type": "string", "enum": list(labels)},
                   "speaker": maybe, "speaker_text": maybe},
        "conflicts": {"a": text, "b": text, "label": {"type": "string", "enum": list(labels)}},
    }[kind]
    item = {"type": "object", "properties": items, "required": list(items),
            "additionalProperties": False}
    key = LIST_KEY[kind]
    return {"type": "object", "properties": {key: {"type": "array", "items": item}},
            "required": [key], "additionalProperties": False}


def read_answer(content: str, doc: Document, data: TaskData) -> Reading:
    """Parse, align and check one document's answer; never raises on a bad answer."""
    answer = parse_answer(content)
    key = LIST_KEY[data.kind.name]
    if isinstance(answer, list):
        answer = {key: answer}
    old = OLD_LIST_KEY.get(data.kind.name)
    if isinstance(answer, dict) and key not in answer and old in answer:
        answer = {key: answer[old]}
    if not isinstance(answer, dict) or not isinstance(answer.get(key), list):
        return Reading(invalid=True)
    reading = Reading()
    candidates: list[dict[str, Any]] = []
    for item in answer[key]:
        found = _CANDIDATES[data.kind.name](item, doc, reading) if isinstance(item, dict) else []
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
    unique = {json.dumps(c, sort_keys=True, ensure_ascii=False): c for c in candidates}
    for _key, candidate in sorted(unique.items(), key=lambda kv: (-_length(kv[1]), kv[0])):
        where = f"answer for '{doc.id}'"
        record = _parse(candidate, where, by_id, data)
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
    """The record, or None; a ``speaker`` that is no inventory id is tried as a surface form."""
    try:
        return data.kind.parse(dict(candidate), where, by_id, data.spec.labels, gold=False)
    except InputError:
        if "speaker" not in candidate:
            return None
        candidate["speaker_text"] = candidate.pop("speaker")
        return _parse(candidate, where, by_id, data)


def _length(candidate: dict[str, Any]) -> int:
    span = candidate.get("content", candidate)
    if isinstance(span, dict) and isinstance(span.get("start"), int):
        return int(span["end"]) - int(span["start"])
    return 0


def _strings(item: dict[str, Any], *names: str) -> bool:
    return all(isinstance(item.get(n), str) and item[n].strip() for n in names)


def _hint(item: dict[str, Any]) -> int | None:
    start = item.get("start")
    return start if isinstance(start, int) and not isinstance(start, bool) else None


def _where(text: str, doc: Document, reading: Reading, hint: int | None = None,
           words: bool = False) -> list[tuple[int, int]]:
    found = align(text, doc.text, hint=hint, whole_words=words)
    if not found and words:
        found = align(text, doc.text, hint=hint)
    if not found:
        reading.unaligned.append(text)
    return [(a.start, a.end) for a in found]


def _spans(item: dict[str, Any], doc: Document, reading: Reading) -> list[dict[str, Any]] | None:
    if not _strings(item, "text", "type"):
        return None
    return [{"doc": doc.id, "start": s, "end": e, "type": item["type"]}
            for s, e in _where(item["text"], doc, reading, _hint(item), words=True)]


def _timexes(item: dict[str, Any], doc: Document, reading: Reading
             ) -> list[dict[str, Any]] | None:
    if not _strings(item, "text", "type", "value"):
        return None
    mod = item.get("mod") or None
    return [{"doc": doc.id, "start": s, "end": e, "type": item["type"], "value": item["value"],
             "mod": mod} for s, e in _where(item["text"], doc, reading, _hint(item), words=True)]


def _quotes(item: dict[str, Any], doc: Document, reading: Reading
            ) -> list[dict[str, Any]] | None:
    if not _strings(item, "content"):
        return None
    out = []
    for start, end in _where(item["content"], doc, reading, _hint(item)):
        quote: dict[str, Any] = {"doc": doc.id, "content": {"start": start, "end": end}}
        if isinstance(item.get("kind"), str):
            quote["kind"] = item["kind"]
        if _strings(item, "cue"):
            cue = align(item["cue"], doc.text, hint=start, whole_words=True)
            if cue:
                quote["cue"] = {"start": cue[0].start, "end": cue[0].end}
        if _strings(item, "speaker"):
            quote["speaker"] = item["speaker"].strip()
        elif _strings(item, "speaker_text"):
            quote["speaker_text"] = item["speaker_text"].strip()
        out.append(quote)
    return out


def _pairs(item: dict[str, Any], doc: Document, reading: Reading) -> list[dict[str, Any]] | None:
    if not _strings(item, "a", "b", "label"):
        return None
    return [{"a": item["a"], "b": item["b"], "label": item["label"]}]


_CANDIDATES: dict[str, Callable[[dict[str, Any], Document, Reading],
                                list[dict[str, Any]] | None]] = {
    "spans": _spans, "dates": _timexes, "quotes": _quotes, "conflicts": _pairs}
