from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from connexion import AsyncApp, ConnexionMiddleware, request
from connexion.resolver import RelativeResolver
from jinja2 import Environment, FileSystemLoader, select_autoescape

# Jinja2 autoescapes .html templates, so messages that hold markup stay text.
templates = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape())

spec = {
    "openapi": "3.0.3",
    "info": {"title": "Fortunes", "version": "1.0"},
    "paths": {
        "/fortunes": {
            "get": {
                "operationId": "fortunes",
                "responses": {
                    "200": {"description": "A page", "content": {"text/html": {"schema": {"type": "string"}}}}
                },
            }
        }
    },
}


# The pool opens when the server starts and closes when it stops. Without arguments, asyncpg
# reads libpq's environment variables (PGHOST, PGDATABASE, PGUSER).
@asynccontextmanager
async def lifespan(app: ConnexionMiddleware) -> AsyncIterator[dict[str, asyncpg.Pool]]:
    async with asyncpg.create_pool() as pool:
        yield {"pool": pool}  # each request sees it as request.state.pool


async def fortunes() -> str:
    rows = await request.state.pool.fetch("SELECT id, message FROM fortune")
    rows.append((0, "A fortune added at request time."))
    # Sorted here rather than by ORDER BY, so that the added row takes its place too.
    return templates.get_template("fortunes.html").render(fortunes=sorted(rows, key=lambda row: row[1]))


app = AsyncApp(__name__, lifespan=lifespan)
app.add_api(spec, resolver=RelativeResolver(__name__))
