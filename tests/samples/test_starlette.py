"""Starlette samples, exercised through starlette.testclient.TestClient (no server needed)."""

from __future__ import annotations

from functools import partial

from factories import load_sample
from starlette.testclient import TestClient

load = partial(load_sample, "starlette")


def client(name: str) -> TestClient:
    return TestClient(load(name).app)


def test_hello_world() -> None:
    response = client("hello_world").get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "Hello, World!"


def test_json_endpoint() -> None:
    response = client("json_endpoint").get("/items/42")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"id": 42, "name": "Item 42"}


def test_json_endpoint_rejects_non_integer() -> None:
    # The int convertor does not match "abc", so no route matches: 404.
    assert client("json_endpoint").get("/items/abc").status_code == 404


def test_html_template() -> None:
    response = client("html_template").get("/hello/World")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.strip() == "<h1>Hello, World!</h1>"


def test_html_template_escapes_name() -> None:
    response = client("html_template").get("/hello/%3Cb%3E")
    assert response.status_code == 200
    assert "&lt;b&gt;" in response.text
    assert "<b>" not in response.text
    assert response.text.strip() == "<h1>Hello, &lt;b&gt;!</h1>"
