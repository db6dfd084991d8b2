"""Connexion samples (AsyncApp), exercised through app.test_client(), Starlette's TestClient (no server needed)."""

from __future__ import annotations

from functools import partial

import contract
from factories import load_sample
from starlette.testclient import TestClient

load = partial(load_sample, "connexion")


def client(name: str) -> TestClient:
    return load(name).app.test_client()


def test_hello_world() -> None:
    response = client("hello_world").get(contract.HELLO_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == contract.HELLO_BODY


def test_json_endpoint() -> None:
    response = client("json_endpoint").get(contract.ITEM_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == contract.ITEM_JSON


def test_json_endpoint_rejects_non_integer() -> None:
    # The integer parameter gives the route an int converter that does not match "abc", so no
    # route matches: 404, as a problem+json reply.
    response = client("json_endpoint").get(contract.BAD_ITEM_PATH)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_html_template() -> None:
    response = client("html_template").get(contract.GREETING_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.strip() == contract.GREETING_HTML


def test_html_template_escapes_name() -> None:
    response = client("html_template").get(contract.HOSTILE_PATH)
    assert response.status_code == 200
    assert "&lt;b&gt;" in response.text
    assert "<b>" not in response.text
    assert response.text.strip() == contract.ESCAPED_HTML


def test_fortunes(fortunes_database: dict[str, str]) -> None:
    # Entering the client runs the lifespan, which opens the database pool.
    with client("fortunes") as test_client:
        response = test_client.get(contract.FORTUNES_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert contract.fortune_rows(response.text) == contract.expected_fortunes()
