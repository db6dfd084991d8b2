"""Sanic samples, exercised through sanic-testing's app.test_client.

The test client starts the app on 127.0.0.1 for each request. Sanic keeps a registry of
app names, so each sample module is imported once per test module.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import contract
import pytest
from factories import load_sample
from sanic import Sanic

load = partial(load_sample, "sanic")


@pytest.fixture(scope="module")
def apps() -> Iterator[dict[str, Sanic]]:
    loaded = {name: load(name).app for name in ("hello_world", "json_endpoint", "html_template", "fortunes")}
    yield loaded
    for app in loaded.values():
        Sanic.unregister_app(app)


def test_hello_world(apps: dict[str, Sanic]) -> None:
    _, response = apps["hello_world"].test_client.get(contract.HELLO_PATH)
    assert response.status == 200
    assert response.text == contract.HELLO_BODY


def test_json_endpoint(apps: dict[str, Sanic]) -> None:
    _, response = apps["json_endpoint"].test_client.get(contract.ITEM_PATH)
    assert response.status == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json == contract.ITEM_JSON


def test_json_endpoint_rejects_non_integer(apps: dict[str, Sanic]) -> None:
    _, response = apps["json_endpoint"].test_client.get(contract.BAD_ITEM_PATH)
    assert response.status == 404


def test_html_template(apps: dict[str, Sanic]) -> None:
    _, response = apps["html_template"].test_client.get(contract.GREETING_PATH)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.strip() == contract.GREETING_HTML


def test_html_template_escapes_name(apps: dict[str, Sanic]) -> None:
    _, response = apps["html_template"].test_client.get(contract.HOSTILE_PATH)
    assert response.status == 200
    assert "&lt;b&gt;" in response.text
    assert "<b>" not in response.text
    assert response.text.strip() == contract.ESCAPED_HTML


def test_fortunes(apps: dict[str, Sanic], fortunes_database: dict[str, str]) -> None:
    # The test client starts the server for the request, running the listeners that open and close the pool.
    _, response = apps["fortunes"].test_client.get(contract.FORTUNES_PATH)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/html")
    assert contract.fortune_rows(response.text) == contract.expected_fortunes()
