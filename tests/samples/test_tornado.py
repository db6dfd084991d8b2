"""Tornado samples, exercised through tornado.testing.AsyncHTTPTestCase.

Each test case starts the app on Tornado's HTTP server on 127.0.0.1 (an unused port) with a
fresh event loop, and fetches pages with Tornado's HTTP client.
"""

from __future__ import annotations

import json
from functools import partial

import contract
import pytest
import tornado.web
from factories import load_sample
from tornado.testing import AsyncHTTPTestCase

load = partial(load_sample, "tornado")


class TestHelloWorld(AsyncHTTPTestCase):
    def get_app(self) -> tornado.web.Application:
        return load("hello_world").app

    def test_hello_world(self) -> None:
        response = self.fetch(contract.HELLO_PATH)
        assert response.code == 200
        assert response.body == contract.HELLO_BODY.encode()


class TestJsonEndpoint(AsyncHTTPTestCase):
    def get_app(self) -> tornado.web.Application:
        return load("json_endpoint").app

    def test_json_endpoint(self) -> None:
        response = self.fetch(contract.ITEM_PATH)
        assert response.code == 200
        assert response.headers["Content-Type"].startswith("application/json")
        assert json.loads(response.body) == contract.ITEM_JSON

    def test_json_endpoint_rejects_non_integer(self) -> None:
        # The route pattern only matches digits, so no route matches: 404.
        response = self.fetch(contract.BAD_ITEM_PATH)
        assert response.code == 404


class TestHtmlTemplate(AsyncHTTPTestCase):
    def get_app(self) -> tornado.web.Application:
        return load("html_template").app

    def test_html_template(self) -> None:
        response = self.fetch(contract.GREETING_PATH)
        assert response.code == 200
        assert response.headers["Content-Type"].startswith("text/html")
        assert response.body.decode().strip() == contract.GREETING_HTML

    def test_html_template_escapes_name(self) -> None:
        response = self.fetch(contract.HOSTILE_PATH)
        assert response.code == 200
        text = response.body.decode()
        assert "&lt;b&gt;" in text
        assert "<b>" not in text
        assert text.strip() == contract.ESCAPED_HTML


@pytest.mark.usefixtures("fortunes_database")
class TestFortunes(AsyncHTTPTestCase):
    def get_app(self) -> tornado.web.Application:
        self.sample = load("fortunes")
        return self.sample.app

    def tearDown(self) -> None:
        # Tornado has no shut-down hook: close the pool that the sample's first request created.
        self.io_loop.run_sync(lambda: self.sample.pool().result().close())
        super().tearDown()

    def test_fortunes(self) -> None:
        response = self.fetch(contract.FORTUNES_PATH)
        assert response.code == 200
        assert response.headers["Content-Type"].startswith("text/html")
        assert contract.fortune_rows(response.body.decode()) == contract.expected_fortunes()
