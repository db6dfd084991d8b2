"""The Quart samples in data/samples/quart/, exercised through Quart's own test client."""

from __future__ import annotations

from functools import partial

import contract
import pytest
from factories import load_sample

load = partial(load_sample, "quart")


@pytest.mark.asyncio
async def test_hello_world() -> None:
    client = load("hello_world").app.test_client()
    response = await client.get(contract.HELLO_PATH)
    assert response.status_code == 200
    assert await response.get_data(as_text=True) == contract.HELLO_BODY


@pytest.mark.asyncio
async def test_json_endpoint() -> None:
    client = load("json_endpoint").app.test_client()
    response = await client.get(contract.ITEM_PATH)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert await response.get_json() == contract.ITEM_JSON


@pytest.mark.asyncio
async def test_json_endpoint_rejects_non_integer_id() -> None:
    client = load("json_endpoint").app.test_client()
    response = await client.get(contract.BAD_ITEM_PATH)
    assert response.status_code == 404


@pytest.mark.asyncio
async def test_html_template() -> None:
    client = load("html_template").app.test_client()
    response = await client.get(contract.GREETING_PATH)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert await response.get_data(as_text=True) == "<!doctype html>\n<title>Hello</title>\n<h1>Hello, World!</h1>"


@pytest.mark.asyncio
async def test_html_template_escapes_the_name() -> None:
    client = load("html_template").app.test_client()
    response = await client.get(contract.HOSTILE_PATH)
    assert response.status_code == 200
    body = await response.get_data(as_text=True)
    assert contract.ESCAPED_HTML in body
    assert "<b>" not in body


@pytest.mark.asyncio
async def test_fortunes(fortunes_database: dict[str, str]) -> None:
    # test_app() runs the before_serving and after_serving functions, which open and close the pool.
    async with load("fortunes").app.test_app() as app:
        response = await app.test_client().get(contract.FORTUNES_PATH)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert contract.fortune_rows(await response.get_data(as_text=True)) == contract.expected_fortunes()
