"""Reading answers: tolerant parsing, alignment on Arabic with diacritics and repeated names."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from bench.core.records import Document
from bench.models.answers import parse_answer, read_answer
from bench.project import open_task
from bench.task.gold import TaskData
from tests.conftest import FIXTURES

TEXT = "قالَ الرئيسُ بُوتِينُ إنّ موسكو مستعدة.\nوأكد البيتُ الأبيض أن بايدن تحدث مع بوتين وبوتين."


@pytest.mark.parametrize(("content", "expected"), [
    ('{"entities": []}', {"entities": []}),
    ('```json\n{"a": 1}\n```\nDone.', {"a": 1}),
    ('<think>{"draft": 0}</think>{"a": 2}', {"a": 2}),
    ('Sure! {"a": 3} and {"b": 4}', {"a": 3}),
    ('{"a": 1', None),
    ("no JSON here", None),
    ("[1, 2]", [1, 2]),
], ids=["plain", "fenced-with-trailing-text", "think-block", "first-object", "truncated",
        "prose", "list"])
def test_parse_answer(content: str, expected: Any) -> None:
    assert parse_answer(content) == expected


@pytest.fixture
def vocalized() -> TaskData:
    data = open_task(FIXTURES / "good", "ner")
    doc = Document(id="v", text=TEXT, sha256="0" * 64, dct="2022-02-12")
    return dataclasses.replace(data, documents=(doc,))


def entities(*items: tuple[str, str]) -> str:
    return json.dumps({"entities": [{"text": t, "type": k} for t, k in items]},
                      ensure_ascii=False)


def found(data: TaskData, content: str) -> list[tuple[str, str]]:
    reading = read_answer(content, data.documents[0], data)
    return [(TEXT[p["start"]:p["end"]], p["type"]) for p in reading.predictions]


@pytest.mark.parametrize(("answer", "expected"), [
    (entities(("بوتين", "PER")), [("بُوتِينُ", "PER"), ("بوتين", "PER"), ("بوتين", "PER")]),
    (entities(("بُوتِينُ", "PER")), [("بُوتِينُ", "PER"), ("بوتين", "PER"), ("بوتين", "PER")]),
    (entities(("البيت الابيض", "ORG"), ("موسكو", "GPE")),
     [("موسكو", "GPE"), ("البيتُ الأبيض", "ORG")]),
    (entities(("الرئيس بوتين", "PER"), ("بوتين", "PER")),
     [("الرئيسُ بُوتِينُ", "PER"), ("بوتين", "PER"), ("بوتين", "PER")]),
], ids=["every-occurrence-vocalized-too", "vocalized-answer-finds-plain-too", "alef-normalized",
        "longest-wins"])
def test_alignment_on_arabic(vocalized: TaskData, answer: str,
                             expected: list[tuple[str, str]]) -> None:
    assert found(vocalized, answer) == expected


def test_position_hint_keeps_one_occurrence(vocalized: TaskData) -> None:
    hint = TEXT.rindex("بوتين")
    answer = json.dumps({"entities": [{"text": "بوتين", "type": "PER", "start": hint}]})
    assert [p["start"] for p in read_answer(answer, vocalized.documents[0],
                                            vocalized).predictions] == [hint]


def test_unaligned_and_rejected_items_are_counted(vocalized: TaskData) -> None:
    answer = entities(("ماكرون", "PER"), ("موسكو", "CITY"), ("بايدن", "PER"))
    reading = read_answer(answer, vocalized.documents[0], vocalized)
    assert reading.unaligned == ["ماكرون"]
    assert reading.dropped == 1 and not reading.invalid
    assert [p["type"] for p in reading.predictions] == ["PER"]


def test_quotes_align_content_cue_and_speaker(tmp_path: Path) -> None:
    data = open_task(FIXTURES / "good", "quotes")
    doc = data.documents[0]
    content = doc.text.split("إن ")[1].split(".")[0]
    answer = json.dumps({"quotes": [{"content": content, "cue": "قال", "kind": "indirect",
                                     "speaker": "Putin", "speaker_text": None}]},
                        ensure_ascii=False)
    reading = read_answer(answer, doc, data)
    (quote,) = reading.predictions
    assert doc.text[quote["content"]["start"]:quote["content"]["end"]] == content
    assert doc.text[quote["cue"]["start"]:quote["cue"]["end"]] == "قال"
    assert quote["speaker_text"] == "Putin" and "speaker" not in quote
