"""Quote records: content, cue and speaker (an id from the speaker inventory).

A prediction names its speaker by ``speaker`` (an inventory id; an unknown id is an error) or
by ``speaker_text`` (a surface form the harness resolves through the inventory's aliases; one
that resolves to nothing or to several entities is scored as a wrong speaker). Neither, or
``speaker: null``, is an abstention.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bench.core.align import align
from bench.core.records import Document
from bench.core.speakers import Inventory, inventory_path, load_inventory
from bench.core.yamlio import did_you_mean
from bench.errors import InputError
from bench.kinds.base import Extent, Find, Located, RecordKind
from bench.kinds.common import MAYBE, TEXT, check_fields, filled, offset_hint, one_of


@dataclass(frozen=True, order=True)
class TextSpan:
    """An unlabelled character span (a quote's content, cue or speaker mention)."""

    start: int
    """Code-point offset of the first character (inclusive)."""
    end: int
    """Code-point offset one past the last character (exclusive)."""
    text: str = field(default="", compare=False)
    """``document[start:end]``."""


@dataclass(frozen=True, order=True)
class Quote:
    """A direct, indirect or mixed quote with its cue and speaker."""

    doc: str
    """Id of the document."""
    content: TextSpan
    """What was said."""
    kind: str = "indirect"
    """direct, indirect or mixed."""
    cue: TextSpan | None = field(default=None, compare=False)
    """The speech verb, or None (free direct speech, or not predicted)."""
    speaker: str | None = field(default=None, compare=False)
    """Entity id from the inventory, or None when a system abstains."""
    speaker_mention: TextSpan | None = field(default=None, compare=False)
    """The span naming the speaker in the same sentence, or None when carried over."""
    id: str = field(default="", compare=False)
    """Record id, e.g. ``000-q3`` (gold); optional for predictions."""

    @property
    def start(self) -> int:
        """Start of the content."""
        return self.content.start

    @property
    def end(self) -> int:
        """End of the content."""
        return self.content.end

    @property
    def text(self) -> str:
        """The content's text."""
        return self.content.text

    def overlaps(self, other: Quote) -> bool:
        """True when the two contents share a character in one document."""
        return (self.doc == other.doc and self.content.start < other.content.end
                and other.content.start < self.content.end)


FIELDS = ("doc", "id", "kind", "content", "cue", "speaker", "speaker_mention", "speaker_text")
GOLD_FIELDS = ("doc", "id", "kind", "content", "cue", "speaker", "speaker_mention")
KINDS = ("direct", "indirect", "mixed")
UNRESOLVED = "?unresolved"
"""Speaker value of a prediction whose ``speaker_text`` matched no single entity."""


HF_FIELDS = ("id", "kind", "content_start", "content_end", "content_text", "cue_start",
             "cue_end", "speaker", "mention_start", "mention_end")


class QuoteKind(RecordKind[Quote]):
    """Quotes; needs the ``speakers`` resource (the speaker inventory; ``entities``, its old
    name, is still read).

    A Hugging Face row gets one column ``quotes``: a sequence of structs ``id``, ``kind``
    (``ClassLabel``), ``content_start``, ``content_end``, ``content_text``, ``cue_start``,
    ``cue_end`` (-1 when there is no cue), ``speaker`` ("" for an abstention),
    ``mention_start``, ``mention_end`` (-1 when none).
    """

    name = "quotes"
    record = Quote
    column = "quotes"
    answer_key = "quotes"

    def __init__(self, resources: Mapping[str, Path] | None = None):
        super().__init__(resources)
        path = inventory_path(self.resources)
        if path is None:
            raise InputError("task kind 'quotes' needs 'resources: {speakers: <file>}'",
                             hint="add the speaker inventory to the task YAML")
        self.inventory: Inventory = load_inventory(path)

    def parse(self, raw: dict[str, Any], where: str, documents: Mapping[str, Document],
              labels: Sequence[str], *, gold: bool) -> Quote:
        """Check every span, the kind and the speaker; return a ``Quote``."""
        check_fields(raw, where, GOLD_FIELDS if gold else FIELDS,
                     GOLD_FIELDS if gold else ("doc", "content"))
        doc_id = raw["doc"]
        if doc_id not in documents:
            raise InputError(f"unknown doc id '{doc_id}'", where=where,
                             hint=did_you_mean(str(doc_id), documents))
        text = documents[doc_id].text
        kind = raw.get("kind", "indirect")
        if kind not in labels:
            raise InputError(f"kind '{kind}' is not one of {', '.join(labels)}", where=where,
                             hint=did_you_mean(str(kind), labels))
        content = _span(raw["content"], "content", where, text)
        cue = _span(raw["cue"], "cue", where, text) if raw.get("cue") else None
        mention = (_span(raw["speaker_mention"], "speaker_mention", where, text)
                   if raw.get("speaker_mention") else None)
        speaker = self._speaker(raw, where, doc_id, gold)
        return Quote(doc_id, content, kind, cue, speaker, mention, str(raw.get("id", "")))

    def _speaker(self, raw: dict[str, Any], where: str, doc: str, gold: bool) -> str | None:
        speaker = raw.get("speaker")
        if speaker == UNRESOLVED and not gold:
            return UNRESOLVED
        if speaker is not None:
            if speaker not in self.inventory.ids:
                fix = ("or add the entity to the inventory" if gold
                       else "or give speaker_text to resolve a surface form")
                raise InputError(f"unknown speaker id '{speaker}'", where=where,
                                 hint=f"{did_you_mean(str(speaker), self.inventory.ids)}; {fix}")
            return str(speaker)
        if gold:
            raise InputError("gold quote without a speaker", where=where,
                             hint="every gold quote names its speaker's id")
        if raw.get("speaker_text"):
            return self.inventory.resolve(str(raw["speaker_text"]), doc) or UNRESOLVED
        return None

    def check_set(self, records: Located) -> None:
        """Ids, when given, are unique; no content span is listed twice."""
        ids: set[str] = set()
        spans: set[tuple[str, int, int]] = set()
        for where, quote in records:
            if quote.id and quote.id in ids:
                raise InputError(f"duplicate quote id '{quote.id}'", where=where,
                                 hint="ids must be unique")
            key = (quote.doc, quote.content.start, quote.content.end)
            if key in spans:
                raise InputError(f"content [{key[1]}, {key[2]}) listed twice in '{quote.doc}'",
                                 where=where, hint="one record per quote")
            ids.add(quote.id)
            spans.add(key)

    def check_gold(self, records: Located, source: str) -> None:
        """An anonymous source speaks only in the document it belongs to."""
        for where, quote in records:
            entity = self.inventory.get(quote.speaker)
            if entity is not None and entity.doc is not None and entity.doc != quote.doc:
                raise InputError(f"speaker '{quote.speaker}' is an anonymous source of "
                                 f"'{entity.doc}', not of '{quote.doc}'", where=where,
                                 hint="give the anonymous source of this document its own id "
                                 "in the inventory")

    def dump(self, record: Quote) -> dict[str, Any]:
        """Gold-format JSON object."""
        def span(s: TextSpan | None) -> dict[str, Any] | None:
            return None if s is None else {"start": s.start, "end": s.end, "text": s.text}

        return {"doc": record.doc, "id": record.id, "kind": record.kind,
                "content": span(record.content), "cue": span(record.cue),
                "speaker": record.speaker, "speaker_mention": span(record.speaker_mention)}

    def correct_key(self, record: Quote) -> Hashable:
        """Content span and speaker: a quote is right with both (what ``bench check`` counts)."""
        return record.doc, record.content, record.speaker

    def label(self, record: Quote) -> str:
        """The quote's kind: direct, indirect or mixed."""
        return record.kind

    def relabel(self, record: Quote, label: str) -> Quote:
        """The quote with another kind."""
        return replace(record, kind=label)

    def label_of(self, record: Quote) -> str:
        """Kind and speaker, e.g. ``direct putin``."""
        return " ".join(x for x in (record.kind, record.speaker) if x)

    def describe(self, record: Quote) -> str:
        """``doc@start «content» speaker``."""
        return f"{record.doc}@{record.start} «{record.text}» {record.speaker or ''}".strip()

    def extent(self, record: Quote) -> Extent:
        """The content; a quote belongs to the unit its content starts in."""
        return record.doc, record.content.start, record.content.end

    def text(self, record: Quote) -> str:
        """The content's text."""
        return record.content.text

    def hf_features(self, datasets: Any, labels: Sequence[str]) -> dict[str, Any]:
        """The ``quotes`` column: a sequence of typed structs."""
        integer, string = datasets.Value("int32"), datasets.Value("string")
        struct = {key: integer if key.endswith(("start", "end")) else string
                  for key in HF_FIELDS}
        struct["kind"] = datasets.ClassLabel(names=list(labels))
        return {self.column: datasets.Sequence(struct)}

    def hf_encode(self, document: Document, records: Sequence[Quote],
                  labels: Sequence[str]) -> dict[str, Any]:
        """One document's quotes, in text order, as a dict of lists."""
        mine = sorted((q for q in records if q.doc == document.id),
                      key=lambda q: (q.content.start, q.content.end))
        rows = [_hf_row(q) for q in mine]
        return {self.column: {key: [row[key] for row in rows] for key in HF_FIELDS}}

    def hf_decode(self, row: dict[str, Any], features: Any) -> list[Quote]:
        """The quotes of an exported row (texts of cue and mention filled from the row)."""
        kinds: Any = features[self.column]["kind"]
        names = getattr(kinds, "feature", kinds).names
        q, text = row[self.column], row["text"]

        def span(start: int, end: int) -> TextSpan | None:
            return None if start < 0 else TextSpan(start, end, text[start:end])

        return [Quote(row["id"], TextSpan(q["content_start"][i], q["content_end"][i],
                                          q["content_text"][i]),
                      names[q["kind"][i]], span(q["cue_start"][i], q["cue_end"][i]),
                      q["speaker"][i] or None, span(q["mention_start"][i], q["mention_end"][i]),
                      q["id"][i]) for i in range(len(q["id"]))]

    def answer_fields(self, labels: Sequence[str]) -> dict[str, Any]:
        """``{"content", "cue", "kind", "speaker", "speaker_text"}``: ``speaker`` an inventory
        id or ``speaker_text`` a surface form the harness resolves; both null to abstain."""
        return {"content": TEXT, "cue": MAYBE, "kind": one_of(labels), "speaker": MAYBE,
                "speaker_text": MAYBE}

    def answer_item(self, record: Quote) -> dict[str, Any]:
        """The quote's content and cue text, its kind and its speaker's id."""
        return {"content": record.content.text, "cue": record.cue.text if record.cue else None,
                "kind": record.kind, "speaker": record.speaker, "speaker_text": None}

    def answer_records(self, item: dict[str, Any], doc: Document,
                       find: Find) -> list[dict[str, Any]] | None:
        """A quote at each place of the content, its cue the one nearest to it; a ``speaker``
        that is no inventory id is taken as the speaker's surface form."""
        if not filled(item, "content"):
            return None
        out = []
        for start, end in find(item["content"], offset_hint(item), False):
            quote: dict[str, Any] = {"doc": doc.id, "content": {"start": start, "end": end}}
            if isinstance(item.get("kind"), str):
                quote["kind"] = item["kind"]
            if filled(item, "cue"):
                cue = align(item["cue"], doc.text, hint=start, whole_words=True)
                if cue:
                    quote["cue"] = {"start": cue[0].start, "end": cue[0].end}
            speaker = item["speaker"].strip() if filled(item, "speaker") else None
            if speaker in self.inventory.ids or speaker == UNRESOLVED:
                quote["speaker"] = speaker
            elif speaker:  # a name, not an inventory id: resolved like a surface form
                quote["speaker_text"] = speaker
            elif filled(item, "speaker_text"):
                quote["speaker_text"] = item["speaker_text"].strip()
            out.append(quote)
        return out


def _hf_row(q: Quote) -> dict[str, Any]:
    def ends(span: TextSpan | None) -> tuple[int, int]:
        return (-1, -1) if span is None else (span.start, span.end)

    cue, mention = ends(q.cue), ends(q.speaker_mention)
    return {"id": q.id, "kind": q.kind, "content_start": q.content.start,
            "content_end": q.content.end, "content_text": q.content.text,
            "cue_start": cue[0], "cue_end": cue[1], "speaker": q.speaker or "",
            "mention_start": mention[0], "mention_end": mention[1]}


def _span(raw: Any, name: str, where: str, text: str) -> TextSpan:
    if not isinstance(raw, dict) or not {"start", "end"} <= set(raw):
        raise InputError(f"'{name}' must be an object with start and end", where=where)
    start, end = raw["start"], raw["end"]
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
        raise InputError(f"{name} offsets [{start}, {end}) out of range ({len(text)} characters)",
                         where=where, hint="offsets are code points, start < end <= length")
    actual = text[start:end]
    if raw.get("text") and raw["text"] != actual:
        raise InputError(f"{name} text {raw['text']!r} does not match document[{start}:{end}] "
                         f"= {actual!r}", where=where, hint="fix the offsets or the text")
    return TextSpan(start, end, actual)
