"""Pyramid samples, exercised through WebTest's TestApp, as Pyramid's testing chapter teaches."""

from __future__ import annotations

from functools import partial

import contract
from factories import load_sample
from webtest import TestApp

load = partial(load_sample, "pyramid")


def client(name: str) -> TestApp:
    return TestApp(load(name).app)


def test_hello_world() -> None:
    response = client("hello_world").get(contract.HELLO_PATH)
    assert response.status_int == 200
    assert response.text == contract.HELLO_BODY


def test_json_endpoint() -> None:
    response = client("json_endpoint").get(contract.ITEM_PATH)
    assert response.status_int == 200
    assert response.content_type == "application/json"
    assert response.json == contract.ITEM_JSON


def test_json_endpoint_rejects_non_integer() -> None:
    # The route's \d+ pattern does not match, so no route matches: 404.
    response = client("json_endpoint").get(contract.BAD_ITEM_PATH, expect_errors=True)
    assert response.status_int == 404


def test_html_template() -> None:
    response = client("html_template").get(contract.GREETING_PATH)
    assert response.status_int == 200
    assert response.content_type == "text/html"
    assert response.text.strip() == contract.GREETING_HTML


def test_html_template_escapes_name() -> None:
    response = client("html_template").get(contract.HOSTILE_PATH)
    assert response.status_int == 200
    assert "&lt;b&gt;" in response.text
    assert "<b>" not in response.text
    assert response.text.strip() == contract.ESCAPED_HTML


def test_fortunes(fortunes_database: dict[str, str]) -> None:
    response = client("fortunes").get(contract.FORTUNES_PATH)
    assert response.status_int == 200
    assert response.content_type.startswith("text/html")
    assert contract.fortune_rows(response.text) == contract.expected_fortunes()
