"""Framework pages' footprint and Python versions per release series, on the real site: present for
every framework, and readable in a real browser on a phone (390 px, tables as labelled cards) and a
desktop (1440 px), with no sideways scrolling even with the method opened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page
from test_screens import AXE, OVERFLOWING, axe_script

from macros.model import Dataset
from macros.views_footprint import ANCHOR


def test_every_framework_page_shows_its_footprint_and_python_series(site_dir: Path, dataset: Dataset) -> None:
    for framework in dataset.frameworks:
        html = (site_dir / "frameworks" / framework.slug / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find("h2", id=ANCHOR) is not None, framework.slug  # where the compare page links
        rows = [row.th.get_text(strip=True) for row in soup.select(".footprint-figures tr")]
        assert rows == ["Distributions", "Installed size", "Import time", "Typing"], framework.slug
        history = next(item for item in dataset.releases if item.framework == framework.slug)
        read = any(release.classifiers is not None for release in history.releases)  # refresh_releases read them
        assert bool(soup.select(".python-series tbody tr")) == read, framework.slug
    django = BeautifulSoup((site_dir / "frameworks/django/index.html").read_text(encoding="utf-8"), "html.parser")
    series = {row.th.get_text(strip=True): row for row in django.select(".python-series tbody tr")}
    assert ">=3.8" in series["4.2"].get_text() and ">=3.12" in series["6.1"].get_text()


@pytest.fixture
def open_page(browser: Browser, base_url: str) -> Iterator[object]:
    pages: list[Page] = []

    def open_(address: str, width: int) -> Page:
        page = browser.new_page(viewport={"width": width, "height": 900})
        pages.append(page)
        page.goto(urljoin(base_url, address))
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)
        return page

    yield open_
    for page in pages:
        page.close()


@pytest.mark.parametrize("width", [390, 1440])
@pytest.mark.parametrize("slug", ["fastapi", "litestar"])
def test_the_section_fits_and_reads_at_phone_and_desktop_widths(open_page, slug: str, width: int) -> None:
    page = open_page(f"frameworks/{slug}/#footprint", width)
    page.locator(".footprint-method summary").click()  # the method, with its long commands
    for summary in page.locator(".footprint details.cite summary, .python-series-note details.cite summary").all():
        summary.click()
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    figures = page.locator(".footprint-figures td")
    assert figures.count() == 4 and all(cell.is_visible() for cell in figures.all())
    cells = page.locator(".python-series td[data-label]")
    labels = cells.evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    if width < 720:  # one card per series, each value labelled
        assert set(labels) == {'"Latest release"', '"Requires-Python"', '"Classifiers"'}
    else:  # a table with its column heads
        assert set(labels) == {"none"}
        assert page.locator(".python-series thead th").first.is_visible()
    for cell in cells.all():
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
        assert page.evaluate("e => parseFloat(getComputedStyle(e).fontSize)", cell.element_handle()) >= 11
    page.evaluate(axe_script().read_text(encoding="utf-8"))
    assert page.evaluate(AXE) == []
