"""Escaping at every output: the nasty names stay text in Markdown, HTML, SVG and the README."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.cli import main
from bench.core.escape import (
    END,
    START,
    html_text,
    md_cell,
    md_link,
    md_text,
    readme_block,
    xml_text,
)

NASTY = ["a|b", "two\nlines", "<script>alert(1)</script>", "[x](javascript:alert(1))",
         START, END, "$\\frac{$", "<!-- c -->"]


@pytest.mark.parametrize("text", NASTY, ids=["pipe", "newline", "html", "link", "start",
                                             "end", "mathtext", "comment"])
def test_markdown_escapes_hold(text: str) -> None:
    for out in (md_text(text), md_cell(text)):
        assert "\n" not in out and "<" not in out and "](" not in out.replace("\\](", "")
        assert "|" not in out.replace("\\|", "")
    assert "<" not in html_text(text) and "<" not in xml_text(text)
    assert START not in readme_block(f"x {text} y") and END not in readme_block(f"x {text} y")


@pytest.mark.parametrize(("target", "expected"), [
    ("ner.md", "[label](ner.md)"), ("charts/ner.svg", "[label](charts/ner.svg)"),
    ("https://example.org/x", "[label](https://example.org/x)"),
    ("javascript:alert(1)", "label"), ("data:text/html,x", "label"), ("a b)(c", "label"),
], ids=["page", "chart", "https", "javascript", "data", "parens"])
def test_links_only_go_to_safe_targets(target: str, expected: str) -> None:
    assert md_link("label", target) == expected


def test_every_renderer_keeps_nasty_text_inert(project: Path) -> None:
    assert main(["run", "--task", "ner", "--system", "tests.toy_systems:DictionaryTagger"]) == 0
    record_file = project / "reports/runs/ner/toy-dict.json"
    record = json.loads(record_file.read_text(encoding="utf-8"))
    record["system"]["version"] = "1|<b>x</b>\n" + END
    record["system"]["resources"] = NASTY
    record_file.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    readme = project / "README.md"
    readme.write_text(f"# x\n\n{START}\n{END}\n\ntail\n", encoding="utf-8")
    for _ in range(2):  # publishing twice works: the markers stay one pair
        assert main(["report", "--publish", str(readme)]) == 0
        text = readme.read_text(encoding="utf-8")
        assert text.count(START) == 1 and text.count(END) == 1 and text.endswith("tail\n")
    for path in [readme, *sorted((project / "reports").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text and "<b>" not in text
        assert not re.search(r"(?<!\\)\]\(javascript:", text)  # an escaped \] opens no link
        rows = [line for line in text.splitlines() if line.startswith("| ")]
        assert len({line.replace("\\|", "").count("|") for line in rows if "toy-dict" in line}) \
            <= 1, path
    svg = (project / "reports/charts/ner.svg").read_text(encoding="utf-8")
    assert "<script" not in svg
