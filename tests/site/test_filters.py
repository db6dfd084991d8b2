"""Filters change what is rendered at every width (issue 21): the phone's card layout must not
show rows or cells the matrix filters or compare's "Differences only" have hidden, and the
status line counts what is on screen."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

WIDTHS = (390, 1440)  # a phone (cards), a desktop (a table)

RENDERED_ROWS = """selector => Array.from(document.querySelectorAll(selector))
  .filter(row => row.getClientRects().length > 0 && getComputedStyle(row).visibility !== 'hidden').length"""


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": request.param, "height": 900})
    yield page
    page.close()


def shown(page: Page) -> tuple[int, int]:
    """What the matrix's status line says: (shown, total)."""
    text = page.locator(".matrix-status").inner_text()
    match = re.fullmatch(r"(\d+) of (\d+) features shown\.", text)
    assert match, text
    return int(match[1]), int(match[2])


def test_the_matrix_category_and_level_filters_hide_rows_and_the_status_counts_them(page: Page, base_url: str) -> None:
    page.goto(base_url + "features/")
    page.locator(".matrix-status").wait_for()
    total = page.locator("#matrix-table tbody tr").count()
    assert shown(page) == (total, total)
    assert page.evaluate(RENDERED_ROWS, "#matrix-table tbody tr") == total

    category = page.locator("#matrix-category option").nth(1).get_attribute("value")
    page.select_option("#matrix-category", category)
    count, _ = shown(page)
    assert 0 < count < total
    assert page.evaluate(RENDERED_ROWS, "#matrix-table tbody tr") == count
    assert page.evaluate(RENDERED_ROWS, f'#matrix-table tbody tr:not([data-category="{category}"])') == 0

    page.select_option("#matrix-category", "")
    page.select_option("#matrix-level", "none")
    count, _ = shown(page)
    assert 0 < count < total
    assert page.evaluate(RENDERED_ROWS, "#matrix-table tbody tr") == count


def test_unticked_matrix_columns_are_not_rendered(page: Page, base_url: str) -> None:
    page.goto(base_url + "features/")
    cells = "#matrix-table td[data-level]:nth-child(3)"  # the first framework's column
    framework = page.locator("#matrix-table thead th[data-framework]").first.get_attribute("data-framework")
    before = page.evaluate(RENDERED_ROWS, cells)
    assert before == page.locator("#matrix-table tbody tr").count()
    page.locator(f"#column-{framework}").uncheck()
    assert page.evaluate(RENDERED_ROWS, cells) == 0
    assert page.evaluate(RENDERED_ROWS, f"#matrix-table th[data-framework={framework}]") == 0


def test_differences_only_hides_equal_rows_on_compare(page: Page, base_url: str) -> None:
    page.goto(base_url + "compare/?f=django,flask,litestar")
    page.locator(".compare-table").wait_for()
    rows = ".compare-table tbody tr:not(.group)"
    same = page.locator(".compare-table tr[data-same=true]").count()
    differ = page.locator(".compare-table tr[data-same=false]").count()
    assert same > 0 and differ > 0
    assert page.evaluate(RENDERED_ROWS, rows) == same + differ
    page.get_by_label("Differences only").check()
    assert page.evaluate(RENDERED_ROWS, ".compare-table tr[data-same=true]") == 0
    assert page.evaluate(RENDERED_ROWS, rows) == differ
