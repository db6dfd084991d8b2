"""Litestar samples, exercised through litestar.testing.TestClient (on HTTPX; no server needed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from litestar.testing import TestClient

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "litestar"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"sample_litestar_{name}", SAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    # Litestar resolves handler type hints through sys.modules[handler.__module__], so the
    # module must be registered under its (sample-specific) name, as a normal import would do.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def client(name: str) -> TestClient:
    return TestClient(app=load(name).app)


def test_hello_world() -> None:
    with client("hello_world") as test_client:
        response = test_client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == "Hello, World!"


def test_json_endpoint() -> None:
    with client("json_endpoint") as test_client:
        response = test_client.get("/items/42")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"id": 42, "name": "Item 42"}


def test_json_endpoint_rejects_non_integer() -> None:
    # "abc" does not match the {item_id:int} path segment, so no route matches: 404.
    with client("json_endpoint") as test_client:
        response = test_client.get("/items/abc")
    assert response.status_code == 404
    assert response.json() == {"status_code": 404, "detail": "Not Found"}


def test_html_template() -> None:
    with client("html_template") as test_client:
        response = test_client.get("/hello/World")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text.strip() == "<h1>Hello, World!</h1>"


def test_html_template_escapes_name() -> None:
    with client("html_template") as test_client:
        response = test_client.get("/hello/%3Cb%3E")
    assert response.status_code == 200
    assert "&lt;b&gt;" in response.text
    assert "<b>" not in response.text
    assert response.text.strip() == "<h1>Hello, &lt;b&gt;!</h1>"
