"""aiohttp samples, exercised through pytest-aiohttp's aiohttp_client fixture.

The fixture serves each app on aiohttp's own server on 127.0.0.1 and returns an
aiohttp.test_utils.TestClient. Each test imports its sample afresh, because an
Application is frozen once it has been started.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

import contract
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from factories import load_sample

Client = Callable[[web.Application], Awaitable[TestClient]]


load = partial(load_sample, "aiohttp")


@pytest.mark.asyncio
async def test_hello_world(aiohttp_client: Client) -> None:
    client = await aiohttp_client(load("hello_world").app)
    response = await client.get(contract.HELLO_PATH)
    assert response.status == 200
    assert await response.text() == contract.HELLO_BODY


@pytest.mark.asyncio
async def test_json_endpoint(aiohttp_client: Client) -> None:
    client = await aiohttp_client(load("json_endpoint").app)
    response = await client.get(contract.ITEM_PATH)
    assert response.status == 200
    assert response.content_type == "application/json"
    assert await response.json() == contract.ITEM_JSON


@pytest.mark.asyncio
async def test_json_endpoint_rejects_non_integer(aiohttp_client: Client) -> None:
    # The \d+ pattern does not match, so no route matches: 404.
    client = await aiohttp_client(load("json_endpoint").app)
    response = await client.get(contract.BAD_ITEM_PATH)
    assert response.status == 404


@pytest.mark.asyncio
async def test_html_template(aiohttp_client: Client) -> None:
    client = await aiohttp_client(load("html_template").app)
    response = await client.get(contract.GREETING_PATH)
    assert response.status == 200
    assert response.content_type == "text/html"
    assert (await response.text()).strip() == contract.GREETING_HTML


@pytest.mark.asyncio
async def test_html_template_escapes_name(aiohttp_client: Client) -> None:
    client = await aiohttp_client(load("html_template").app)
    response = await client.get(contract.HOSTILE_PATH)
    assert response.status == 200
    text = await response.text()
    assert "&lt;b&gt;" in text
    assert "<b>" not in text
    assert text.strip() == contract.ESCAPED_HTML


@pytest.mark.asyncio
async def test_fortunes(aiohttp_client: Client, fortunes_database: dict[str, str]) -> None:
    client = await aiohttp_client(load("fortunes").app)
    response = await client.get(contract.FORTUNES_PATH)
    assert response.status == 200
    assert response.content_type == "text/html"
    assert contract.fortune_rows(await response.text()) == contract.expected_fortunes()
