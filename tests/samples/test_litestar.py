"""Litestar samples, exercised through litestar.testing.TestClient (on HTTPX; no server needed)."""

from __future__ import annotations

from functools import partial

import contract
from factories import load_sample
from litestar.testing import TestClient

load = partial(load_sample, "litestar")


def client(name: str) -> TestClient:
    return TestClient(app=load(name).app)


def test_hello_world() -> None:
    with client("hello_world") as test_client:
        response = test_client.get(contract.HELLO_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == contract.HELLO_BODY


def test_json_endpoint() -> None:
    with client("json_endpoint") as test_client:
        response = test_client.get(contract.ITEM_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == contract.ITEM_JSON


def test_json_endpoint_rejects_non_integer() -> None:
    # "abc" does not match the {item_id:int} path segment, so no route matches: 404.
    with client("json_endpoint") as test_client:
        response = test_client.get(contract.BAD_ITEM_PATH)
    assert response.status_code == 404
    assert response.json() == {"status_code": 404, "detail": "Not Found"}


def test_html_template() -> None:
    with client("html_template") as test_client:
        response = test_client.get(contract.GREETING_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text.strip() == contract.GREETING_HTML


def test_html_template_escapes_name() -> None:
    with client("html_template") as test_client:
        response = test_client.get(contract.HOSTILE_PATH)
    assert response.status_code == 200
    assert "&lt;b&gt;" in response.text
    assert "<b>" not in response.text
    assert response.text.strip() == contract.ESCAPED_HTML


def test_fortunes(fortunes_database: dict[str, str]) -> None:
    with client("fortunes") as test_client:
        response = test_client.get(contract.FORTUNES_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert contract.fortune_rows(response.text) == contract.expected_fortunes()
