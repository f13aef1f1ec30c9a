"""Tests of the CRF baselines: the ANERcorp reader, the shipped model's spans, the LODO CRF."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from baselines import anercorp
from baselines.arabic import PROCLITICS, lookup_form
from baselines.crf.anercorp import MODEL, AnercorpCRF
from baselines.crf.features import normalize, proclitic_length
from baselines.crf.lodo import SeedCRF
from bench.core.records import Document
from bench.kinds.spans import Span

TINY = (
    "زار B-PERS\n"  # an I- would follow; here a B- then a stray I- of another type
    "  O\n"  # empty token: dropped
    "بوتين\n"  # token without a tag: kept, tagged O
    "موسكو  B-LOC\n"  # two spaces
    ". Oالإصابة O\n"  # tag glued to the next token
    "الصالحية ونايفة O\n"  # two words before one tag
    "فلان XX\n"  # unknown tag
    "وشركة I-ORG\n"  # stray I-: repaired to B-
    "\n"
)


def test_reader_repairs_and_counts_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_text(TINY, encoding="utf-8")
    tokens, issues = anercorp.read_corpus(path)
    assert tokens == [
        ("زار", "B-PERS"),
        ("بوتين", "O"),
        ("موسكو", "B-LOC"),
        (".", "O"),
        ("الإصابة", "O"),
        ("الصالحية ونايفة", "O"),
        ("فلان", "O"),
        ("وشركة", "I-ORG"),
    ]
    assert issues == {
        "empty_token": 1,
        "missing_tag": 1,
        "extra_spaces": 1,
        "glued_tag": 1,
        "space_in_token": 1,
        "unknown_tag": 1,
    }
    tags, changed = anercorp.repair_iob([t for _, t in tokens])
    assert (tags[-1], changed) == ("B-ORG", 1)
    assert anercorp.sentences([w for w, _ in tokens]) == [(0, 4), (4, 8)]


def test_split_sizes_on_the_shipped_corpus() -> None:
    tokens, issues = anercorp.read_corpus()
    train, test = anercorp.split(tokens)
    assert (len(train), len(test)) == (125_102, 25_008)
    assert issues["empty_token"] == 191 and issues["glued_tag"] == 1
    assert tokens[len(tokens) - len(test) - 1][0] == "."  # the test part starts a sentence


def test_type_map() -> None:
    types = anercorp.load_type_map()
    assert types.label("PERS", "بوتين") == "PER"
    assert types.label("LOC", "وروسيا") == "GPE"
    assert types.label("LOC", "وأوروبا") == "LOC"
    assert types.label("LOC", "نهر النيل") == "LOC"
    assert types.label("MISC", "الدولار") is None


def test_proclitic_rule() -> None:
    inside = Counter({normalize(w): 5 for w in ("إسرائيل", "بوتين")} | {"واشنطن": 3})
    anywhere = Counter({normalize(w): 1 for w in ("فرنسا", "وزارة", "واشنطن")})
    assert proclitic_length("وإسرائيل", inside, anywhere) == 1  # stem seen in entities
    assert proclitic_length("وبوتين", inside, anywhere) == 1
    assert proclitic_length("للبيت", inside, anywhere) == 1  # ل + البيت
    assert proclitic_length("وللبيت", inside, anywhere) == 2
    assert proclitic_length("واشنطن", inside, anywhere) == 0  # a name seen whole
    assert proclitic_length("فرنسا", inside, anywhere) == 0
    assert proclitic_length("وزارة", inside, anywhere) == 0  # seen word, unseen stem
    assert proclitic_length("وزيلينسكي", inside, anywhere) == 1  # unseen word


@pytest.mark.skipif(not MODEL.exists(), reason="the shipped model is missing")
def test_anercorp_crf_spans_match_text_and_leave_proclitics_out() -> None:
    text = (
        "قال الرئيس فلاديمير بوتين في موسكو إن روسيا وإسرائيل اتفقتا.\n"
        "وزار وزير الخارجية واشنطن وفرنسا وبريطانيا والأمم المتحدة وللبيت الأبيض."
    )
    doc = Document("t", text, "0")
    system = AnercorpCRF()
    spans = system.predict(doc)
    assert {(s.label, s.text) for s in spans} >= {("GPE", "إسرائيل"), ("PER", "فلاديمير بوتين")}
    inside, _ = system.counts
    for span in spans:
        assert span.text == text[span.start : span.end] and span.doc == "t"
        for clitic in PROCLITICS:
            stem = lookup_form(clitic, span.text[len(clitic) :].split(" ")[0])
            whole = inside[normalize(span.text.split(" ")[0])]
            assert not (span.text.startswith(clitic) and inside[normalize(stem)] > whole), span
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def _doc(doc_id: str, text: str, names: dict[str, str]) -> tuple[Document, list[Span]]:
    """A document and gold spans for every occurrence of each name (name -> label)."""
    spans = []
    for name, label in names.items():
        start = text.find(name)
        while start >= 0:
            spans.append(Span(doc_id, start, start + len(name), label, name))
            start = text.find(name, start + len(name))
    return Document(doc_id, text, "0"), spans


def test_seed_crf_fit_predict_recovers_a_training_name() -> None:
    one, gold_one = _doc(
        "a",
        "قال بوتين إن موسكو مستعدة للحوار. وأكد بوتين ذلك أمس. والتقى بوتين الوزير في موسكو.",
        {"بوتين": "PER", "موسكو": "GPE"},
    )
    two, gold_two = _doc(
        "b",
        "وصل ماكرون إلى باريس أمس. وقال ماكرون إن باريس ترحب بالضيوف. ورد الوزير على ماكرون.",
        {"ماكرون": "PER", "باريس": "GPE"},
    )
    assert gold_one[1].text == "بوتين" and one.text[gold_one[1].start - 1] == " "
    system = SeedCRF()
    assert system.predict(one) == []  # nothing before fit
    system.fit([one, two], gold_one + gold_two)
    test = Document("c", "قال رئيس الوزراء إن وبوتين سيزور باريس.", "0")
    spans = system.predict(test)
    assert Span("c", 21, 26, "PER") in spans  # وبوتين -> بوتين, proclitic left out
    assert Span("c", 33, 38, "GPE") in spans
    assert all(s.text == test.text[s.start : s.end] for s in spans)
    assert not any(s.text.startswith("و") for s in spans)
