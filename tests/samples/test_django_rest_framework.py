"""The Django REST framework samples in data/samples/django-rest-framework/, exercised through
REST framework's test client, rest_framework.test.APIClient (Django's Client, extended).

Django's settings can be configured only once per process, and each sample configures its
own, so every sample runs in a fresh Python subprocess. The subprocess imports the sample by
file path, sends the requests with APIClient and prints the responses as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import contract

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "django-rest-framework"

DRIVER = """
import importlib.util, json, sys

name, path, accept, *urls = sys.argv[1:]
spec = importlib.util.spec_from_file_location(name, path)
module = importlib.util.module_from_spec(spec)
sys.modules[name] = module  # ROOT_URLCONF=__name__ must be importable by that name
spec.loader.exec_module(module)

from django.test.utils import setup_test_environment
from rest_framework.test import APIClient

setup_test_environment()  # what Django's test runner does: allows the host "testserver"
client = APIClient()
headers = {"HTTP_ACCEPT": accept} if accept else {}
responses = []
for url in urls:
    response = client.get(url, **headers)
    responses.append({
        "status": response.status_code,
        "content_type": response["Content-Type"],
        "body": response.content.decode(),
    })
print(json.dumps(responses))
"""


def get(sample: str, *urls: str, accept: str = "") -> list[dict[str, Any]]:
    """GET each URL from the sample app in a fresh interpreter; return status, type, body."""
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, f"sample_drf_{sample}", str(SAMPLES / f"{sample}.py"), accept, *urls],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_hello_world() -> None:
    [response] = get("hello_world", contract.HELLO_PATH)
    assert response["status"] == 200
    assert response["content_type"] == "text/plain; charset=utf-8"
    assert response["body"] == contract.HELLO_BODY


def test_json_endpoint() -> None:
    [response] = get("json_endpoint", contract.ITEM_PATH)
    assert response["status"] == 200
    assert response["content_type"] == "application/json"
    assert json.loads(response["body"]) == contract.ITEM_JSON


def test_json_endpoint_rejects_non_integer_id() -> None:
    # "abc" does not match Django's <int:item_id> converter, so no URL pattern matches: 404.
    [response] = get("json_endpoint", contract.BAD_ITEM_PATH)
    assert response["status"] == 404


def test_json_endpoint_in_a_browser() -> None:
    # A client asking for HTML gets the browsable API, which shows the same JSON.
    [response] = get("json_endpoint", contract.ITEM_PATH, accept="text/html")
    assert response["status"] == 200
    assert response["content_type"] == "text/html; charset=utf-8"
    assert "Item 42" in response["body"]


def test_html_template() -> None:
    [response] = get("html_template", contract.GREETING_PATH)
    assert response["status"] == 200
    assert response["content_type"] == "text/html; charset=utf-8"
    assert response["body"] == "<!doctype html>\n<title>Hello</title>\n<h1>Hello, World!</h1>\n"


def test_html_template_escapes_the_name() -> None:
    [response] = get("html_template", contract.HOSTILE_PATH)
    assert response["status"] == 200
    assert contract.ESCAPED_HTML in response["body"]
    assert "<b>" not in response["body"]


def test_fortunes(fortunes_database: dict[str, str]) -> None:
    # The subprocess inherits the fixture's PGHOST, PGDATABASE and PGUSER.
    [response] = get("fortunes", contract.FORTUNES_PATH)
    assert response["status"] == 200
    assert response["content_type"].startswith("text/html")
    assert contract.fortune_rows(response["body"]) == contract.expected_fortunes()
