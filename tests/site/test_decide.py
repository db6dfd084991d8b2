"""Deciding in a real browser: the guide, compare-any-frameworks, pair URLs and the matrix query."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == [], errors


def ranking(page: Page) -> list[str]:
    return page.locator(".ranking > li").evaluate_all("items => items.map(item => item.dataset.framework)")


def test_answers_change_the_ranking_and_the_reasons(page: Page, base_url: str) -> None:
    page.goto(base_url + "guide/")
    page.locator(".ranking").wait_for()
    before = ranking(page)
    assert page.locator(".ranking .reasons li").count() == 0  # nothing asked yet, nothing claimed

    page.get_by_label("Must have").first.check()  # JSON API: request validation and OpenAPI
    page.locator("input[name=need-data][value=nice]").check()  # ORM, migrations, admin
    after = ranking(page)
    assert after != before
    top = page.locator(".ranking > li").first
    reasons = top.locator(".reasons li")
    assert reasons.count() >= 5
    assert "OpenAPI schema generation" in top.inner_text()
    href = reasons.first.locator("a").get_attribute("href")
    assert href and "/frameworks/" in href and "#feature-" in href  # each reason links to its fact

    excluded = page.locator(".excluded li")
    assert excluded.count() >= 1  # must-have OpenAPI: some framework has it nowhere
    assert ": " in excluded.first.inner_text()

    page.select_option("#python", "3.9")
    assert "needs Python 3.1" in page.locator(".excluded").inner_text()  # e.g. Django needs 3.12


def test_weights_are_visible_and_change_the_scores(page: Page, base_url: str) -> None:
    page.goto(base_url + "guide/")
    page.locator("input[name=need-api][value=nice]").check()
    page.locator("input[name=need-html][value=nice]").check()
    scores = page.locator(".ranking .score").all_inner_texts()
    page.locator("#weight-api").fill("3")
    assert page.locator("output[for=weight-api]").inner_text() == "3"
    assert page.locator(".ranking .score").all_inner_texts() != scores


def test_a_compare_url_with_three_frameworks_restores_the_view_after_reload(page: Page, base_url: str) -> None:
    page.goto(base_url + "compare/?f=django,flask,litestar")
    headers = page.locator(".compare-table thead th")
    headers.first.wait_for()
    assert headers.all_inner_texts()[1:] == ["Django", "Flask", "Litestar"]
    page.locator("#pick-fastapi").check()
    assert "f=django%2Cfastapi%2Cflask%2Clitestar" in page.url or "f=django,fastapi,flask,litestar" in page.url
    page.reload()
    page.locator(".compare-table").wait_for()
    assert page.locator(".compare-table thead th").all_inner_texts()[1:] == ["Django", "FastAPI", "Flask", "Litestar"]
    assert page.locator("#pick-fastapi").is_checked()


def test_differences_only_hides_equal_rows(page: Page, base_url: str) -> None:
    page.goto(base_url + "compare/?f=django,flask")
    page.locator(".compare-table").wait_for()
    equal = page.locator(".compare-table tr[data-same=true]")
    assert equal.count() > 0 and equal.first.is_visible()
    page.get_by_label("Differences only").check()
    assert all(not row.is_visible() for row in equal.all())
    assert page.locator(".compare-table tr[data-same=false]").first.is_visible()
    assert "diff=1" in page.url


def test_the_reverse_pair_url_lands_on_the_pair_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "compare/flask-vs-django/")
    page.wait_for_url("**/compare/django-vs-flask/")
    assert page.locator("h1").inner_text().startswith("Django vs Flask")


def test_filtering_the_matrix_to_built_in_only_shows_only_built_in_cells(page: Page, base_url: str) -> None:
    page.goto(base_url + "features/")
    page.select_option("#matrix-level", "built-in")
    visible_cells = page.locator("#matrix-table td[data-level]:not(.filtered-out)")
    assert visible_cells.count() > 0
    levels = set(visible_cells.evaluate_all("cells => cells.filter(c => c.offsetParent).map(c => c.dataset.level)"))
    assert levels == {"built-in"}
    hidden_content = page.locator("#matrix-table td.filtered-out .level").first
    assert not hidden_content.is_visible()


def test_matrix_columns_can_be_chosen_and_sorted(page: Page, base_url: str) -> None:
    page.goto(base_url + "features/")
    page.locator("#column-bottle").uncheck()
    assert not page.locator("#matrix-table th[data-framework=bottle]").is_visible()
    page.locator("#matrix-table th[data-framework=django]").click()  # tablesort: sort by Django's level
    columns = page.locator("#matrix-table thead th[data-framework]").evaluate_all(
        "heads => heads.map(head => head.dataset.framework)"
    )
    first = page.locator("#matrix-table tbody tr").first.locator("td[data-level]").nth(columns.index("django"))
    assert first.get_attribute("data-level") in ("built-in", "unknown")  # sorted to one end


def test_compare_shows_dated_figures_and_benchmark_rows_per_server(page: Page, base_url: str, dataset) -> None:
    page.goto(base_url + "compare/?f=django,fastapi,flask")
    page.locator(".compare-table").wait_for()
    rows = {
        row.locator("th").inner_text(): row.locator("td").all_inner_texts()
        for row in page.locator(".compare-table tbody tr:not(.group)").all()
    }
    flask = next(framework for framework in dataset.frameworks if framework.slug == "flask")
    stars = flask.metrics["github-stars"]
    assert rows["GitHub stars"][2] == f"{stars.value:,} ({stars.as_of})"
    run = dataset.benchmarks[-1]
    flask_sync = next(
        r for r in run.results if (r.framework, r.server, r.sample) == ("flask", "gunicorn-sync", "json_endpoint")
    )
    [label] = [key for key in rows if key.startswith("json endpoint on gunicorn, sync worker")]
    assert "bare WSGI app on gunicorn, sync worker" in label
    assert rows[label][2] == f"{round(flask_sync.requests_per_cpu_second.median):,} ({flask_sync.ratio.median}\u00d7)"
    assert rows[label][1] == "not run on this server", "FastAPI runs under ASGI servers only: no shared baseline"


@pytest.mark.parametrize("width", [390, 1440])
def test_compare_draws_stars_and_downloads_over_time_legibly(browser: Browser, base_url: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(base_url + "compare/?f=django,fastapi,flask")
    page.locator("svg.compare-chart").nth(1).wait_for()
    assert page.locator("svg.compare-chart").count() == 2
    labels = page.locator("svg.compare-chart").first.locator("text.end-label").all_text_contents()
    assert sorted(labels) == ["Django", "FastAPI", "Flask"]
    heights = page.locator("svg.compare-chart").evaluate_all(
        "charts => charts.flatMap(chart => Array.from(chart.querySelectorAll('text')).map("
        "text => parseFloat(getComputedStyle(text).fontSize) * chart.getScreenCTM().a))"
    )
    assert min(heights) >= 11, heights
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    page.close()


def test_compare_shows_maintenance_security_and_footprint_rows_linked_to_their_facts(
    page: Page, base_url: str, site_dir
) -> None:
    compare = json.loads((site_dir / "api/v1/compare.json").read_text(encoding="utf-8"))
    flask = next(fw for fw in compare["frameworks"] if fw["slug"] == "flask")
    page.goto(base_url + "compare/?f=django,flask")
    page.locator(".compare-table").wait_for()
    cells = {
        row.locator("th").inner_text(): row.locator("td").all()
        for row in page.locator(".compare-table tbody tr:not(.group)").all()
    }
    for item in compare["risk_rows"]:
        cell = cells[item["label"]][1]
        assert cell.inner_text() == flask["risk_cells"][item["id"]], item["label"]
        anchor = compare["risk_anchors"][item["anchor"]]
        assert cell.locator("a").get_attribute("href").endswith(f"frameworks/flask/#{anchor}"), item["label"]
    assert "not covered" in cells["Advisories in the last 24 months"][1].inner_text()


def test_the_guide_excludes_by_a_risk_answer_naming_the_fact(page: Page, base_url: str, site_dir) -> None:
    compare = json.loads((site_dir / "api/v1/compare.json").read_text(encoding="utf-8"))
    page.goto(base_url + "guide/")
    page.locator("#min-releases").select_option("3")
    fewer = sorted(fw["name"] for fw in compare["frameworks"] if fw["risk"]["releases_12_months"] < 3)
    assert fewer, "the data has frameworks with fewer than 3 releases in 12 months"
    items = page.locator(".excluded li")
    items.first.wait_for()
    texts = items.all_inner_texts()
    assert sorted(text.split(":")[0] for text in texts) == fewer
    assert all("in the last 12 months" in text for text in texts)
    assert all(
        link.endswith("#status") for link in items.locator("a").evaluate_all("a => a.map(x => x.href)") if "#" in link
    )


def test_the_matrix_lists_the_same_risk_rows_for_every_framework(site_dir, dataset) -> None:
    compare = json.loads((site_dir / "api/v1/compare.json").read_text(encoding="utf-8"))
    soup = BeautifulSoup((site_dir / "features/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {
        row.th.get_text(): [td.get_text() for td in row.select("td")]
        for row in soup.select(".risk-table tbody tr:not(.group)")
    }
    assert len(rows) == len(compare["risk_rows"])
    for item in compare["risk_rows"]:
        assert rows[item["label"]] == [fw["risk_cells"][item["id"]] for fw in compare["frameworks"]]
    assert [fw["name"] for fw in compare["frameworks"]] == [fw.name for fw in dataset.frameworks]
