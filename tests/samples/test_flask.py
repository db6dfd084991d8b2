"""The Flask samples in data/samples/flask/, exercised through Flask's own test client."""

from __future__ import annotations

from functools import partial

import contract
from factories import load_sample

load = partial(load_sample, "flask")


def test_hello_world() -> None:
    client = load("hello_world").app.test_client()
    response = client.get(contract.HELLO_PATH)
    assert response.status_code == 200
    assert response.get_data(as_text=True) == contract.HELLO_BODY


def test_json_endpoint() -> None:
    client = load("json_endpoint").app.test_client()
    response = client.get(contract.ITEM_PATH)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == contract.ITEM_JSON


def test_json_endpoint_rejects_non_integer_id() -> None:
    client = load("json_endpoint").app.test_client()
    response = client.get(contract.BAD_ITEM_PATH)
    assert response.status_code == 404


def test_html_template() -> None:
    client = load("html_template").app.test_client()
    response = client.get(contract.GREETING_PATH)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.get_data(as_text=True) == "<!doctype html>\n<title>Hello</title>\n<h1>Hello, World!</h1>"


def test_html_template_escapes_the_name() -> None:
    client = load("html_template").app.test_client()
    response = client.get(contract.HOSTILE_PATH)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert contract.ESCAPED_HTML in body
    assert "<b>" not in body


def test_fortunes(fortunes_database: dict[str, str]) -> None:
    client = load("fortunes").app.test_client()
    response = client.get(contract.FORTUNES_PATH)
    assert response.status_code == 200
    assert response.content_type.startswith("text/html")
    assert contract.fortune_rows(response.get_data(as_text=True)) == contract.expected_fortunes()
