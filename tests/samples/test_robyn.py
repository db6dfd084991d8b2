"""Robyn samples, exercised through robyn.testing.TestClient, and through Robyn's own server.

TestClient (Robyn's in-process client) calls the route handlers without a server, with Robyn's
parameter conversion and middleware order, but it runs no startup or shutdown handler and sets
no content type on a returned dict: the Rust server does both. So fortunes.py, whose pool opens
in a startup handler, and the JSON reply's content type are checked against Robyn's own server,
started with app.start() in a subprocess on a free port and queried with httpx.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path

import contract
import httpx
import pytest
from factories import load_sample
from robyn import testing

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "robyn"
START_TIMEOUT_SECONDS = 30

# Imports the sample by path, as load_sample does, and serves its app on Robyn's own server
# with its defaults: one process, one worker.
SERVE = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("sample_robyn_" + sys.argv[1], sys.argv[2])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
module.app.start(host="127.0.0.1", port=int(sys.argv[3]), _check_port=False)
"""

load = partial(load_sample, "robyn")


def get(sample: str, path: str) -> testing.TestResponse:
    """GET a path from the sample's app through Robyn's in-process TestClient."""
    with testing.TestClient(load(sample).app) as test_client:
        return test_client.get(path)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(sample: str, log: Path) -> Iterator[httpx.Client]:
    """Serve a sample on Robyn's server until the block ends; yield an httpx client for it."""
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-c", SERVE, sample, str(SAMPLES / f"{sample}.py"), str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            assert server.poll() is None, f"the server stopped: {log.read_text()}"
            assert time.monotonic() < deadline, f"the server did not listen: {log.read_text()}"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
            yield http
    finally:
        # Ctrl+C's signal: a single-process Robyn 0.88 server stops serving on SIGTERM but does
        # not exit (sparckles/Robyn issue 1324), while SIGINT ends it at once.
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Callable[[str], httpx.Client]]:
    """served(sample) -> an httpx client for the sample on Robyn's server, stopped after the test."""
    with ExitStack() as stack:
        yield lambda sample: stack.enter_context(serve(sample, tmp_path / f"{sample}.log"))


def test_hello_world() -> None:
    response = get("hello_world", contract.HELLO_PATH)
    assert response.status_code == 200
    assert response.text == contract.HELLO_BODY


def test_json_endpoint() -> None:
    response = get("json_endpoint", contract.ITEM_PATH)
    assert response.status_code == 200
    assert response.json() == contract.ITEM_JSON


def test_json_endpoint_rejects_non_integer() -> None:
    # Robyn converts the annotated path parameter and answers 400 when it is not an integer.
    response = get("json_endpoint", contract.BAD_ITEM_PATH)
    assert response.status_code == 400
    assert "item_id" in response.text


def test_json_endpoint_served(served: Callable[[str], httpx.Client]) -> None:
    http = served("json_endpoint")
    response = http.get(contract.ITEM_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == contract.ITEM_JSON
    assert http.get(contract.BAD_ITEM_PATH).status_code == 400


def test_html_template() -> None:
    response = get("html_template", contract.GREETING_PATH)
    assert response.status_code == 200
    assert response.headers.get("content-type").startswith("text/html")
    assert response.text.strip() == contract.GREETING_HTML


def test_html_template_escapes_name() -> None:
    response = get("html_template", contract.HOSTILE_PATH)
    assert response.status_code == 200
    assert "&lt;b&gt;" in response.text
    assert "<b>" not in response.text
    assert response.text.strip() == contract.ESCAPED_HTML


def test_fortunes(served: Callable[[str], httpx.Client], fortunes_database: dict[str, str]) -> None:
    # The server process inherits the libpq environment; its startup handler opens the pool.
    response = served("fortunes").get(contract.FORTUNES_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert contract.fortune_rows(response.text) == contract.expected_fortunes()
