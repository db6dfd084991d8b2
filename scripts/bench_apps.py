"""What scripts/bench_frameworks.py serves besides the samples' own apps.

- `wsgi` and `asgi`: bare applications with no framework, answering the samples' requests
  (tests/samples/contract.py) the way a hand-written app would: the baselines that every
  framework is compared with, on the same server and in the same rounds. For /fortunes they
  query PostgreSQL (libpq's environment names it) with the drivers the samples use: psycopg,
  one connection per thread, under WSGI; an asyncpg pool made at start-up under ASGI.
- Run as a script, it serves a sample on its framework's own server, as that framework's
  documentation deploys it (one process, asyncio's default event loop):

      python scripts/bench_apps.py aiohttp data/samples/aiohttp/json_endpoint.py 127.0.0.1 8000
      python scripts/bench_apps.py tornado data/samples/tornado/html_template.py 127.0.0.1 8000
      python scripts/bench_apps.py robyn data/samples/robyn/fortunes.py 127.0.0.1 8000

Only the standard library is imported at module level, so servers import `wsgi` and `asgi`
without the harness or any framework; the database drivers are imported when first needed.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import sys
import threading
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

ITEM = re.compile(r"/items/([0-9]+)")
GREETING = re.compile(r"/hello/([^/]+)")
PAGE = "<!doctype html>\n<title>Hello</title>\n<h1>Hello, {}!</h1>\n"
HTML = "text/html; charset=utf-8"
FORTUNES = "/fortunes"
FORTUNES_QUERY = "SELECT id, message FROM fortune"
FORTUNE_ADDED = "A fortune added at request time."
FORTUNES_HEAD = (
    "<!doctype html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>"
)
FORTUNES_TAIL = "</table></body></html>"


def fortunes_page(rows: Iterable[tuple[int, str]]) -> bytes:
    ordered = sorted([*rows, (0, FORTUNE_ADDED)], key=lambda row: row[1])
    cells = "".join(f"<tr><td>{number}</td><td>{html.escape(message)}</td></tr>" for number, message in ordered)
    return (FORTUNES_HEAD + cells + FORTUNES_TAIL).encode()


def respond(path: str) -> tuple[int, str, bytes]:
    """Status, content type and body for a percent-decoded request path."""
    if match := ITEM.fullmatch(path):
        item_id = int(match.group(1))
        return 200, "application/json", json.dumps({"id": item_id, "name": f"Item {item_id}"}).encode()
    if match := GREETING.fullmatch(path):
        return 200, HTML, PAGE.format(html.escape(match.group(1))).encode()
    return 404, "text/plain; charset=utf-8", b"Not Found"


REASONS = {200: "200 OK", 404: "404 Not Found"}


connections = threading.local()


def fortune_rows() -> list[tuple[int, str]]:
    """The rows over this thread's own connection, opened on first use and kept."""
    import psycopg

    if not hasattr(connections, "database"):
        connections.database = psycopg.connect(autocommit=True)
    return connections.database.execute(FORTUNES_QUERY).fetchall()


def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    # PATH_INFO is percent-decoded bytes carried as latin-1 text (PEP 3333).
    path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "replace")
    status, content_type, body = (200, HTML, fortunes_page(fortune_rows())) if path == FORTUNES else respond(path)
    start_response(REASONS[status], [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


pools: dict[str, Any] = {}


async def asgi(scope: dict[str, Any], receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                import asyncpg  # type: ignore[import-untyped]

                pools["database"] = await asyncpg.create_pool()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await pools.pop("database").close()
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["path"] == FORTUNES:
        async with pools["database"].acquire() as connection:
            rows = await connection.fetch(FORTUNES_QUERY)
        status, content_type, body = 200, HTML, fortunes_page((row[0], row[1]) for row in rows)
    else:
        status, content_type, body = respond(scope["path"])
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def load(path: Path) -> Any:
    """Import a sample by file path, registered in sys.modules as a normal import would be."""
    name = f"sample_{path.parent.name}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def serve(framework: str, sample: Path, host: str, port: int) -> None:
    if framework == "robyn":
        # Robyn reads its settings from the command line when the app is made: one process with
        # one worker thread, warnings only (its --fast would start 2 x cores + 1 processes).
        sys.argv = [str(sample), "--processes", "1", "--workers", "1", "--log-level", "WARNING"]
    app = load(sample).app
    if framework == "robyn":
        app.start(host=host, port=port, _check_port=False)
    elif framework == "aiohttp":
        from aiohttp import web

        # aiohttp's standalone server (web.run_app); no access log, no banner.
        web.run_app(app, host=host, port=port, access_log=None, print=None)
    elif framework == "tornado":
        import asyncio

        # Tornado's single-process deployment: Application.listen on the running event loop.
        async def main() -> None:
            app.listen(port, address=host)
            await asyncio.Event().wait()

        asyncio.run(main())
    else:
        raise SystemExit(f"no own-server runner for {framework!r}: expected aiohttp, tornado or robyn")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    serve(sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
