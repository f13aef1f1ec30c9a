"""bench report --html without a browser: files, determinism, escaping, offline, refusals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.cli import main
from bench.project import load_specs
from bench.reports.html import MARKER, render_site

from .conftest import HOSTILE, REPO


def pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_fixture_site_has_every_page(fixture_site: Path) -> None:
    names = set(pages(fixture_site / "reports" / "site"))
    expected = {"index.html", "site.css", "site.js", MARKER, "charts/ner.svg", "ner/compare.html",
                "ner/doc-a.html", "ner/doc-b.html", "dates/doc-a.html", "quotes/doc-b.html",
                "dates/compare.html", "quotes/errors-1-cue-rules.html"}
    assert expected <= names
    assert any(re.fullmatch(r"ner/errors-\d-hostile\.html", n) for n in names)


def test_rendering_again_gives_identical_bytes(fixture_site: Path) -> None:
    site = fixture_site / "reports" / "site"
    before = pages(site)
    assert render_site(fixture_site, load_specs(fixture_site)) == before
    assert main(["--root", str(fixture_site), "report", "--html"]) == 0
    assert pages(site) == before


def test_a_hostile_system_name_is_text_not_markup(fixture_site: Path) -> None:
    site = pages(fixture_site / "reports" / "site")
    html = {name: text for name, text in site.items() if name.endswith(".html")}
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in text for text in html.values())
    for name, text in html.items():
        assert HOSTILE not in text and "<img src=x" not in text, name
        scripts = re.findall(r"<script\b[^>]*>", text)
        assert scripts == [f'<script src="{"../" if "/" in name else ""}site.js" defer>'], name


def test_the_site_needs_no_network(fixture_site: Path) -> None:
    for name, text in pages(fixture_site / "reports" / "site").items():
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text), name
        assert "@import" not in text and "url(" not in text.replace("url(#", ""), name


def test_a_folder_bench_did_not_write_is_refused(fixture_site: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    assert main(["--root", str(fixture_site), "report", "--html", str(foreign)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "is not a site written by bench report --html" in err
    assert (foreign / "notes.txt").read_text() == "keep me"
    fresh = tmp_path / "fresh"
    assert main(["--root", str(fixture_site), "report", "--html", str(fresh)]) == 0
    assert (fresh / "index.html").is_file() and (fresh / MARKER).is_file()


def test_every_article_layer_holds_the_whole_text(fixture_site: Path) -> None:
    text = (fixture_site / "seeds" / "a.txt").read_text(encoding="utf-8")
    page = (fixture_site / "reports" / "site" / "ner" / "doc-a.html").read_text(encoding="utf-8")
    for layer in re.findall(r'<div class="layer [^"]*"[^>]*>(.*?)</div>', page, flags=re.S):
        plain = re.sub(r"<[^>]+>", "", layer)
        assert plain.replace("&#34;", '"').replace("&#39;", "'").replace("&lt;", "<") \
            .replace("&gt;", ">").replace("&amp;", "&") == text


def test_the_real_sites_pages_are_byte_identical_on_re_render(real_site: Path) -> None:
    specs = [s for s in load_specs(REPO) if s.name == "quotes"]
    again = {name: text for name, text in render_site(REPO, specs).items()
             if name.startswith("quotes/")}
    assert len(again) > 5
    assert again == {name: (real_site / name).read_text(encoding="utf-8") for name in again}


def test_a_project_without_run_records_gets_gold_only_pages(project: Path) -> None:
    files = render_site(project, load_specs(project))
    assert "No run records yet: <code>bench run --task ner</code>." in files["index.html"]
    page = files["ner/doc-a.html"]
    assert page.count('data-source="gold"') == 6 and 'class="view-select"' not in page
    assert not any(name.startswith(("ner/errors-", "ner/compare")) for name in files)


def test_element_ids_are_unique_on_every_page(fixture_site: Path, real_site: Path) -> None:
    for site in (fixture_site / "reports" / "site", real_site):
        for page in sorted(site.rglob("*.html")):
            ids = re.findall(r' id="([^"]+)"', page.read_text(encoding="utf-8"))
            assert len(ids) == len(set(ids)), page


def test_every_link_reaches_a_file_and_an_element(fixture_site: Path, real_site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    for site in (fixture_site / "reports" / "site", real_site):
        for page in sorted(site.rglob("*.html")):
            text = page.read_text(encoding="utf-8")
            for href in re.findall(r'(?:href|src)="([^"]+)"', text):
                name, _, fragment = href.partition("#")
                target = (page.parent / name).resolve() if name else page
                assert target.is_file() and site.resolve() in target.parents, (page, href)
                if fragment and target.suffix == ".html":
                    if target not in ids:
                        found = re.findall(r' id="([^"]+)"', target.read_text(encoding="utf-8"))
                        ids[target] = set(found)
                    assert fragment in ids[target], (page, href)
