"""Every framework page answers 'is it maintained' in its first screen: the status block ends
within the viewport of a 390 px phone and of a desktop, in both palettes, and nothing scrolls
sideways (with every citation and note of the block opened, too)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from macros.model import Dataset

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("width", "height"), [(390, 844), (1440, 900)])
def test_the_status_is_in_the_first_screen(
    browser: Browser, base_url: str, dataset: Dataset, width: int, height: int, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    try:
        page = context.new_page()
        for framework in dataset.frameworks:
            page.goto(f"{base_url}frameworks/{framework.slug}/")
            box = page.locator("#status").bounding_box()
            assert box is not None and box["y"] + box["height"] <= height, (framework.slug, box)
            assert page.evaluate(OVERFLOW) == 0, framework.slug
            page.evaluate("document.querySelectorAll('#status details').forEach(item => item.open = true)")
            assert page.evaluate(OVERFLOW) == 0, f"{framework.slug}, citations opened"
        first, second = dataset.frameworks[0], dataset.frameworks[1]
        page.goto(f"{base_url}compare/{first.slug}-vs-{second.slug}/")
        assert page.locator("tbody.status-rows tr").count() == 6
        assert page.evaluate(OVERFLOW) == 0
    finally:
        context.close()
