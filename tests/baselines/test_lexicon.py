"""The lexicon baseline on hand-written sentences (none taken from the benchmark's articles)."""

from __future__ import annotations

import pytest

from baselines.build_lexicons import inflect, nisba, variants
from baselines.lexicon import LexiconNER, normalize, normalize_with_map
from bench.core.records import Document
from bench.kinds.spans import Span


def tag(text: str) -> list[tuple[str, str]]:
    """(label, text) of each predicted span, after checking offsets against the text."""
    doc = Document("t", text, "0" * 64)
    spans = LexiconNER().predict(doc)
    for span in spans:
        assert isinstance(span, Span) and span.doc == "t"
        assert text[span.start : span.end] == span.text
    for left, right in zip(spans, spans[1:], strict=False):
        assert left.end <= right.start, "spans must not overlap"
    return [(span.label, span.text) for span in spans]


def test_proclitic_is_left_out_of_the_span() -> None:
    text = "تحدثت فرنسا وروسيا وبألمانيا."
    assert tag(text) == [("GPE", "فرنسا"), ("GPE", "روسيا"), ("GPE", "ألمانيا")]
    doc = Document("t", text, "")
    starts = [span.start for span in LexiconNER().predict(doc)]
    assert starts == [text.index("فرنسا"), text.index("روسيا"), text.index("ألمانيا")]


def test_lam_lam_starts_at_the_second_lam() -> None:
    text = "وجه رسالة للأمم المتحدة ولحلف شمال الأطلسي."
    assert tag(text) == [("ORG", "لأمم المتحدة"), ("ORG", "حلف شمال الأطلسي")]


def test_title_gives_person_without_the_title() -> None:
    text = "قالت وزيرة الدفاع الكندية أنيتا أناند إن الاجتماع مهم، وأضافت أناند أنه انتهى."
    assert tag(text) == [("NORP", "الكندية"), ("PER", "أنيتا أناند"), ("PER", "أناند")]


def test_title_with_proclitic_and_organisation_in_between() -> None:
    text = "واجتمع الأمين العام للأمم المتحدة ماريو رينزي بالسفير ياروسلاف كوفال."
    assert tag(text) == [
        ("ORG", "لأمم المتحدة"),
        ("PER", "ماريو رينزي"),
        ("PER", "ياروسلاف كوفال"),
    ]


def test_title_stops_at_function_words() -> None:
    assert tag("قال الرئيس إن الوضع صعب") == []
    assert tag("وصل الرئيس كوماروف إلى المطار") == [("PER", "كوماروف")]


@pytest.mark.parametrize(
    "word",
    [
        "روسي",
        "الروسي",
        "الروسية",
        "روسية",
        "الروس",
        "الأمريكيين",
        "أميركيون",
        "الأوروبية",
        "البريطانيون",
        "الصينيتين",
    ],
)
def test_nationality_inflections(word: str) -> None:
    assert tag(f"قال مسؤول {word} كلاما") == [("NORP", word)]


def test_longest_match_wins() -> None:
    text = "زار المملكة العربية السعودية ثم مجلس الأمن الدولي."
    assert tag(text) == [("GPE", "المملكة العربية السعودية"), ("ORG", "مجلس الأمن الدولي")]


def test_regions_and_normalized_spelling() -> None:
    text = "من امريكا الى أوروبا والشرق الأوسط."
    assert tag(text) == [("GPE", "امريكا"), ("LOC", "أوروبا"), ("LOC", "الشرق الأوسط")]


def test_diacritics_keep_original_offsets() -> None:
    text = "زار عُمانَ وَروسيا"
    assert tag(text) == [("GPE", "عُمانَ"), ("GPE", "روسيا")]


def test_normalization_maps_back() -> None:
    assert normalize("إِيـطالْيا أمريكى مدرسة") == "ايطاليا امريكي مدرسه"
    form, where = normalize_with_map("وَروسيا")
    assert form == "وروسيا" and where[1] == 2 and where[-1] == 7


def test_nisba_rule() -> None:
    assert nisba("روسيا") == "روسي"
    assert nisba("الصين") == "صيني"
    assert nisba("كندا") == "كندي"
    assert nisba("تشيلي") is None
    assert {"الروسية", "روسيون", "الروسيين", "روسيان"} <= inflect("روسي")


def test_cldr_name_variants() -> None:
    assert variants("ميانمار (بورما)") == {"ميانمار", "بورما"}
    assert variants("الكونغو - كينشاسا") == {"الكونغو", "الكونغو - كينشاسا"}
