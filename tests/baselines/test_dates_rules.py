"""The `rules` date tagger on sentences written for these tests (none taken from the seeds).

Each case gives a DCT, a sentence and every expression expected in it as
(span text, type, value, mod). DCTs: 2023-06-14 (a Wednesday, ISO week 24), 2022-02-12 and
2021-12-04 (Saturdays), 2021-12-30 (a Thursday).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baselines.dates_rules import RulesTimex, tag
from baselines.dates_rules.normalize import (
    clock_value,
    duration_value,
    pick_day,
    pick_month,
    week_value,
    weekday_date,
)
from bench.core.records import Document
from bench.core.timex_values import value_error

W = "2023-06-14"
Expected = tuple[str, str, str, str | None]


def case(name: str, dct: str, text: str, *expected: Expected) -> Any:
    """One table row, with a readable id."""
    return pytest.param(dct, text, list(expected), id=name)


CASES = [
    # weekdays: past by default or with a past verb, coming with a future cue
    case("weekday-yawm-past-verb", W, "التقى الوزير نظيره يوم الاثنين في القاهرة.",
         ("يوم الاثنين", "DATE", "2023-06-12", None)),
    case("weekday-future-prefix", W, "سيلتقي الوزير نظيره الاثنين في القاهرة.",
         ("الاثنين", "DATE", "2023-06-19", None)),
    case("weekday-future-muqarrar", W, "من المقرر أن تبدأ المفاوضات الجمعة.",
         ("الجمعة", "DATE", "2023-06-16", None)),
    case("weekday-next-last", W, "يزور الرئيس العاصمة الأحد المقبل بعد زيارة الأربعاء الماضي.",
         ("الأحد المقبل", "DATE", "2023-06-18", None),
         ("الأربعاء الماضي", "DATE", "2023-06-07", None)),
    case("weekday-is-dct-day", W, "وصل الوفد الأربعاء.", ("الأربعاء", "DATE", W, None)),
    case("weekday-with-date", "2021-12-04", "التقى الرئيس يوم الخميس 2 ديسمبر الجاري بنظيره.",
         ("يوم الخميس 2 ديسمبر الجاري", "DATE", "2021-12-02", None)),
    case("weekday-both-the-two", W, "نشب خلاف بين الاثنين.", ),
    # relative days
    case("today-weekday", W, "أعلنت الشركة اليوم الأربعاء نتائجها.",
         ("اليوم الأربعاء", "DATE", W, None)),
    case("yesterday-weekday", "2022-02-12", "وصل الوفد أمس الخميس إلى العاصمة.",
         ("أمس الخميس", "DATE", "2022-02-10", None)),
    case("tomorrow-tanween", W, "تنطلق البطولة غداً في المدينة.",
         ("غداً", "DATE", "2023-06-15", None)),
    case("after-tomorrow-before-yesterday", W, "يصل الفريق بعد غد، وكان قد غادر أول أمس.",
         ("بعد غد", "DATE", "2023-06-16", None), ("أول أمس", "DATE", "2023-06-12", None)),
    case("today-not-first-day", W, "في اليوم الأول من المؤتمر تحدث الوزير.", ),
    # parts of the day and clock times
    case("evening-weekday", W, "انتهت المباراة مساء الجمعة.",
         ("مساء الجمعة", "TIME", "2023-06-09TEV", None)),
    case("night-morning", W, "اندلع الحريق ليلة أمس، ويصل المحققون صباح الغد.",
         ("ليلة أمس", "TIME", "2023-06-13TNI", None),
         ("صباح الغد", "TIME", "2023-06-15TMO", None)),
    case("afternoon-today", W, "يعقد المؤتمر بعد ظهر اليوم.",
         ("بعد ظهر اليوم", "TIME", "2023-06-14TAF", None)),
    case("clock-pm-digits", W, "بدأت الجلسة الساعة 7 مساءً.",
         ("الساعة 7 مساءً", "TIME", "2023-06-14T19:00", None)),
    case("clock-words-half", W, "يفتتح المعرض في تمام الساعة العاشرة والنصف صباحا.",
         ("الساعة العاشرة والنصف صباحا", "TIME", "2023-06-14T10:30", None)),
    case("clock-colon-night", W, "أقلعت الطائرة الساعة 9:15 ليلا.",
         ("الساعة 9:15 ليلا", "TIME", "2023-06-14T21:15", None)),
    case("clock-day-in-sentence", W, "عقد الاجتماع يوم الاثنين عند الساعة 11 صباحا.",
         ("يوم الاثنين", "DATE", "2023-06-12", None),
         ("الساعة 11 صباحا", "TIME", "2023-06-12T11:00", None)),
    case("clock-of-evening-of-day", "2021-12-04", "الساعة السابعة من مساء الخميس",
         ("الساعة السابعة من مساء الخميس", "TIME", "2021-12-02T19:00", None)),
    # months: both systems, the double form, day first, year from the DCT
    case("double-form-with-year", W, "وقعت الاتفاقية في 10 يناير / كانون الثاني 2023.",
         ("10 يناير / كانون الثاني 2023", "DATE", "2023-01-10", None)),
    case("double-form-jari", "2022-02-12", "وفي 7 فبراير/ شباط الجارى أعلنت الحكومة الخطة.",
         ("7 فبراير/ شباط الجارى", "DATE", "2022-02-07", None)),
    case("levantine-first-past", W, "اجتمع المجلس في 3 آذار/مارس الماضي.",
         ("3 آذار/مارس الماضي", "DATE", "2023-03-03", None)),
    case("ordinal-day", W, "افتتح المتحف في السابع من أيار.",
         ("السابع من أيار", "DATE", "2023-05-07", None)),
    case("month-year-and-next", W,
         "ارتفعت الصادرات في تشرين الأول 2022، ويتوقع أن تنخفض في أيلول المقبل.",
         ("تشرين الأول 2022", "DATE", "2022-10", None), ("أيلول المقبل", "DATE", "2023-09", None)),
    case("month-past-verb", W, "ارتفعت الصادرات في نوفمبر.", ("نوفمبر", "DATE", "2022-11", None)),
    case("month-future-verb", W, "ستجري الانتخابات في فبراير.",
         ("فبراير", "DATE", "2024-02", None)),
    case("month-nearest", W, "الانتخابات في أكتوبر.", ("أكتوبر", "DATE", "2023-10", None)),
    case("month-shahr", W, "تبدأ العطلة في شهر حزيران.", ("شهر حزيران", "DATE", "2023-06", None)),
    case("month-of-last-year", W, "ارتفع الإنتاج في ديسمبر من العام الماضي.",
         ("ديسمبر من العام الماضي", "DATE", "2022-12", None)),
    case("month-end-future", "2021-12-04", "ستعقد القمة في نهاية كانون الثاني.",
         ("نهاية كانون الثاني", "DATE", "2022-01", "END")),
    case("marasa-is-a-verb", W, "مارس اللاعب رياضته المفضلة.", ),
    case("day-of-current-month", "2021-12-04", "تأجلت الجلسة إلى يوم 20 الشهر الجاري.",
         ("يوم 20 الشهر الجاري", "DATE", "2021-12-20", None)),
    # years, weeks, months relative to the DCT
    case("years", W, "في عام 2014 وفي العام الماضي ومنذ 2015",
         ("عام 2014", "DATE", "2014", None), ("العام الماضي", "DATE", "2022", None),
         ("2015", "DATE", "2015", None)),
    case("year-end-last-year", "2022-02-12", "في أواخر العام الماضي ارتفعت الأسعار.",
         ("أواخر العام الماضي", "DATE", "2021", "END")),
    case("secretary-general", W, "قال الأمين العام المقبل إن الوضع صعب.", ),
    case("weeks", W, "هذا الأسبوع والأسبوع الماضي والأسبوع المقبل",
         ("هذا الأسبوع", "DATE", "2023-W24", None), ("الأسبوع الماضي", "DATE", "2023-W23", None),
         ("الأسبوع المقبل", "DATE", "2023-W25", None)),
    case("months-relative", W, "هذا الشهر والشهر الماضي والشهر القادم ومطلع الشهر المقبل",
         ("هذا الشهر", "DATE", "2023-06", None), ("الشهر الماضي", "DATE", "2023-05", None),
         ("الشهر القادم", "DATE", "2023-07", None),
         ("مطلع الشهر المقبل", "DATE", "2023-07", "START")),
    case("weekend-on-saturday", "2021-12-04", "قضى الرئيس عطلة نهاية الأسبوع في منزله.",
         ("عطلة نهاية الأسبوع", "DATE", "2021-W48-WE", None)),
    case("weekend-past", W, "كان الطقس حارا في عطلة نهاية الأسبوع.",
         ("عطلة نهاية الأسبوع", "DATE", "2023-W23-WE", None)),
    case("earlier-this-week", W, "في وقت سابق من هذا الأسبوع",
         ("هذا الأسبوع", "DATE", "2023-W24", None)),
    # durations
    case("minutes-digits", W, "استمر اللقاء 50 دقيقة.", ("50 دقيقة", "DURATION", "PT50M", None)),
    case("hour-and-minutes", W, "استمر الاجتماع ساعة و 40 دقيقة.",
         ("ساعة و 40 دقيقة", "DURATION", "PT1H40M", None)),
    case("arabic-indic-digits", W, "توقف القطار ٣ ساعات.", ("٣ ساعات", "DURATION", "PT3H", None)),
    case("number-words", W, "بقي الوفد خمسة أيام ثم ثلاثة وعشرين عاما",
         ("خمسة أيام", "DURATION", "P5D", None), ("ثلاثة وعشرين عاما", "DURATION", "P23Y", None)),
    case("teen-number", W, "استمر الإضراب خمسة عشر يوما.",
         ("خمسة عشر يوما", "DURATION", "P15D", None)),
    case("duals", W, "بعد يومين وخلال أسبوعين ولمدة دقيقتين",
         ("يومين", "DURATION", "P2D", None), ("أسبوعين", "DURATION", "P2W", None),
         ("دقيقتين", "DURATION", "PT2M", None)),
    case("past-two-months", W, "شهدت الشهرين الماضيين توترا.",
         ("الشهرين الماضيين", "DURATION", "P2M", None)),
    case("article-24-hours", W, "خلال الـ 24 ساعة الماضية",
         ("الـ 24 ساعة الماضية", "DURATION", "PT24H", None)),
    case("article-arabic-indic", W, "خلال الـ٤٨ ساعة المقبلة",
         ("الـ٤٨ ساعة المقبلة", "DURATION", "PT48H", None)),
    case("half-and-half-hour", W, "بعد عامين ونصف وبعد نصف ساعة",
         ("عامين ونصف", "DURATION", "P2Y6M", None), ("نصف ساعة", "DURATION", "PT30M", None)),
    case("singular-needs-context", W, "لمدة ساعة عند ساعة الصفر",
         ("ساعة", "DURATION", "PT1H", None)),
    # plural period nouns with no number
    case("vague-plurals", W, "لأسابيع ومنذ سنوات وعدة أشهر",
         ("أسابيع", "DURATION", "PXW", None), ("سنوات", "DURATION", "PXY", None),
         ("عدة أشهر", "DURATION", "PXM", None)),
    case("vague-plurals-adjective", W, "في الأسابيع المقبلة وفي الأشهر الأخيرة",
         ("الأسابيع المقبلة", "DURATION", "PXW", None),
         ("الأشهر الأخيرة", "DURATION", "PXM", None)),
    case("hours-plural", W, "استمر القصف ساعات.", ("ساعات", "DURATION", "PTXH", None)),
    case("construct-not-duration", W, "احتفل الناس في أيام العيد.", ),
    # modifiers
    case("more-than-a-little", W, "استمرت المحادثات أكثر من ساعة بقليل.",
         ("أكثر من ساعة بقليل", "DURATION", "PT1H", "MORE_THAN")),
    case("less-than", W, "أقل من أسبوع", ("أقل من أسبوع", "DURATION", "P1W", "LESS_THAN")),
    case("approx", W, "نحو 50 دقيقة وحوالي ثلاثة أشهر وقرابة عامين",
         ("نحو 50 دقيقة", "DURATION", "PT50M", "APPROX"),
         ("حوالي ثلاثة أشهر", "DURATION", "P3M", "APPROX"),
         ("قرابة عامين", "DURATION", "P2Y", "APPROX")),
    case("mid-start", W, "منتصف أغسطس وبداية العام",
         ("منتصف أغسطس", "DATE", "2023-08", "MID"), ("بداية العام", "DATE", "2023", "START")),
    # vague references and exclusions
    case("vague-refs", W, "تحدث في الآونة الأخيرة، ولم يرد حتى الآن.",
         ("الآونة الأخيرة", "DATE", "PAST_REF", None), ("حتى الآن", "DATE", "PRESENT_REF", None)),
    case("earlier-today", W, "في وقت سابق اليوم", ("اليوم", "DATE", W, None)),
    case("soon-later-excluded", W, "سيصل قريبا وسيتحدث لاحقا.", ),
    case("future-movement", W, "في المستقبل وتيار المستقبل",
         ("المستقبل", "DATE", "FUTURE_REF", None)),
    # holidays and sets
    case("new-year-holiday", "2021-12-30", "يحتفل الناس بعيد رأس السنة.",
         ("عيد رأس السنة", "DATE", "2022-01-01", None)),
    case("christmas", "2021-12-20", "عيد الميلاد", ("عيد الميلاد", "DATE", "2021-12-25", None)),
    case("sets", W, "يوميا وكل أسبوع", ("يوميا", "SET", "P1D", None),
         ("كل أسبوع", "SET", "P1W", None)),
    # proclitics are outside the span
    case("proclitics", "2021-12-04", "وفي 7 ديسمبر وبالأمس فالأسبوع المقبل وبيومين",
         ("7 ديسمبر", "DATE", "2021-12-07", None), ("الأمس", "DATE", "2021-12-03", None),
         ("الأسبوع المقبل", "DATE", "2021-W49", None), ("يومين", "DURATION", "P2D", None)),
    case("proclitic-lam-lam", W, "للعام المقبل", ("لعام المقبل", "DATE", "2024", None)),
]


@pytest.mark.parametrize(("dct", "text", "expected"), CASES)
def test_tags(dct: str, text: str, expected: list[Expected]) -> None:
    found = tag("t", text, dt.date.fromisoformat(dct))
    assert [(t.text, t.type, t.value, t.mod) for t in found] == expected


@pytest.mark.parametrize(("dct", "text", "expected"), CASES)
def test_spans_are_valid(dct: str, text: str, expected: list[Expected]) -> None:
    found = tag("t", text, dt.date.fromisoformat(dct))
    for timex in found:
        assert timex.text == text[timex.start:timex.end]
        assert value_error(timex.type, timex.value) is None
    for left, right in zip(found, found[1:], strict=False):
        assert left.end <= right.start


WORDS = ("في", "و", "من", "يوم", "الجمعة", "اليوم", "أمس", "مساء", "الساعة", "7", "٢٤", "10",
         "2021", "/", "يناير", "كانون", "الثاني", "الماضي", "المقبل", "أكثر", "نحو", "ساعة",
         "دقيقة", "أيام", "الـ", "عام", "التالي", "نهاية", "الأسبوع", "عطلة", "ونصف", "بقليل",
         "،", ".", "\n", "وبالأمس", "لأسابيع", "الشهرين", "الماضيين", "حتى", "الآن", "كل")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.dates(dt.date(1990, 1, 1)))
def test_any_word_salad_gives_valid_disjoint_spans(words: list[str], dct: dt.date) -> None:
    text = " ".join(words)
    found = tag("t", text, dct)
    assert all(t.text == text[t.start:t.end] and t.text.strip() == t.text for t in found)
    assert all(value_error(t.type, t.value) is None for t in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


ANCHORS = [
    ("next-day", "2022-02-12", "وصل الوفد في 7 فبراير، وفي اليوم التالي التقى الرئيس.",
     "اليوم التالي", "2022-02-08", "7 فبراير"),
    ("day-before", "2022-02-12", "انتهت القمة في 3 يناير 2022 وكانت الوفود قد وصلت اليوم السابق.",
     "اليوم السابق", "2022-01-02", "3 يناير 2022"),
    ("next-day-no-date", "2022-02-12", "في اليوم التالي", "اليوم التالي", "2022-02-13", "dct"),
    ("clock-day", W, "عقد الاجتماع يوم الاثنين عند الساعة 11 صباحا.", "الساعة 11 صباحا",
     "2023-06-12T11:00", "يوم الاثنين"),
    ("relative-dct", W, "وقالت الشرطة أمس إن التحقيق مستمر.", "أمس", "2023-06-13", "dct"),
    ("absolute-none", W, "في عام 2014", "عام 2014", "2014", None),
    ("duration-none", W, "استمر اللقاء 50 دقيقة.", "50 دقيقة", "PT50M", None),
]


@pytest.mark.parametrize(("dct", "text", "span", "value", "anchor"),
                         [pytest.param(*row[1:], id=row[0]) for row in ANCHORS])
def test_anchors(dct: str, text: str, span: str, value: str, anchor: str | None) -> None:
    found = {t.text: t for t in tag("t", text, dt.date.fromisoformat(dct))}
    assert found[span].value == value
    expected = anchor if anchor in (None, "dct") else text.index(anchor)
    assert found[span].anchor == expected


def test_predict_resolves_against_the_dct() -> None:
    system = RulesTimex()
    doc = Document("d1", "وصل الوفد أمس.\nويغادر غدا.", "0" * 64, dct="2022-02-12")
    found = system.predict(doc)
    assert [(t.doc, t.text, t.value, t.anchor) for t in found] == \
        [("d1", "أمس", "2022-02-11", "dct"), ("d1", "غدا", "2022-02-13", "dct")]
    assert system.predict(Document("d2", "أمس", "0" * 64)) == []


NORMALIZE = [
    ("weekday-past", weekday_date(dt.date(2023, 6, 14), 1, -1, False), dt.date(2023, 6, 12)),
    ("weekday-next-strict", weekday_date(dt.date(2023, 6, 14), 3, 1, True), dt.date(2023, 6, 21)),
    ("month-past-year-before", pick_month(dt.date(2022, 2, 12), 11, -1), (2021, 11)),
    ("month-nearest-ahead", pick_month(dt.date(2021, 12, 4), 1, None), (2022, 1)),
    ("day-future", pick_day(dt.date(2021, 12, 4), 1, 10, 1), dt.date(2022, 1, 10)),
    ("leap-day", pick_day(dt.date(2023, 6, 14), 2, 29, None), dt.date(2024, 2, 29)),
    ("iso-week-end-of-year", week_value(dt.date(2021, 12, 30)), "2021-W52"),
    ("compound-duration", duration_value([("H", 1), ("MIN", 40)]), "PT1H40M"),
    ("vague-duration", duration_value([("W", None)]), "PXW"),
    ("decades", duration_value([("DE", 2)]), "P20Y"),
    ("clock-pm", clock_value(7, 0, "pm"), "19:00"),
    ("clock-noon", clock_value(1, 30, "noon"), "13:30"),
    ("clock-quarter-to", clock_value(8, -15, None), "07:45"),
]


@pytest.mark.parametrize(("got", "want"), [pytest.param(g, w, id=n) for n, g, w in NORMALIZE])
def test_normalize(got: object, want: object) -> None:
    assert got == want
