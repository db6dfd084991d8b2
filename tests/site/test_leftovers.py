"""Issue 21's leftovers: contrast of 'needs review' on highlighted rows, scrolling code that the
keyboard reaches, and the wording of a framework page's feature lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser
from test_screens import AXE, axe_script

PAGES = ("criteria/async/", "criteria/tooling/", "criteria/hello-world/", "criteria/templating/", "frameworks/django/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1440])
@pytest.mark.parametrize("path", PAGES)
def test_pages_with_highlighted_rows_and_samples_pass_axe(
    browser: Browser, base_url: str, path: str, width: int, scheme: str
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)
        page.evaluate(axe_script().read_text(encoding="utf-8"))
        assert page.evaluate(AXE) == []
    finally:
        page.close()


def test_feature_lines_of_a_framework_page_read_as_sentences(site_dir: Path) -> None:
    html = (site_dir / "frameworks/bottle/index.html").read_text(encoding="utf-8")
    assert "Built in in" not in html
    assert '<p class="by-level">Bottle, built in: URL routing' in html


@pytest.mark.parametrize("path", ["compare/django-vs-flask/", "compare/fastapi-vs-litestar/"])
def test_pair_pages_on_a_phone_pass_axe(browser: Browser, base_url: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    try:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)
        page.evaluate(axe_script().read_text(encoding="utf-8"))
        assert page.evaluate(AXE) == []
    finally:
        page.close()


def test_the_compare_page_names_its_frameworks_and_copies_its_link(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    try:
        page.goto(base_url + "compare/?f=django,flask,litestar")
        page.locator(".compare-table").wait_for()
        assert page.title().startswith("Django, Flask and Litestar compared - ")
        page.get_by_role("button", name="Copy link").click()
        page.wait_for_function("document.querySelector('.compare-status').textContent.includes('Link copied')")
        assert page.evaluate("navigator.clipboard.readText()") == page.url
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1440])
@pytest.mark.parametrize("path", ["features/", "compare/"])
def test_without_javascript_wide_tables_do_not_widen_the_page(
    browser: Browser, base_url: str, path: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + path)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        if path == "compare/":  # the pair grid scrolls in its box, and says so
            grid = page.locator(".compare-grid")
            if grid.evaluate("box => box.scrollWidth > box.clientWidth"):
                assert page.locator(".scroll-cue").is_visible()
    finally:
        context.close()
