"""The site in a real headless Chromium over file://, asserting on the DOM after scripts ran.

Needs Debian's chromium and chromium-driver and the dev extra's selenium. Without them the
tests skip, naming the install command, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.cli import main
from bench.project import open_task

from .conftest import HOSTILE, REPO

INSTALL = "apt-get update && apt-get install -y chromium chromium-driver"


def _find_browser() -> tuple[str, str] | str:
    """(chromium, chromedriver) paths, or why they are not usable."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -e '.[dev]'"
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    browser = next(filter(None, map(shutil.which, names)), None)
    # GitHub's runners keep a matching chromedriver in $CHROMEWEBDRIVER, off the PATH.
    driver = shutil.which("chromedriver") or shutil.which(
        "chromedriver", path=os.environ.get("CHROMEWEBDRIVER", os.defpath))
    if browser is None or driver is None:
        return f"no chromium and chromedriver on PATH: {INSTALL}"
    return browser, driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the whole module."""
    found = _find_browser()
    if isinstance(found, str):
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {found}")
        pytest.skip(found)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--window-size=1300,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(found[1]))
    try:
        yield driver
    finally:
        driver.quit()


def load(driver: Any, page: Path, fragment: str = "") -> None:
    """Open a page over file:// and wait until site.js has run."""
    driver.get(page.as_uri() + fragment)
    assert driver.execute_script("return document.body.dataset.ready") == "yes", page


MARKS = """return Array.from(document.querySelectorAll('[data-start]')).map(e => [
  e.dataset.source, e.dataset.role, Number(e.dataset.start), Number(e.dataset.end),
  e.textContent, !e.closest('section.view').hidden]);"""
MAIN_ROLES = {"mention", "content", "claim"}


def check_document(driver: Any, root: Path, site: Path, task: str, doc_id: str) -> None:
    """Gold marks in the shown view = the document's gold records; every mark's text is the
    article's text at its offsets."""
    data = open_task(root, task)
    text = data.document(doc_id).text
    load(driver, site / task / f"doc-{doc_id}.html")
    marks = driver.execute_script(MARKS)
    for source, role, start, end, shown, _ in marks:
        assert shown == text[start:end], (task, doc_id, source, role, start, end)
    gold = [m for m in marks if m[0] == "gold" and m[1] in MAIN_ROLES and m[5]]
    claims = getattr(data.kind, "claims", None)
    expected = ([c for c in claims.values() if c.doc == doc_id] if claims is not None
                else [g for g in data.gold if data.kind.locate(g)[0] == doc_id])
    assert len(gold) == len(expected), (task, doc_id)


FIXTURE_PAGES = [(task, doc) for task in ("ner", "dates", "quotes") for doc in ("a", "b")]


@pytest.mark.parametrize(("task", "doc"), FIXTURE_PAGES, ids=[f"{t}-{d}" for t, d in FIXTURE_PAGES])
def test_fixture_documents(browser: Any, fixture_site: Path, task: str, doc: str) -> None:
    check_document(browser, fixture_site, fixture_site / "reports" / "site", task, doc)


REAL_TASKS = ["ner", "dates", "quotes", "conflicts", "anercorp"]


@pytest.mark.parametrize("task", REAL_TASKS)
def test_real_documents_and_screenshots(browser: Any, real_site: Path, task: str) -> None:
    doc = open_task(REPO, task).documents[0].id
    check_document(browser, REPO, real_site, task, doc)
    shots = Path(os.environ.get("BENCH_SCREENSHOTS") or real_site / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(shots / f"{task}.png"))


def visible(driver: Any, selector: str) -> int:
    return int(driver.execute_script(
        f"return Array.from(document.querySelectorAll('{selector}'))"
        ".filter(e => e.offsetParent !== null).length;"))


def test_filters_change_what_is_visible(browser: Any, real_site: Path) -> None:
    load(browser, real_site / "ner" / "errors-3-crf-anercorp.html")
    total = visible(browser, "li[data-status]")
    missed = visible(browser, "li[data-status=missed]")
    assert 0 < missed < total
    browser.find_element("css selector", "input[data-filter-status=missed]").click()
    assert visible(browser, "li[data-status]") == total - missed
    assert browser.find_element("css selector", ".visible-count").text == str(total - missed)
    browser.find_element("css selector", "input[data-filter-status=missed]").click()
    assert visible(browser, "li[data-status]") == total


def test_an_error_links_to_its_place(browser: Any, real_site: Path) -> None:
    load(browser, real_site / "ner" / "errors-2-lexicon.html")
    href = browser.find_element("css selector", "li[data-status=missed] a.ctx") \
        .get_attribute("href")
    page, fragment = href.split("#")
    load(browser, Path(page.removeprefix("file://")), "#" + fragment)
    target = browser.find_element("id", fragment)
    assert "flash" in target.get_attribute("class") and target.is_displayed()
    assert target.get_attribute("data-status") == "missed"
    assert browser.execute_script("return document.querySelector('select.view-select').value") \
        == "2"


def compare_row(capsys: pytest.CaptureFixture[str], a: str, b: str, task: str) -> list[str]:
    assert main(["--root", str(REPO), "compare", a, b, "--task", task]) == 0
    lines = capsys.readouterr().out.splitlines()
    return re.split(r"\s{2,}", lines[2].strip())


@pytest.mark.parametrize(("b_index", "b_name"), [("2", "lexicon"), ("3", "crf-anercorp")],
                         ids=["adjacent", "two-apart"])
def test_two_system_view_matches_bench_compare(browser: Any, real_site: Path, b_index: str,
                                              b_name: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from selenium.webdriver.support.ui import Select

    load(browser, real_site / "ner" / "compare.html")
    Select(browser.find_element("css selector", "select[data-side=b]")).select_by_value(b_index)
    section = browser.find_element("css selector", f"section.pair[data-pair='1-{b_index}']")
    assert section.is_displayed()
    cells = [section.find_element("css selector", f".{c}").text
             for c in ("score-a", "score-b", "delta", "ci", "p-bootstrap", "p-randomization")]
    row = compare_row(capsys, "crf-lodo", b_name, "ner")
    assert cells == row[1:7]
    assert "right in A, wrong in B" in section.text


def test_leaderboard_sorts_by_a_column(browser: Any, real_site: Path) -> None:
    load(browser, real_site / "index.html")
    table = "#task-ner table"
    names = f"return Array.from(document.querySelectorAll('{table} tbody tr td:nth-child(3)'))" \
            ".map(td => td.textContent.trim());"
    ranked = browser.execute_script(names)
    browser.find_element("css selector", f"{table} th:nth-child(3)").click()
    assert browser.execute_script(names) == sorted(ranked)
    browser.find_element("css selector", f"{table} th:nth-child(6)").click()
    assert browser.execute_script(names) == list(reversed(ranked))


def test_a_hostile_system_name_cannot_run_script(browser: Any, fixture_site: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    site = fixture_site / "reports" / "site"
    errors = next((site / "ner").glob("errors-*hostile*.html"))
    for page in (site / "index.html", site / "ner" / "doc-a.html", errors,
                 site / "ner" / "compare.html"):
        load(browser, page)
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open
        scripts = browser.execute_script(
            "return Array.from(document.scripts).map(s => s.getAttribute('src'));")
        assert [s.rsplit("/", 1)[-1] for s in scripts] == ["site.js"]
        if page.name == "index.html":  # the markup rides in the version and resources
            assert HOSTILE in browser.find_element("tag name", "body").text
        assert not browser.find_elements("css selector", "img[onerror]")
