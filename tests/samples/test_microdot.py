"""Microdot samples, exercised through Microdot's own test client (microdot.test_client.TestClient,
which hands a request to the app in process) and through the ASGI interface that uvicorn serves
(httpx.ASGITransport).

The test client hands the app the path as written in the request line, still percent-encoded,
where an ASGI server decodes it; so the escaping test, whose name is percent-encoded in the URL,
goes through the ASGI interface only. Neither client sends ASGI lifespan events, so the fortunes
tests send them to the app as uvicorn does, which opens and closes the sample's pool.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import partial
from typing import Any, NamedTuple

import contract
import httpx
import pytest
import pytest_asyncio
from factories import load_sample
from microdot import Microdot
from microdot.test_client import TestClient

load = partial(load_sample, "microdot")


class Reply(NamedTuple):
    status: int
    content_type: str
    text: str


async def via_test_client(app: Microdot, path: str) -> Reply:
    response = await TestClient(app).get(path)
    return Reply(response.status_code, response.headers.get("Content-Type", ""), response.text)


async def via_asgi(app: Microdot, path: str) -> Reply:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.get(path)
    return Reply(response.status_code, response.headers.get("content-type", ""), response.text)


Get = Callable[[Microdot, str], Awaitable[Reply]]


@pytest.fixture(params=[via_test_client, via_asgi], ids=["test_client", "asgi"])
def get(request: pytest.FixtureRequest) -> Get:
    return request.param


@pytest.mark.asyncio
async def test_hello_world() -> None:
    # The hello world runs on Microdot's own server (app.run), so only the test client applies.
    reply = await via_test_client(load("hello_world").app, contract.HELLO_PATH)
    assert reply.status == 200
    assert reply.content_type.startswith("text/plain")
    assert reply.text == contract.HELLO_BODY


@pytest.mark.asyncio
async def test_json_endpoint(get: Get) -> None:
    reply = await get(load("json_endpoint").app, contract.ITEM_PATH)
    assert reply.status == 200
    assert reply.content_type.startswith("application/json")
    assert json.loads(reply.text) == contract.ITEM_JSON


@pytest.mark.asyncio
async def test_json_endpoint_rejects_non_integer_id(get: Get) -> None:
    # The int segment type only matches an optional minus sign and digits: /items/abc matches no route.
    reply = await get(load("json_endpoint").app, contract.BAD_ITEM_PATH)
    assert reply.status == 404


@pytest.mark.asyncio
async def test_html_template(get: Get) -> None:
    reply = await get(load("html_template").app, contract.GREETING_PATH)
    assert reply.status == 200
    assert reply.content_type.startswith("text/html")
    assert reply.text.strip() == contract.GREETING_HTML


@pytest.mark.asyncio
async def test_html_template_escapes_the_name() -> None:
    reply = await via_asgi(load("html_template").app, contract.HOSTILE_PATH)
    assert reply.status == 200
    assert "<b>" not in reply.text
    assert reply.text.strip() == contract.ESCAPED_HTML


@pytest_asyncio.fixture
async def fortunes_app(fortunes_database: dict[str, str]) -> AsyncIterator[Microdot]:
    """The fortunes app between the ASGI lifespan events an ASGI server sends it at start-up and shut-down."""
    app = load("fortunes").app
    received: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    sent: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    lifespan = asyncio.create_task(app({"type": "lifespan"}, received.get, sent.put))
    await received.put({"type": "lifespan.startup"})
    assert (await sent.get())["type"] == "lifespan.startup.complete"
    try:
        yield app
    finally:
        await received.put({"type": "lifespan.shutdown"})
        assert (await sent.get())["type"] == "lifespan.shutdown.complete"
        await lifespan


@pytest.mark.asyncio
async def test_fortunes(fortunes_app: Microdot, get: Get) -> None:
    reply = await get(fortunes_app, contract.FORTUNES_PATH)
    assert reply.status == 200
    assert reply.content_type.startswith("text/html")
    assert contract.fortune_rows(reply.text) == contract.expected_fortunes()
