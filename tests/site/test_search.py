"""Material's search, used the way a reader uses it: in a real browser, typing into the box."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from macros.model import Dataset


def search(browser: Browser, base_url: str, query: str) -> list[str]:
    """Type `query` into the search box and return the result links, best first."""
    page: Page = browser.new_page()
    try:
        page.goto(base_url)
        page.locator("input.md-search__input").click()
        # Typed key by key: Material's search reacts to keyboard events, not to a filled value.
        page.keyboard.type(query, delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        links = page.locator(".md-search-result__item > a.md-search-result__link")
        hrefs = links.evaluate_all("els => els.map(e => e.href)")
        # Keep the page path only: results carry ?h=<query> and #section.
        return [urlsplit(href.removeprefix(base_url)).path for href in hrefs]
    finally:
        page.close()


def framework_pages(dataset: Dataset, predicate: object) -> set[str]:
    return {f"frameworks/{fw.slug}/" for fw in dataset.frameworks if predicate(fw)}  # type: ignore[operator]


def test_search_finds_a_notable_user(browser: Browser, base_url: str, dataset: Dataset) -> None:
    expected = framework_pages(dataset, lambda fw: any("Instagram" in u.organisation for u in fw.notable_users))
    assert expected, "the data should name Instagram as a notable user"
    results = search(browser, base_url, "Instagram")
    assert any(result in expected for result in results), results


def test_search_finds_the_interface(browser: Browser, base_url: str, dataset: Dataset) -> None:
    expected = framework_pages(dataset, lambda fw: "ASGI" in fw.interfaces.value)
    results = search(browser, base_url, "ASGI")
    assert any(result in expected for result in results), results


@pytest.mark.parametrize(("query", "feature"), [("admin", "admin"), ("migrations", "migrations")])
def test_search_finds_a_framework_that_has_the_feature_built_in(
    browser: Browser, base_url: str, dataset: Dataset, query: str, feature: str
) -> None:
    built_in = framework_pages(dataset, lambda fw: fw.features[feature].level == "built-in")
    assert top(browser, base_url, query) in built_in


def top(browser: Browser, base_url: str, query: str) -> str:
    return search(browser, base_url, query)[0]


@pytest.mark.parametrize("query", ["flask vs fastapi", "fastapi vs flask"])
def test_a_pair_is_found_in_either_order(browser: Browser, base_url: str, query: str) -> None:
    assert top(browser, base_url, query) == "compare/fastapi-vs-flask/"


def test_a_framework_ranks_first_for_its_own_built_in_feature(browser: Browser, base_url: str) -> None:
    assert top(browser, base_url, "admin") == "frameworks/django/"


def test_dependency_injection_finds_a_framework_that_has_it(browser: Browser, base_url: str) -> None:
    assert top(browser, base_url, "dependency injection") in {"frameworks/fastapi/", "frameworks/litestar/"}


def test_a_question_about_rest_apis_finds_the_api_criterion(browser: Browser, base_url: str) -> None:
    assert top(browser, base_url, "which framework for REST API") in {"criteria/apis/", "guide/"}


def test_maintainer_pages_are_not_search_results(browser: Browser, base_url: str) -> None:
    results = search(browser, base_url, "source")
    assert not {"sources/", "review/"} & set(results), results
