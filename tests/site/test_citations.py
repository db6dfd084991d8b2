"""Opened citations and notes wrap inside the viewport (issue 21): one opened "Counted: ..."
note must not make the page wider than the phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

OPEN_ALL = """() => {
  const all = Array.from(document.querySelectorAll('.md-content details.cite, .md-content details.note'));
  all.forEach(details => { details.open = true; });
  return all.length;
}"""

WIDEST = """() => Array.from(document.querySelectorAll(
    '.md-content details[open] > .cite-body, .md-content details[open] > .note-body'))
  .filter(body => body.getBoundingClientRect().right > window.innerWidth + 1).length"""


@pytest.mark.parametrize("width", [390, 1440])
# The home page's table and a framework page carry the most citations in tables.
@pytest.mark.parametrize("path", ["", "frameworks/fastapi/"])
def test_every_opened_citation_wraps_inside_the_viewport(
    browser: Browser, base_url: str, path: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= page.evaluate("innerWidth")
        opened = page.evaluate(OPEN_ALL)
        assert opened > 20
        page.wait_for_timeout(100)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= page.evaluate("innerWidth")
        assert page.evaluate(WIDEST) == 0
    finally:
        page.close()


def test_one_opened_note_on_a_phone_keeps_the_page_width(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    try:
        page.goto(base_url + "frameworks/fastapi/")
        note = page.locator("details.cite", has_text="Counted:").first
        note.locator("summary").click()
        assert "Counted:" in note.locator(".cite-body").inner_text()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    finally:
        page.close()
