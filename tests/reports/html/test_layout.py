"""Layers of marks: every mark drawn once, each layer the whole text, no overlaps in a layer."""

from __future__ import annotations

import pytest

from bench.reports.html.judges import Mark
from bench.reports.html.layout import layers, slug, snippet

TEXT = "abcdefghij\nklmnop"
CASES = {
    "none": [],
    "disjoint": [(0, 2), (3, 5)],
    "crossing": [(0, 4), (2, 6), (5, 8)],
    "nested": [(0, 10), (2, 3), (2, 3)],
    "across-lines": [(8, 14)],
}


@pytest.mark.parametrize("spans", CASES.values(), ids=CASES.keys())
def test_layers(spans: list[tuple[int, int]]) -> None:
    marks = [Mark("d", s, e, "mention", "X") for s, e in spans]
    result = layers(TEXT, marks)
    assert result
    drawn = []
    for layer in result:
        assert "".join(p.text for p in layer) == TEXT
        mine = [p.mark for p in layer if p.mark is not None]
        assert all(a.end <= b.start for a, b in zip(mine, mine[1:], strict=False))
        drawn += [(m.start, m.end) for m in mine]
        assert all(p.text == TEXT[p.mark.start:p.mark.end] for p in layer if p.mark)
    assert sorted(drawn) == sorted(spans)


def test_snippet_stays_in_its_paragraph() -> None:
    s = snippet(TEXT, 12, 14)
    assert (s.before, s.span, s.after) == ("k", "lm", "nop")


@pytest.mark.parametrize(("name", "expected"), [("crf-lodo", "crf-lodo"), ("a/b c", "a-b-c"),
                                                ("<script>", "script"), ("..", "x")],
                         ids=["plain", "slash", "markup", "dots"])
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected
