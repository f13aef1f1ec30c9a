"""Aligning strings to offsets: known cases per strategy, and properties on random documents."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.core.align import Alignment, align, normalize, normalize_with_offsets

VOCALIZED = "قالَ بُوتِينُ إنّ بوتين والرئيسَ بايدن اتفقا. وبوتين قال"
"""Diacritics, a shadda, a repeated mention, and one with a proclitic."""


def spans(found: list[Alignment], text: str) -> list[tuple[str, str]]:
    return [(text[a.start:a.end], a.method) for a in found]


@pytest.mark.parametrize(("needle", "text", "kwargs", "expected"), [
    ("بوتين", VOCALIZED, {}, [("بُوتِينُ", "normalized"), ("بوتين", "exact"),
                              ("بوتين", "exact")]),
    ("بوتين", VOCALIZED, {"hint": 50}, [("بوتين", "exact")]),
    ("بُوتِينُ", VOCALIZED, {}, [("بُوتِينُ", "exact"), ("بوتين", "normalized"),
                                 ("بوتين", "normalized")]),
    ("الرئيس", VOCALIZED, {}, [("الرئيسَ", "exact")]),
    ("ان", VOCALIZED, {"whole_words": True}, [("إنّ", "normalized")]),
    ("  بايدن ", VOCALIZED, {}, [("بايدن", "exact")]),
    ("ابو ظبي", "في أبو  ظبى اليوم", {}, [("أبو  ظبى", "normalized")]),
    ("الـ 24", "خلال الـ 24 ساعة", {}, [("الـ 24", "exact")]),
    ("ال 24", "خلال الـ 24 ساعة", {}, [("الـ 24", "normalized")]),
    ("روس", "روسيا وروس", {"whole_words": True}, [("روس", "exact")]),
    ("روس", "روسيا وروس", {}, [("روس", "exact"), ("روس", "exact")]),
    ("بوتين", "وبوتين قال", {"whole_words": True}, [("بوتين", "exact")]),
    ("تين", "وبوتين قال", {"whole_words": True}, []),
    ("ماكرون", VOCALIZED, {}, []),
    ("", VOCALIZED, {}, []),
    ("\u064e\u064e", VOCALIZED, {}, []),
], ids=["every-occurrence", "hint-picks-nearest", "vocalized-needle", "trailing-fatha-kept",
        "hamza-shadda-normalized", "outer-space", "alef-yeh-space-forms", "tatweel-exact",
        "tatweel-normalized", "whole-word-skips-prefix-of-word", "substring-anywhere",
        "proclitic-allowed", "inside-word-refused", "absent", "empty", "marks-only"])
def test_align_cases(needle: str, text: str, kwargs: dict[str, object],
                     expected: list[tuple[str, str]]) -> None:
    assert spans(align(needle, text, **kwargs), text) == expected  # type: ignore[arg-type]


QUOTE_DOC = ("وأضاف المتحدث باسم الكرملين أن الرئيس الروسي حذر نظيره الأمريكي من أن فرض "
             "عقوبات جديدة على روسيا سيكون خطأ فادحا قد يؤدي إلى قطع العلاقات بين البلدين. "
             "ولم يعلق البيت الأبيض.")


@pytest.mark.parametrize(("needle", "expected"), [
    ("فرض عقوبات جديدة على روسيا سيكون خطأً فادحاً قد يؤدي الى قطع العلاقات بين البلدين",
     "فرض عقوبات جديدة على روسيا سيكون خطأ فادحا قد يؤدي إلى قطع العلاقات بين البلدين"),
    ("فرض عقوبات جديده على روسيا سيكون خطأ كبيرا قد يؤدي الى قطع العلاقات بين البلدين",
     "فرض عقوبات جديدة على روسيا سيكون خطأ فادحا قد يؤدي إلى قطع العلاقات بين البلدين"),
], ids=["diacritics-and-alef", "paraphrased-word"])
def test_fuzzy_finds_long_spans(needle: str, expected: str) -> None:
    found = align(needle, QUOTE_DOC)
    assert len(found) == 1
    assert found[0].method in ("normalized", "fuzzy")
    assert QUOTE_DOC[found[0].start:found[0].end] == expected


def test_fuzzy_refuses_unrelated_text_and_short_needles() -> None:
    assert align("اتفق الطرفان على استئناف المفاوضات في جنيف الأسبوع المقبل", QUOTE_DOC) == []
    assert align("خطأ كبيرا", QUOTE_DOC) == []


def test_fuzzy_score_is_reported() -> None:
    (found,) = align("فرض عقوبات جديده على روسيا سيكون خطأ كبيرا قد يؤدي", QUOTE_DOC)
    assert found.method == "fuzzy"
    assert 85 <= found.score < 100


def test_normalize_maps_every_character_back() -> None:
    text = "قالَ  بُوتِينُ\nإنّ"
    norm, origin = normalize_with_offsets(text)
    assert norm == "قال بوتين ان"
    assert [text[i] for i in origin] == ["ق", "ا", "ل", " ", "ب", "و", "ت", "ي", "ن", "\n",
                                         "إ", "ن"]


ARABIC = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىةـ ،.\n")
                         + ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b",
                            "\u0670", "\u200f", "ی", "ٱ", "1", "a"])
DOCUMENTS = st.text(ARABIC, min_size=1, max_size=120)


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS, st.data())
def test_any_substring_aligns_back(text: str, data: st.DataObject) -> None:
    """Any substring, as written or normalized, aligns to spans whose text normalizes to it."""
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    needle = text[i:j]
    if data.draw(st.booleans()):
        needle = normalize(needle)
    found = align(needle, text, fuzzy_min_length=10_000)
    assert bool(found) == bool(normalize(needle))
    for a in found:
        assert 0 <= a.start < a.end <= len(text)
        assert normalize(text[a.start:a.end]) == normalize(needle)
    hinted = align(needle, text, hint=i, fuzzy_min_length=10_000)
    assert len(hinted) == min(1, len(found)) and set(hinted) <= set(found)


@settings(max_examples=100, deadline=None)
@given(DOCUMENTS, st.data())
def test_fuzzy_match_stays_inside_the_document(text: str, data: st.DataObject) -> None:
    needle = data.draw(st.text(ARABIC, min_size=1, max_size=40))
    for a in align(needle, text, fuzzy_min_length=5, min_score=50):
        assert 0 <= a.start < a.end <= len(text)
        assert a.method != "fuzzy" or 50 <= a.score <= 100


@pytest.mark.parametrize("task", ["ner", "dates", "quotes"])
def test_every_shipped_gold_string_aligns_back_to_its_offsets(task: str) -> None:
    from bench.project import open_task
    from tests.conftest import REPO

    data = open_task(REPO, task)
    texts = {d.id: d.text for d in data.documents}
    for record in data.gold:
        span = getattr(record, "content", record)
        for needle in (span.text, normalize(span.text)):
            found = align(needle, texts[record.doc], whole_words=task != "quotes")
            assert (span.start, span.end) in {(a.start, a.end) for a in found}, span
