"""Six everyday reader tasks, done from the home page as a first-time visitor would, on a phone
and a desktop (issue 21): each takes at most 3 clicks and 3 screens of scrolling, and its
answer agrees with data/.

A click is one tap or click, including choosing an option from a list. Screens are counted
before each click and at the answer: how far the reader must scroll, in viewport heights, to
see the element whole (or, for an answer taller than the screen, its first line).
`pytest -s` prints each task's figures, for the closing note of the issue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Locator, Page

from macros.model import Dataset, Framework

WIDTHS = {"phone": (390, 844), "desktop": (1440, 900)}
MOST_CLICKS = 3
MOST_SCREENS = 3.0
MATERIAL_HEADER = 56  # Material's sticky header covers the top of the viewport

SCREENS_TO = """(element, header) => {
  const box = element.getBoundingClientRect();
  const seen = Math.min(box.height, window.innerHeight - header);
  return Math.max(0, box.top + seen - window.innerHeight) / window.innerHeight;
}"""


@dataclass
class Reader:
    """A reader's session: counts clicks and the screens scrolled to reach each target."""

    page: Page
    clicks: int = 0
    screens: float = 0.0
    steps: list[str] = field(default_factory=list)

    def scroll_to(self, target: Locator) -> None:
        target.wait_for(state="visible")
        distance = target.evaluate(SCREENS_TO, MATERIAL_HEADER)
        self.screens += distance
        target.scroll_into_view_if_needed()

    def click(self, target: Locator, what: str) -> None:
        self.scroll_to(target)
        target.click()
        self.clicks += 1
        self.steps.append(what)

    def choose(self, select: Locator, value: str, what: str) -> None:
        self.scroll_to(select)
        select.select_option(value)
        self.clicks += 1
        self.steps.append(what)

    def answer(self, target: Locator) -> Locator:
        self.scroll_to(target)
        return target


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def reader(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Reader]:
    width, height = WIDTHS[request.param]
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url)
    reader = Reader(page)
    yield reader
    print(f"\n{request.node.name}: {reader.clicks} clicks, {reader.screens:.2f} screens: {' > '.join(reader.steps)}")
    page.close()
    assert errors == [], errors
    assert reader.clicks <= MOST_CLICKS, reader.steps
    assert reader.screens <= MOST_SCREENS, (reader.screens, reader.steps)


def framework(dataset: Dataset, slug: str) -> Framework:
    return next(fw for fw in dataset.frameworks if fw.slug == slug)


def test_a_need_in_the_guide(reader: Reader, dataset: Dataset) -> None:
    """ "I need an ORM, migrations and an admin: which framework fits best?\""""
    need = next(need for need in dataset.needs if need.id == "data")
    reader.click(reader.page.locator(".start-here a", has_text="Decision guide"), "Decision guide")
    reader.click(reader.page.locator(f"label[for=need-{need.id}-must]"), "Must have: " + need.question)
    summary = reader.answer(reader.page.locator(".guide-summary"))
    match = re.match(r"Best fit: (.+?) \((\d+)%\)", summary.inner_text())
    assert match, summary.inner_text()
    complete = {fw.name for fw in dataset.frameworks if all(fw.features[f].level == "built-in" for f in need.features)}
    assert match[1] in complete and match[2] == "100"


def test_one_feature_across_every_framework_in_the_matrix(reader: Reader, dataset: Dataset) -> None:
    """ "Which frameworks have WebSockets built in?\""""
    feature = next(feature for feature in dataset.features if feature.id == "websockets")
    reader.click(reader.page.locator(".start-here a", has_text="Feature matrix"), "Feature matrix")
    reader.choose(reader.page.locator("#matrix-category"), feature.category, "Category: " + feature.category)
    row = reader.answer(reader.page.locator(f"#feature-{feature.id}"))
    shown = row.locator("td[data-level]").evaluate_all(
        "cells => cells.map(cell => [cell.dataset.label, cell.dataset.level])"
    )
    assert dict(shown) == {fw.name: fw.features[feature.id].level for fw in dataset.frameworks}


def test_a_three_way_comparison_of_differences_only(reader: Reader, dataset: Dataset) -> None:
    """ "How do the three most popular frameworks differ?\""""
    reader.click(reader.page.locator(".start-here a", has_text="differences only"), "the three most starred")
    table = reader.page.locator(".compare-table")
    table.wait_for()
    heads = table.locator("thead th[scope=col]").all_inner_texts()[1:]
    metric = next(metric for metric in dataset.metrics if metric.ranks_popularity)
    measured = [fw for fw in dataset.frameworks if metric.id in fw.metrics]
    top = sorted(measured, key=lambda fw: -fw.metrics[metric.id].value)[:3]
    compared = [fw for fw in dataset.frameworks if fw in top]  # the compare page keeps the site's order
    assert heads == [fw.name for fw in compared]
    first = reader.answer(table.locator("tbody tr[data-same=false]").first)
    assert first.is_visible()
    assert table.locator("tbody tr[data-same=true]:visible").count() == 0
    release = table.locator("tbody tr", has_text="Latest release").locator("td").all_inner_texts()
    assert release == [f"{fw.latest_release.version} ({fw.latest_release.date})" for fw in compared]


def test_a_speed_question(reader: Reader, dataset: Dataset) -> None:
    """ "Which framework serves the most JSON per CPU-second, on one machine?\""""
    reader.click(reader.page.locator(".start-here a", has_text="Speed"), "Speed")
    chart = reader.answer(reader.page.locator("figure.bench-chart svg.chart:visible").first)
    title = chart.locator("title").text_content() or ""
    run = dataset.benchmarks[-1]
    sample = next(sample for sample in {item.sample for item in run.results} if sample.replace("_", " ") in title)
    best = max(
        (item for item in run.results if item.sample == sample), key=lambda item: item.requests_per_cpu_second.median
    )
    labels = chart.evaluate(
        """svg => Array.from(svg.querySelectorAll('rect.bar')).map(bar => [bar.previousElementSibling.textContent,
           bar.classList.contains('reference')])"""
    )
    top = next(label for label, reference in labels if not reference)
    assert top.startswith(framework(dataset, best.framework).name), (top, best.framework)


def test_a_maintenance_question(reader: Reader, dataset: Dataset) -> None:
    """ "When was Pyramid last released, and how active is it?\""""
    pyramid = framework(dataset, "pyramid")
    reader.click(reader.page.locator(".framework-links a", has_text=pyramid.name), pyramid.name)
    status = reader.answer(reader.page.locator("#status"))
    text = status.inner_text()
    assert f"Latest release {pyramid.latest_release.version}, {pyramid.latest_release.date}" in " ".join(text.split())
    assert "release" in text and "commits" in text


def test_a_hello_world(reader: Reader, dataset: Dataset) -> None:
    """ "What does a Flask hello world look like?\""""
    flask = framework(dataset, "flask")
    criterion = next(criterion for criterion in dataset.criteria if criterion.sample == "hello_world")
    reader.click(reader.page.locator(".framework-links a", has_text=flask.name), flask.name)
    reader.click(reader.page.locator(".jump a", has_text=criterion.title), criterion.title)
    code = reader.answer(reader.page.locator(f"h2#{criterion.id} ~ * .highlight code").first)
    shown = [line.strip() for line in code.inner_text().splitlines() if line.strip()]
    sample = dataset.root / dataset.sample_path(flask, "hello_world")
    written = [line.strip() for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert shown == written
