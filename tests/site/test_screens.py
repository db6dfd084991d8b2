"""Every page type of the registry on a phone and a desktop, in both palettes: it fits, says
when a table scrolls, passes axe-core, and can be used from the keyboard alone."""

from __future__ import annotations

import os
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browser import serve_directory
from factories import mkdocs_build, valid_sheet, write_project
from playwright.sync_api import Browser, Page

from macros.collections import load_dataset
from macros.model import Dataset
from macros.pages import NAV_SECTION_LIMIT, REGISTRY, PageType
from macros.render import url_directory


def type_name(page_type: PageType) -> str:
    return page_type.template.removesuffix(".md.j2").replace("_", " ")


PAGE_TYPES = {type_name(page_type): page_type for page_type in REGISTRY}
# What the first page of a type does not show: code samples in tabs, and the compare page
# with frameworks picked (drawn by the browser).
STATES = ("criterion with a sample", "compare with three picked")
WIDTHS = (390, 1440)  # a phone, a desktop
SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Served:
    dataset: Dataset
    url: str


def first_page(page_type: PageType, dataset: Dataset) -> str | None:
    """The address of the type's first page, relative to the site root; None if it has none."""
    instance = next(iter(page_type.instances(dataset)), None)
    return url_directory(instance.path).lstrip("/") if instance else None


def state_page(name: str, dataset: Dataset) -> str:
    if name == "criterion with a sample":
        return f"criteria/{next(criterion.id for criterion in dataset.criteria if criterion.sample)}/"
    return "compare/?f=" + ",".join(framework.slug for framework in dataset.frameworks[:3])


@pytest.fixture(scope="session")
def crowded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A synthetic site with more frameworks than the sidebar lists, served: for the page
    types only such a site has (the list of all frameworks)."""
    letters = string.ascii_lowercase
    names = [f"Frame{letters[index // 26]}{letters[index % 26]}" for index in range(NAV_SECTION_LIMIT + 1)]
    sheets = {name.lower(): valid_sheet(name.lower(), name) for name in names}
    root = write_project(tmp_path_factory.mktemp("crowded") / "project", sheets)
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    with serve_directory(root / "site") as url:
        yield Served(load_dataset(root), url)


@pytest.fixture
def representative(request: pytest.FixtureRequest, dataset: Dataset, base_url: str) -> Callable[[str], str]:
    """The full address of a page type's first page (or of a state): on the real site, or on
    the crowded one for a type the real site has no page of."""

    def url(name: str) -> str:
        if name in STATES:
            return base_url + state_page(name, dataset)
        path = first_page(PAGE_TYPES[name], dataset)
        if path is not None:
            return base_url + path
        crowded: Served = request.getfixturevalue("crowded_site")
        path = first_page(PAGE_TYPES[name], crowded.dataset)
        assert path is not None, f"no {name} page even at {len(crowded.dataset.frameworks)} frameworks"
        return crowded.url + path

    return url


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

    def open_(address: str, width: int, scheme: str = "light") -> Page:
        """Open `address`: a path on the real site, or a full URL."""
        page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
        pages.append(page)
        page.goto(urljoin(base_url, address))
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)  # the theme wraps tables, our script marks the wide ones
        return page

    yield open_
    for page in pages:
        page.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", [*PAGE_TYPES, *STATES])
def test_page_fits_cues_its_wide_tables_and_passes_axe(
    open_page, representative: Callable[[str], str], name: str, width: int, scheme: str
) -> None:
    page = open_page(representative(name), width, scheme)
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(UNANNOUNCED_SCROLL) == []
    page.evaluate(axe_script().read_text(encoding="utf-8"))  # not a <script>: the policy blocks that
    assert page.evaluate(AXE) == []


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
    page = open_page("frameworks/aiohttp/", 1440)  # a verdict's citations, and the status block's notes
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
