"""BlackSheep samples, exercised through blacksheep.testing.TestClient (simulated ASGI requests; no server)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import blacksheep.server.routing
import contract
import pytest
from blacksheep.testing import TestClient
from factories import load_sample


@asynccontextmanager
async def client(name: str) -> AsyncIterator[TestClient]:
    # The samples' @get decorators register on BlackSheep's process-wide default router, which the
    # first Application binds to; each sample starts from a fresh one, as in its own process.
    blacksheep.server.routing.router.reset()
    blacksheep.server.routing._apps_by_router_id.pop(id(blacksheep.server.routing.router), None)
    app = load_sample("blacksheep", name).app
    # Starting the app fires on_start (fortunes.py opens its pool there); stopping it fires on_stop.
    await app.start()
    try:
        yield TestClient(app)
    finally:
        await app.stop()


@pytest.mark.asyncio
async def test_hello_world() -> None:
    async with client("hello_world") as test_client:
        response = await test_client.get(contract.HELLO_PATH)
        assert response.status == 200
        assert response.content_type() == b"text/plain; charset=utf-8"
        assert await response.text() == contract.HELLO_BODY


@pytest.mark.asyncio
async def test_json_endpoint() -> None:
    async with client("json_endpoint") as test_client:
        response = await test_client.get(contract.ITEM_PATH)
        assert response.status == 200
        assert response.content_type() == b"application/json"
        assert await response.json() == contract.ITEM_JSON


@pytest.mark.asyncio
async def test_json_endpoint_rejects_non_integer() -> None:
    # BlackSheep parses the route value by the int annotation and answers 400 Bad Request.
    async with client("json_endpoint") as test_client:
        response = await test_client.get(contract.BAD_ITEM_PATH)
        assert response.status == 400
        assert "expected a valid int" in await response.text()


@pytest.mark.asyncio
async def test_html_template() -> None:
    async with client("html_template") as test_client:
        response = await test_client.get(contract.GREETING_PATH)
        assert response.status == 200
        assert response.content_type() == b"text/html; charset=utf-8"
        assert (await response.text()).strip() == contract.GREETING_HTML


@pytest.mark.asyncio
async def test_html_template_escapes_name() -> None:
    async with client("html_template") as test_client:
        response = await test_client.get(contract.HOSTILE_PATH)
        assert response.status == 200
        text = await response.text()
        assert "&lt;b&gt;" in text
        assert "<b>" not in text
        assert text.strip() == contract.ESCAPED_HTML


@pytest.mark.asyncio
async def test_fortunes(fortunes_database: dict[str, str]) -> None:
    async with client("fortunes") as test_client:
        response = await test_client.get(contract.FORTUNES_PATH)
        assert response.status == 200
        assert response.content_type() == b"text/html; charset=utf-8"
        assert contract.fortune_rows(await response.text()) == contract.expected_fortunes()
