"""Falcon samples, exercised through falcon.testing.TestClient (no server needed)."""

from __future__ import annotations

from functools import partial

import contract
from factories import load_sample
from falcon import testing

load = partial(load_sample, "falcon")


def client(name: str) -> testing.TestClient:
    return testing.TestClient(load(name).app)


def test_hello_world() -> None:
    result = client("hello_world").simulate_get(contract.HELLO_PATH)
    assert result.status_code == 200
    assert result.text == contract.HELLO_BODY


def test_json_endpoint() -> None:
    result = client("json_endpoint").simulate_get(contract.ITEM_PATH)
    assert result.status_code == 200
    assert result.headers["content-type"].startswith("application/json")
    assert result.json == contract.ITEM_JSON


def test_json_endpoint_rejects_non_integer() -> None:
    # The int field converter does not match, so no route matches: 404.
    assert client("json_endpoint").simulate_get(contract.BAD_ITEM_PATH).status_code == 404


def test_html_template() -> None:
    result = client("html_template").simulate_get(contract.GREETING_PATH)
    assert result.status_code == 200
    assert result.headers["content-type"].startswith("text/html")
    assert result.text.strip() == contract.GREETING_HTML


def test_html_template_escapes_name() -> None:
    result = client("html_template").simulate_get(contract.HOSTILE_PATH)
    assert result.status_code == 200
    assert "&lt;b&gt;" in result.text
    assert "<b>" not in result.text
    assert result.text.strip() == contract.ESCAPED_HTML


def test_fortunes(fortunes_database: dict[str, str]) -> None:
    result = client("fortunes").simulate_get(contract.FORTUNES_PATH)
    assert result.status_code == 200
    assert result.headers["content-type"].startswith("text/html")
    assert contract.fortune_rows(result.text) == contract.expected_fortunes()
