"""Material's search, used the way a reader uses it: in a real Chromium against the built site,
typing into the box and reading the results Material shows (its own worker and index)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from macros.model import Dataset

# What Material shows before it has results for the query typed.
WAITING = ("Initializing search", "Type to start searching")

RESULTS_SCRIPT = """() => ({
  meta: document.querySelector(".md-search-result__meta").textContent.trim(),
  articles: [...document.querySelectorAll(".md-search-result__item")].map(
    item => [...item.querySelectorAll("a.md-search-result__link")].map(a => a.href)),
  hint: [...document.querySelectorAll(".md-search-result .search-hint:not([hidden]) a")].map(a => a.href),
})"""


@dataclass(frozen=True)
class Results:
    meta: str  # Material's count line ("3 matching documents", "No matching documents")
    articles: list[list[str]]  # best first: each result's page path, then its sections' (path#anchor)
    hint: list[str]  # the links of the empty-result hint, when it shows

    def top(self, count: int = 3) -> list[str]:
        return [links[0] for links in self.articles[:count]]

    def in_top(self, expected: str, count: int = 3) -> bool:
        """`expected` is one of the first `count` results, or (path#anchor) a section of one."""
        return any(expected in links for links in self.articles[:count])


@pytest.fixture(scope="module")
def search_page(browser: Browser, base_url: str) -> Iterator[Page]:
    page = browser.new_page()
    page.goto(base_url + "compare/")
    yield page
    page.close()


def search(page: Page, base_url: str, query: str) -> Results:
    """Type `query` into the search box and read the results once Material has settled on them."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    # Typed key by key: Material's search reacts to keyboard events, not to a filled value.
    page.keyboard.type(query, delay=20)
    deadline, seen, stable = time.monotonic() + 15, None, 0
    while stable < 4:  # the same results for 0.4 s: Material answered the whole query
        if time.monotonic() > deadline:
            raise AssertionError(f"search for {query!r} did not settle: {seen}")
        page.wait_for_timeout(100)
        now = page.evaluate(RESULTS_SCRIPT)
        stable = stable + 1 if now == seen and now["meta"] not in WAITING else 0
        seen = now
    assert seen is not None

    def path(href: str) -> str:
        # Keep the page path and anchor: results carry ?h=<query>.
        parts = urlsplit(href.removeprefix(base_url))
        return parts.path + (f"#{parts.fragment}" if parts.fragment else "")

    return Results(seen["meta"], [[path(href) for href in links] for links in seen["articles"]], seen["hint"])


# Everyday queries and the page (or a section of it, path#anchor) that should be among the first
# three results. Search has no page on GraphQL: it gets the hint instead (test below).
EVERYDAY = [
    ("websockets", "features/#feature-websockets"),
    ("websocket", "features/#feature-websockets"),
    ("WebSockets", "features/#feature-websockets"),
    ("orm", "features/#feature-orm"),
    ("sqlalchemy", "criteria/database/"),
    ("async", "criteria/async/"),
    ("real-time", "guide/"),
    # The criterion that says whose documentation covers deployment, with links to it.
    ("deployment", "criteria/documentation/"),
    ("django vs flask", "compare/django-vs-flask/"),
    ("flask vs django", "compare/django-vs-flask/"),
    ("fastapi performance", "criteria/performance/"),
    ("benchmark", "criteria/performance/"),
    ("is bottle maintained", "frameworks/bottle/"),
    ("hello world", "criteria/hello-world/"),
    # Several frameworks validate from type hints: the criterion comparing how each validates.
    ("type hints", "criteria/apis/"),
    ("openapi", "features/#feature-openapi"),
    ("rest api", "criteria/apis/"),
    ("microservices", "criteria/apis/"),
    ("templates", "criteria/templating/"),
    ("jinja", "criteria/templating/"),
    ("admin", "features/#feature-admin"),
    ("security", "criteria/security/"),
    ("csrf", "features/#feature-csrf"),
    ("background tasks", "features/#feature-background-tasks"),
    ("testing", "criteria/testing/"),
    ("beginner", "criteria/learning-curve/"),
    ("hiring", "criteria/jobs/"),
    ("django releases", "trends/django/"),
    ("lts", "trends/django/#support"),
]


@pytest.mark.parametrize(("query", "expected"), EVERYDAY, ids=[query for query, _ in EVERYDAY])
def test_an_everyday_query_finds_its_page_in_the_top_three(
    search_page: Page, base_url: str, query: str, expected: str
) -> None:
    results = search(search_page, base_url, query)
    assert results.in_top(expected), f"{query!r}: {results.articles[:3]}"
    assert not results.hint


def test_a_query_nothing_matches_suggests_the_guide_and_the_matrix(search_page: Page, base_url: str) -> None:
    # No page is about gRPC.
    results = search(search_page, base_url, "grpc")
    assert results.meta == "No matching documents" and results.articles == []
    assert results.hint == [base_url + "guide/", base_url + "features/"]
    # It goes as soon as something matches.
    assert search(search_page, base_url, "flask").hint == []


@pytest.mark.parametrize("query", ["websockets", "websocket", "WebSockets", "webSocket"])
def test_camel_case_words_are_found_in_any_case_and_number(search_page: Page, base_url: str, query: str) -> None:
    results = search(search_page, base_url, query)
    assert results.articles[0][:2] == ["features/", "features/#feature-websockets"], results.articles[:3]


def framework_pages(dataset: Dataset, predicate: object) -> set[str]:
    return {f"frameworks/{fw.slug}/" for fw in dataset.frameworks if predicate(fw)}  # type: ignore[operator]


def test_search_finds_a_notable_user(search_page: Page, base_url: str, dataset: Dataset) -> None:
    expected = framework_pages(dataset, lambda fw: any("Instagram" in u.organisation for u in fw.notable_users))
    assert expected, "the data should name Instagram as a notable user"
    results = search(search_page, base_url, "Instagram")
    assert expected & set(results.top(len(results.articles))), results.articles


def test_search_finds_the_interface(search_page: Page, base_url: str, dataset: Dataset) -> None:
    expected = framework_pages(dataset, lambda fw: "ASGI" in fw.interfaces.value)
    results = search(search_page, base_url, "ASGI")
    assert expected & set(results.top(len(results.articles))), results.articles


@pytest.mark.parametrize(("query", "feature"), [("admin", "admin"), ("migrations", "migrations")])
def test_a_feature_finds_its_matrix_row_then_a_framework_that_has_it_built_in(
    search_page: Page, base_url: str, dataset: Dataset, query: str, feature: str
) -> None:
    # The row says who has it at which level; the framework pages follow.
    results = search(search_page, base_url, query)
    assert results.articles[0][:2] == ["features/", f"features/#feature-{feature}"], results.articles[:3]
    built_in = framework_pages(dataset, lambda fw: fw.features[feature].level == "built-in")
    assert built_in & set(results.top()), results.articles[:3]


def test_the_matrix_row_says_who_has_the_feature_at_which_level(search_page: Page, base_url: str) -> None:
    search(search_page, base_url, "websockets")
    row = search_page.locator(".md-search-result__link[href*='#feature-websockets']").first
    text = " ".join(row.inner_text().split())
    assert text.startswith("WebSockets") and "Built in: aiohttp," in text and "Django (channels, daphne)" in text


@pytest.mark.parametrize("query", ["flask vs fastapi", "fastapi vs flask"])
def test_a_pair_is_found_in_either_order(search_page: Page, base_url: str, query: str) -> None:
    assert search(search_page, base_url, query).top(1) == ["compare/fastapi-vs-flask/"]


def test_admin_finds_the_framework_that_has_it_built_in(search_page: Page, base_url: str) -> None:
    assert "frameworks/django/" in search(search_page, base_url, "admin").top()


def test_dependency_injection_finds_a_framework_that_has_it(search_page: Page, base_url: str) -> None:
    top = search(search_page, base_url, "dependency injection").top()
    assert set(top) & {"frameworks/fastapi/", "frameworks/litestar/", "frameworks/blacksheep/"}, top


def test_a_question_about_rest_apis_finds_the_api_criterion(search_page: Page, base_url: str) -> None:
    # Django REST framework's page may come first (its name holds the question's words, and its
    # pair pages follow it); without those words, the criterion.
    top = search(search_page, base_url, "which framework for REST API").top(1)
    assert set(top) & {"criteria/apis/", "guide/", "frameworks/django-rest-framework/"}, top
    top = search(search_page, base_url, "which framework for an API").top(3)
    assert set(top) & {"criteria/apis/", "guide/"}, top


def test_maintainer_pages_are_not_search_results(search_page: Page, base_url: str) -> None:
    results = search(search_page, base_url, "source")
    assert not {"sources/", "review/"} & set(results.top(len(results.articles))), results.articles


def test_trends_pages_are_found_by_their_framework_and_sections(search_page: Page, base_url: str) -> None:
    results = search(search_page, base_url, "stack overflow questions")
    assert any(path.startswith("trends/") for path in results.top()), results.articles[:3]
