"""Results show where the reader is and are announced in one short line (issue 21): the guide's
summary beside its controls, the ranking in view on a desktop, short live regions, and tables
that scroll with the page instead of inside a second box."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

LIVE_REGIONS = """() => Array.from(document.querySelectorAll(
    '.md-content [aria-live], .md-content [role=status], .md-content [role=alert], .md-content output'))
  .filter(node => !node.matches('output[for]'))
  .map(node => node.textContent.trim().split(/\\s+/).filter(Boolean).length)"""

IN_VIEW = """selector => { const box = document.querySelector(selector).getBoundingClientRect();
  return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight; }"""

NESTED_SCROLL = """() => Array.from(document.querySelectorAll('.md-content *')).filter(node => {
  const style = getComputedStyle(node);
  return ['auto', 'scroll'].includes(style.overflowY) && node.scrollHeight > node.clientHeight + 1;
}).map(node => node.className)"""


@pytest.fixture
def tab(browser: Browser) -> Iterator[object]:
    pages: list[Page] = []

    def open_(path: str, width: int, base_url: str) -> Page:
        page = browser.new_page(viewport={"width": width, "height": 800})
        pages.append(page)
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        return page

    yield open_
    for page in pages:
        page.close()


@pytest.mark.parametrize("width", [390, 1440])
def test_a_guide_answer_shows_its_result_beside_the_control(tab, base_url: str, width: int) -> None:
    page = tab("guide/", width, base_url)
    page.locator(".ranking").wait_for()
    choice = page.locator("input[name=need-data][value=must]")
    choice.scroll_into_view_if_needed()
    choice.check()
    top = page.locator(".ranking > li").first.locator("a").first.inner_text()
    summary = page.locator(".guide-summary")
    assert page.evaluate(IN_VIEW, ".guide-summary"), "the result line is off-screen"
    assert summary.inner_text().startswith(f"Best fit: {top} (")
    assert len(summary.inner_text().split()) <= 20
    assert all(words <= 30 for words in page.evaluate(LIVE_REGIONS))
    if width >= 1440:  # beside the questions, the ranking's head stays in view
        page.locator("input[name=knows]").last.scroll_into_view_if_needed()
        page.locator("input[name=knows]").last.check()
        assert page.evaluate(IN_VIEW, ".ranking > li:first-child > a")


def test_a_compare_change_announces_one_short_line(tab, base_url: str) -> None:
    page = tab("compare/?f=django,flask,litestar", 1440, base_url)
    page.locator(".compare-table").wait_for()
    page.locator("#pick-fastapi").check()
    status = page.locator(".compare-status").inner_text()
    assert status.startswith("Comparing Django, FastAPI, Flask and Litestar: ")
    words = page.evaluate(LIVE_REGIONS)
    assert words and all(count <= 30 for count in words), words
    page.get_by_label("Differences only").check()
    assert "rows that differ" in page.locator(".compare-status").inner_text()


@pytest.mark.parametrize("width", [390, 1440])
@pytest.mark.parametrize("path", ["features/", "compare/?f=django,flask,litestar"])
def test_tables_scroll_with_the_page_not_in_a_box_of_their_own(tab, base_url: str, path: str, width: int) -> None:
    page = tab(path, width, base_url)
    page.wait_for_timeout(200)
    assert page.evaluate(NESTED_SCROLL) == []
    if path == "features/" and width == 1440:  # still wider than the page: the cue says so
        assert page.locator(".scroll-cue").first.is_visible()
