"""Emmett samples, exercised through Emmett's own test client (app.test_client(), which calls
the app's RSGI interface in process) and through its ASGI interface (httpx.ASGITransport), the
one `granian --interface asgi` serves.

Emmett's test client hands the app the path as sent, still percent-encoded, where Granian
decodes it under both interfaces; so the escaping test, whose name is percent-encoded in the
URL, goes through the ASGI interface only.

An Emmett App creates languages/, logs/ and static/ folders next to its module when they are
missing; data/samples/ allows no such folders, so the tests turn that off.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import NamedTuple

import contract
import emmett.app
import httpx
import pytest
from emmett import App
from factories import load_sample


class Reply(NamedTuple):
    status: int
    content_type: str
    text: str


def via_test_client(app: App, path: str) -> Reply:
    response = app.test_client().get(path)
    return Reply(response.status, response.headers["content-type"], response.data)


def via_asgi(app: App, path: str) -> Reply:
    async def get() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get(path)

    response = asyncio.run(get())
    return Reply(response.status_code, response.headers["content-type"], response.text)


Get = Callable[[App, str], Reply]


@pytest.fixture(params=[via_test_client, via_asgi], ids=["test_client", "asgi"])
def get(request: pytest.FixtureRequest) -> Get:
    return request.param


@pytest.fixture(autouse=True)
def no_app_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(emmett.app, "create_missing_app_folders", lambda app, folders: None)


def load(name: str) -> App:
    # Each App makes itself Emmett's current app, so each test loads its sample afresh.
    return load_sample("emmett", name).app


def test_hello_world(get: Get) -> None:
    reply = get(load("hello_world"), contract.HELLO_PATH)
    assert reply.status == 200
    assert reply.text == contract.HELLO_BODY


def test_json_endpoint(get: Get) -> None:
    reply = get(load("json_endpoint"), contract.ITEM_PATH)
    assert reply.status == 200
    assert reply.content_type.startswith("application/json")
    assert json.loads(reply.text) == contract.ITEM_JSON


def test_json_endpoint_rejects_non_integer(get: Get) -> None:
    # The int path variable does not match /items/abc, so no route matches: 404.
    assert get(load("json_endpoint"), contract.BAD_ITEM_PATH).status == 404


def test_html_template(get: Get) -> None:
    reply = get(load("html_template"), contract.GREETING_PATH)
    assert reply.status == 200
    assert reply.content_type.startswith("text/html")
    assert reply.text.strip() == contract.GREETING_HTML


def test_html_template_escapes_name() -> None:
    reply = via_asgi(load("html_template"), contract.HOSTILE_PATH)
    assert reply.status == 200
    assert "&lt;b&gt;" in reply.text
    assert "<b>" not in reply.text
    assert reply.text.strip() == contract.ESCAPED_HTML


def test_fortunes(get: Get, fortunes_database: dict[str, str]) -> None:
    # The sample reads libpq's environment when it is imported: after the fixture has set it.
    reply = get(load("fortunes"), contract.FORTUNES_PATH)
    assert reply.status == 200
    assert reply.content_type.startswith("text/html")
    assert contract.fortune_rows(reply.text) == contract.expected_fortunes()
