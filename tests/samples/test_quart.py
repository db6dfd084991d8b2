"""The Quart samples in data/samples/quart/, exercised through Quart's own test client."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "quart"


def load(name: str) -> ModuleType:
    """Import a sample module by file path (the samples folder is not a package)."""
    spec = importlib.util.spec_from_file_location(f"sample_quart_{name}", SAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.asyncio
async def test_hello_world() -> None:
    client = load("hello_world").app.test_client()
    response = await client.get("/")
    assert response.status_code == 200
    assert await response.get_data(as_text=True) == "Hello, World!"


@pytest.mark.asyncio
async def test_json_endpoint() -> None:
    client = load("json_endpoint").app.test_client()
    response = await client.get("/items/42")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert await response.get_json() == {"id": 42, "name": "Item 42"}


@pytest.mark.asyncio
async def test_json_endpoint_rejects_non_integer_id() -> None:
    client = load("json_endpoint").app.test_client()
    response = await client.get("/items/abc")
    assert response.status_code == 404


@pytest.mark.asyncio
async def test_html_template() -> None:
    client = load("html_template").app.test_client()
    response = await client.get("/hello/World")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert await response.get_data(as_text=True) == "<!doctype html>\n<title>Hello</title>\n<h1>Hello, World!</h1>"


@pytest.mark.asyncio
async def test_html_template_escapes_the_name() -> None:
    client = load("html_template").app.test_client()
    response = await client.get("/hello/%3Cb%3E")
    assert response.status_code == 200
    body = await response.get_data(as_text=True)
    assert "<h1>Hello, &lt;b&gt;!</h1>" in body
    assert "<b>" not in body
