from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.templating import Jinja2Templates

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


# The pool opens when the server starts and closes when it stops. Without arguments, asyncpg
# reads libpq's environment variables (PGHOST, PGDATABASE, PGUSER).
@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[dict[str, asyncpg.Pool]]:
    async with asyncpg.create_pool() as pool:
        yield {"pool": pool}  # each request sees it as request.state.pool


async def fortunes(request: Request) -> HTMLResponse:
    rows = await request.state.pool.fetch("SELECT id, message FROM fortune")
    rows.append((0, "A fortune added at request time."))
    # Sorted here rather than by ORDER BY, so that the added row takes its place too.
    return templates.TemplateResponse(request, "fortunes.html", {"fortunes": sorted(rows, key=lambda row: row[1])})


app = Starlette(routes=[Route("/fortunes", fortunes)], lifespan=lifespan)
