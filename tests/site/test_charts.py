"""Charts read on a phone and a desktop, in both palettes (issue 21): text at least 11 CSS
pixels, no label touching another or crossing the chart's edge, axes that end just above the
data, and series told apart without colour, in colours of at least 3:1 against the page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

PAGES = ("trends/django/", "trends/fastapi/", "trends/aiohttp/", "trends/flask/", "criteria/performance/")

# Every shown chart with text: its texts' rendered font sizes, the pairs of texts whose boxes
# meet, the texts outside the chart, and the contrast of each series' lines and markers.
MEASURE = """() => {
  const rgb = text => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = rgb(getComputedStyle(document.body).backgroundColor);
  return Array.from(document.querySelectorAll('svg.chart'))
    .filter(svg => svg.getClientRects().length && svg.querySelector('text'))
    .map(svg => {
      const box = svg.getBoundingClientRect();
      const scale = box.width / svg.viewBox.baseVal.width;
      const texts = Array.from(svg.querySelectorAll('text'));
      const boxes = texts.map(text => text.getBoundingClientRect());
      const meeting = [];
      boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          meeting.push(texts[i].textContent + ' / ' + texts[i + 1 + j].textContent);
      }));
      const outside = texts.filter((text, i) => boxes[i].left < box.left - 0.5 || boxes[i].right > box.right + 0.5
        || boxes[i].top < box.top - 0.5 || boxes[i].bottom > box.bottom + 0.5).map(text => text.textContent);
      const marks = Array.from(svg.querySelectorAll('.line, .mark, .bar.extended')).map(item => {
        const style = getComputedStyle(item);
        const paint = style.stroke !== 'none' ? style.stroke : style.fill;
        return contrast(rgb(paint), background);
      });
      return {title: svg.querySelector('title').textContent, cls: svg.getAttribute('class'),
        smallest: Math.min(...texts.map(text => parseFloat(getComputedStyle(text).fontSize) * scale)),
        meeting, outside, contrast: Math.min(...marks)};
    });
}"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    pages: list[Page] = []

    def open_(width: int, scheme: str) -> Page:
        page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
        pages.append(page)
        return page

    yield open_  # type: ignore[misc]
    for page in pages:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1440])
@pytest.mark.parametrize("path", PAGES)
def test_chart_text_is_readable_apart_inside_and_series_contrast(
    page, base_url: str, path: str, width: int, scheme: str
) -> None:
    tab = page(width, scheme)
    tab.goto(base_url + path)
    charts = tab.evaluate(MEASURE)
    assert len(charts) >= 3  # the timeline, and at least two figures over time
    for chart in charts:
        assert chart["smallest"] >= 11, chart["title"]
        assert chart["meeting"] == [], chart["title"]
        assert chart["outside"] == [], chart["title"]
        assert chart["contrast"] >= 3, chart["title"]


def test_the_stars_axis_ends_just_above_the_data(page, base_url: str) -> None:
    tab = page(1440, "light")
    tab.goto(base_url + "trends/fastapi/")
    labels = tab.evaluate(
        """() => Array.from(Array.from(document.querySelectorAll('svg.chart.wide'))
      .find(svg => svg.querySelector('title').textContent.startsWith('GitHub stars'))
      .querySelectorAll('text.tick[text-anchor=end]')).map(text => text.textContent)"""
    )
    assert labels[-1] == "120k", labels  # the data ends at 101,743: not 200k


def test_series_carry_their_letter_by_the_line_and_in_the_key(page, base_url: str) -> None:
    tab = page(390, "light")
    tab.goto(base_url + "trends/django/")
    chart = tab.locator("figure.trend").nth(2).locator("svg.chart.narrow")
    keys = chart.locator("text.key").all_text_contents()
    assert keys == ["A", "B", "C"]
    legend = chart.locator("text.label").all_text_contents()
    assert [text.split(":")[0] for text in legend] == keys
    dashes = chart.locator("g.series > polyline").evaluate_all(
        "lines => lines.map(l => l.getAttribute('stroke-dasharray'))"
    )
    shapes = chart.locator("g.series").evaluate_all(
        "groups => groups.map(g => g.querySelector('.mark').outerHTML.split(' ')[0])"
    )
    assert len(set(dashes)) == 3 and len(set(shapes)) == 3  # not colour alone
