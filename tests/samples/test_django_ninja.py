"""The Django Ninja samples in data/samples/django-ninja/, exercised through ninja.testing.TestClient.

Each sample is a single-file Django project, and Django's settings can be configured only once
per process, so every sample runs in a fresh Python subprocess (as in test_django.py). The
subprocess imports the sample by file path, sends the requests and prints the responses as JSON.

Ninja's TestClient calls the API's operations directly, without Django's middleware or URLconf.
Each request is therefore also sent through Django's test client, which Ninja's testing guide
calls fully compatible, to check the samples as a server runs them: mounted in the URLconf,
behind startproject's middleware and ALLOWED_HOSTS.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import contract
import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "django-ninja"

DRIVER = """
import importlib.util, json, sys
from urllib.parse import unquote

name, path, kind, *urls = sys.argv[1:]
spec = importlib.util.spec_from_file_location(name, path)
module = importlib.util.module_from_spec(spec)
sys.modules[name] = module  # ROOT_URLCONF=__name__ must be importable by that name
spec.loader.exec_module(module)

if kind == "ninja":
    from ninja.testing import TestClient

    client = TestClient(module.api)
else:
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # what Django's test runner does: allows the host "testserver"
    client = Client()
responses = []
for url in urls:
    # A server hands Django the path percent-decoded; Ninja's TestClient matches the path as
    # given, so it gets the decoded one. Django's test client decodes it itself.
    response = client.get(unquote(url) if kind == "ninja" else url)
    responses.append({
        "status": response.status_code,
        "content_type": response["Content-Type"],
        "body": response.content.decode(),
    })
print(json.dumps(responses))
"""

CLIENTS = pytest.mark.parametrize("kind", ["ninja", "django"])


def get(sample: str, kind: str, *urls: str) -> list[dict[str, Any]]:
    """GET each URL from the sample app in a fresh interpreter; return status, type, body."""
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, f"sample_django_ninja_{sample}", str(SAMPLES / f"{sample}.py"), kind, *urls],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@CLIENTS
def test_hello_world(kind: str) -> None:
    [response] = get("hello_world", kind, contract.HELLO_PATH)
    assert response["status"] == 200
    assert response["content_type"] == "text/plain"
    assert response["body"] == contract.HELLO_BODY


@CLIENTS
def test_json_endpoint(kind: str) -> None:
    [response] = get("json_endpoint", kind, contract.ITEM_PATH)
    assert response["status"] == 200
    assert response["content_type"].startswith("application/json")
    assert json.loads(response["body"]) == contract.ITEM_JSON


@CLIENTS
def test_json_endpoint_rejects_non_integer(kind: str) -> None:
    # Ninja validates the int path parameter with Pydantic and answers 422 with the error.
    [response] = get("json_endpoint", kind, contract.BAD_ITEM_PATH)
    assert response["status"] == 422
    assert json.loads(response["body"])["detail"][0]["loc"] == ["path", "item_id"]


@CLIENTS
def test_html_template(kind: str) -> None:
    [response] = get("html_template", kind, contract.GREETING_PATH)
    assert response["status"] == 200
    assert response["content_type"] == "text/html; charset=utf-8"
    assert response["body"] == "<!doctype html>\n<title>Hello</title>\n<h1>Hello, World!</h1>\n"


@CLIENTS
def test_html_template_escapes_the_name(kind: str) -> None:
    [response] = get("html_template", kind, contract.HOSTILE_PATH)
    assert response["status"] == 200
    assert contract.ESCAPED_HTML in response["body"]
    assert "<b>" not in response["body"]


@CLIENTS
def test_fortunes(kind: str, fortunes_database: dict[str, str]) -> None:
    # The subprocess inherits the fixture's PGHOST, PGDATABASE and PGUSER.
    [response] = get("fortunes", kind, contract.FORTUNES_PATH)
    assert response["status"] == 200
    assert response["content_type"].startswith("text/html")
    assert contract.fortune_rows(response["body"]) == contract.expected_fortunes()
