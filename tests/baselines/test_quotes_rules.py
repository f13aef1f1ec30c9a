"""The quote baselines on constructed sentences (not taken from the benchmark's articles)."""

from __future__ import annotations

from typing import Any

from baselines.quotes_rules import CueRules, NearestMention, find_quotes
from bench.core.records import Document


def doc(text: str) -> Document:
    return Document("t", text, "0" * 64, dct="2023-05-01")


def contents(found: list[dict[str, Any]]) -> list[tuple[str, str, str | None]]:
    return [(q["kind"], q["content"]["text"], q.get("speaker_text")) for q in found]


def test_indirect_quote_with_subject_after_the_verb() -> None:
    d = doc("وقال وزير المالية للصحفيين إن الميزانية ستقر الشهر المقبل.")
    assert contents(CueRules().predict(d)) == [
        ("indirect", "الميزانية ستقر الشهر المقبل", "وزير المالية")]


def test_direct_quote_after_a_colon_and_carried_speaker() -> None:
    d = doc("وقال المتحدث: «لن نتراجع عن القرار».\nوأضاف أن المحادثات ستستمر.")
    found = CueRules().predict(d)
    assert contents(found) == [("direct", "لن نتراجع عن القرار", "المتحدث"),
                               ("indirect", "المحادثات ستستمر", "المتحدث")]
    assert [q["cue"]["text"] for q in found] == ["قال", "أضاف"]


def test_mixed_quote_and_narrator_comma() -> None:
    d = doc("أكد الوزير أن الحكومة “ملتزمة بالإصلاح”، بحسب بيان رسمي.")
    assert contents(CueRules().predict(d)) == [
        ("mixed", "الحكومة “ملتزمة بالإصلاح”", "الوزير")]


def test_unclosed_mark_runs_to_the_end_of_the_paragraph() -> None:
    text = "وقال الوزير: “سنبني مدارس جديدة في كل المدن.\nسطر آخر."
    found = find_quotes(text, 0, text.index("\n"), according=False)
    assert [(q.kind, text[q.start:q.end]) for q in found] == [
        ("direct", "سنبني مدارس جديدة في كل المدن")]


def test_according_to_sentence_is_a_quote_of_the_source() -> None:
    d = doc("ارتفعت الأسعار بنسبة كبيرة، بحسب وكالة الأنباء.")
    assert contents(CueRules().predict(d)) == [
        ("indirect", "ارتفعت الأسعار بنسبة كبيرة", "وكالة الأنباء")]
    assert NearestMention().predict(d) == []


def test_short_marked_terms_are_not_quotes() -> None:
    text = "وصف المقال الاتفاق بأنه “تاريخي” دون تفاصيل."
    assert find_quotes(text, 0, len(text), according=False) == []


def test_nearest_mention_takes_the_mention_before_the_cue() -> None:
    d = doc("التقى الرئيس بوتين بالرئيس ماكرون أمس. وقال الكرملين إن اللقاء كان مثمرا.")
    found = NearestMention().predict(d)
    assert contents(found) == [("indirect", "اللقاء كان مثمرا", "ماكرون")]
