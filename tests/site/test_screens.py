"""Every page type on a phone and a desktop, in both palettes: it fits, says when a table
scrolls, passes axe-core, and can be used from the keyboard alone."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

PAGE_TYPES = {
    "home": "",
    "guide": "guide/",
    "framework": "frameworks/django/",
    "criterion": "criteria/security/",
    "criterion with samples": "criteria/hello-world/",
    "pair": "compare/django-vs-flask/",
    "compare": "compare/?f=django,flask,litestar",
    "matrix": "features/",
    "criteria index": "criteria/",
    "sources": "sources/",
    "review": "review/",
    "api": "api/",
}

# Elements allowed past the right edge: content of scroll regions that announce themselves
# (code, tab labels, a table with a cue), and the hidden body of a closed citation or note.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  return Array.from(document.querySelectorAll('.md-content *')).filter(element => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) return false;
    if (element.closest('pre, .tabbed-labels, .md-typeset__scrollwrap[role=region]')) return false;
    return !(element.closest('details:not([open])') && !element.closest('summary'));
  }).map(element => element.tagName + '.' + element.className).slice(0, 10);
}"""

UNANNOUNCED_SCROLL = """() => Array.from(
    document.querySelectorAll('.md-typeset__scrollwrap, .compare-output .table-scroll'))
  .filter(box => box.scrollWidth > box.clientWidth + 1)
  .filter(box => { const cue = box.previousElementSibling;
    return !(cue && cue.classList.contains('scroll-cue') && cue.offsetParent !== null); })
  .map(box => box.parentElement.className)"""

AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ' (' + v.nodes.length + '): ' + v.nodes[0].target.join(' '));
}"""


def axe_script() -> Path:
    path = Path(os.environ.get("AXE_SCRIPT", ".venv/node/node_modules/axe-core/axe.min.js"))
    assert path.is_file(), "axe-core is missing: scripts/test installs it (npm install axe-core)"
    return path


@pytest.fixture
def open_page(browser: Browser, base_url: str) -> Iterator[object]:
    pages: list[Page] = []

    def open_(path: str, width: int, scheme: str = "light") -> Page:
        page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
        pages.append(page)
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)  # the theme wraps tables, our script marks the wide ones
        return page

    yield open_
    for page in pages:
        page.close()


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_nothing_in_the_content_is_wider_than_a_phone(open_page, path: str) -> None:
    page = open_page(path, 390)
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_table_is_cut_on_a_desktop_without_a_cue(open_page, path: str) -> None:
    page = open_page(path, 1440)
    assert page.evaluate(UNANNOUNCED_SCROLL) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_axe_finds_no_serious_or_critical_violation(open_page, path: str, scheme: str) -> None:
    page = open_page(path, 1440, scheme)
    page.add_script_tag(path=str(axe_script()))
    assert page.evaluate(AXE) == []


def test_axe_on_a_phone_too(open_page) -> None:
    for path in ("compare/django-vs-flask/", "criteria/security/", "compare/?f=django,flask,litestar"):
        page = open_page(path, 390)
        page.add_script_tag(path=str(axe_script()))
        assert page.evaluate(AXE) == [], path


def test_comparisons_on_a_phone_show_every_framework_as_labelled_cards(open_page) -> None:
    page = open_page("compare/django-vs-flask/", 390)
    cells = page.locator(".key-differences td[data-label]")
    labels = set(cells.evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)"))
    assert labels == {'"Django"', '"Flask"'}
    assert all(cell.is_visible() for cell in cells.all()[:4])


def tab_stops(page: Page, count: int) -> list[dict[str, str]]:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate("""() => { const e = document.activeElement;
          return {tag: e.tagName, id: e.id, cls: e.className || '', text: (e.innerText || e.value || '').slice(0, 40),
                  inDrawer: !!e.closest('.md-sidebar--primary')}; }""")
        )
    return stops


def test_keyboard_on_a_phone_reaches_search_and_skips_the_closed_drawer(open_page) -> None:
    page = open_page("criteria/security/", 390)
    stops = tab_stops(page, 12)
    assert not [stop for stop in stops if stop["inDrawer"]]
    assert any("md-search" in stop["cls"] or stop["tag"] == "LABEL" for stop in stops[:6])


def test_keyboard_reaches_the_compare_controls(open_page) -> None:
    page = open_page("compare/?f=django,flask", 1440)
    stops = tab_stops(page, 60)
    assert any(stop["tag"] == "INPUT" and stop["id"].startswith("pick-") for stop in stops)


def test_keyboard_opens_every_note_and_citation(open_page) -> None:
    page = open_page("criteria/security/", 1440)
    summary = page.locator("#security--aiohttp details.cite > summary").first
    summary.focus()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    body = page.locator("#security--aiohttp details.cite .cite-body").first
    assert not body.is_visible()
    page.keyboard.press("Enter")
    assert body.is_visible() and "as of" in body.inner_text()
    notes = page.locator("details.note > summary")
    assert notes.count() > 0
    notes.first.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.note .note-body").first.is_visible()


def test_edit_links_are_completed_in_the_browser(open_page) -> None:
    page = open_page("frameworks/flask/", 1440)
    link = page.locator("#identity--flask a.edit-fact").first
    href = link.get_attribute("href")
    assert href and href.startswith("https://github.com/") and "/data/frameworks/flask.yml#L" in href
