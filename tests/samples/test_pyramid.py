"""Pyramid samples, exercised through WebTest's TestApp, as Pyramid's testing chapter teaches."""

from __future__ import annotations

from functools import partial

from factories import load_sample
from webtest import TestApp

load = partial(load_sample, "pyramid")


def client(name: str) -> TestApp:
    return TestApp(load(name).app)


def test_hello_world() -> None:
    response = client("hello_world").get("/")
    assert response.status_int == 200
    assert response.text == "Hello, World!"


def test_json_endpoint() -> None:
    response = client("json_endpoint").get("/items/42")
    assert response.status_int == 200
    assert response.content_type == "application/json"
    assert response.json == {"id": 42, "name": "Item 42"}


def test_json_endpoint_rejects_non_integer() -> None:
    # The route's \d+ pattern does not match, so no route matches: 404.
    response = client("json_endpoint").get("/items/abc", expect_errors=True)
    assert response.status_int == 404


def test_html_template() -> None:
    response = client("html_template").get("/hello/World")
    assert response.status_int == 200
    assert response.content_type == "text/html"
    assert response.text.strip() == "<h1>Hello, World!</h1>"


def test_html_template_escapes_name() -> None:
    response = client("html_template").get("/hello/%3Cb%3E")
    assert response.status_int == 200
    assert "&lt;b&gt;" in response.text
    assert "<b>" not in response.text
    assert response.text.strip() == "<h1>Hello, &lt;b&gt;!</h1>"
