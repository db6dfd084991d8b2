"""The Flask samples in data/samples/flask/, exercised through Flask's own test client."""

from __future__ import annotations

from functools import partial

from factories import load_sample

load = partial(load_sample, "flask")


def test_hello_world() -> None:
    client = load("hello_world").app.test_client()
    response = client.get("/")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "Hello, World!"


def test_json_endpoint() -> None:
    client = load("json_endpoint").app.test_client()
    response = client.get("/items/42")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == {"id": 42, "name": "Item 42"}


def test_json_endpoint_rejects_non_integer_id() -> None:
    client = load("json_endpoint").app.test_client()
    response = client.get("/items/abc")
    assert response.status_code == 404


def test_html_template() -> None:
    client = load("html_template").app.test_client()
    response = client.get("/hello/World")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.get_data(as_text=True) == "<!doctype html>\n<title>Hello</title>\n<h1>Hello, World!</h1>"


def test_html_template_escapes_the_name() -> None:
    client = load("html_template").app.test_client()
    response = client.get("/hello/%3Cb%3E")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<h1>Hello, &lt;b&gt;!</h1>" in body
    assert "<b>" not in body
