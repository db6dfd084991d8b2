"""Contributor text is data: a hostile fact sheet must come out as literal text everywhere."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import chromium, serve_directory
from bs4 import BeautifulSoup
from conftest import mkdocs_build
from factories import valid_sheet, write_project

SCRIPT = "<script>alert('tagline')</script>"
IMG = "<img src=x onerror=alert('pro')>"
MD_LINK = "[click me](javascript:alert('claim'))"
JINJA = "{{ 7 * 7 }} {% if true %}evaluated{% endif %}"
BREAKOUT = "\" onmouseover=\"alert('attribute')"
CLOSE_TAGS = "</td></tr></table><svg onload=alert('packages')>"
SNIPPET = 'before\n--8<-- "mkdocs.yml"\nafter'
MARKDOWN = "**bold** _em_ <b>tag</b> &amp; entity"


def hostile_sheet() -> dict:
    sheet = valid_sheet("evil", "Evil")
    sheet["tagline"] = SCRIPT
    sheet["pros"] = [IMG, MARKDOWN]
    sheet["cons"] = [SNIPPET]
    sheet["criteria"]["security"]["claims"][0]["text"] = MD_LINK
    sheet["criteria"]["security"]["summary"] = JINJA
    sheet["features"]["orm"] = {
        "level": "third-party",
        "packages": [CLOSE_TAGS],
        "note": BREAKOUT,
        "source": 'https://example.org/a?b=<c>&d="e"',
        "as_of": "2026-01-15",
    }
    sheet["metrics"]["github-stars"]["method"] = BREAKOUT
    sheet["notable_users"][0]["organisation"] = SCRIPT
    sheet["use_cases"]["good_fit"] = [JINJA]
    return sheet


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp("hostile") / "project", {"evil": hostile_sheet(), "alpha": valid_sheet()}
    )
    out = root / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


def pages(site: Path) -> Iterator[tuple[Path, BeautifulSoup]]:
    for html in sorted(site.rglob("*.html")):
        yield html, BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def test_no_injected_element_or_attribute_on_any_page(hostile_site: Path) -> None:
    for html, soup in pages(hostile_site):
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, f"{html}: {element.name} has {handlers}"
            for name in ("href", "src"):
                assert not str(element.get(name, "")).lower().startswith("javascript:"), f"{html}: {element}"
        assert not soup.find_all(["img", "svg"], src=True)
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text()], html
        assert not soup.find_all("b", string="tag"), html


def test_hostile_values_show_up_as_literal_text(hostile_site: Path) -> None:
    soup = BeautifulSoup((hostile_site / "frameworks/evil/index.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text()
    for value in (SCRIPT, IMG, MD_LINK, JINJA, CLOSE_TAGS, MARKDOWN):
        assert value in text, value
    assert "49" not in soup.find(id="security--evil").get_text()
    # A value that tries to pull a file in through the snippets extension stays text.
    assert "--8<--" in text and "site_name:" not in text


def test_search_index_keeps_hostile_text_escaped(hostile_site: Path) -> None:
    raw = (hostile_site / "search/search_index.json").read_text(encoding="utf-8")
    for doc in json.loads(raw)["docs"]:
        assert "<script>alert" not in doc["text"] and "<img src=x" not in doc["text"], doc["location"]


def test_search_results_in_a_real_browser_run_no_injected_script(hostile_site: Path) -> None:
    with serve_directory(hostile_site) as base_url, chromium() as browser:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base_url + "frameworks/evil/")
        page.locator("input.md-search__input").click()
        page.keyboard.type("alert", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        page.mouse.move(300, 300)
        page.wait_for_timeout(500)
        assert dialogs == []
        assert page.locator(".md-search-result img, .md-search-result svg[onload]").count() == 0


def test_json_api_carries_hostile_text_inertly(hostile_site: Path) -> None:
    raw = (hostile_site / "api/frameworks/evil.json").read_text(encoding="utf-8")
    assert "<" not in raw
    assert json.loads(raw)["tagline"] == SCRIPT
