from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


# The pool opens when the server starts and closes when it stops. Without arguments, asyncpg
# reads libpq's environment variables (PGHOST, PGDATABASE, PGUSER).
@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, asyncpg.Pool]]:
    async with asyncpg.create_pool() as pool:
        yield {"pool": pool}  # each request sees it as request.state.pool


app = FastAPI(lifespan=lifespan)


@app.get("/fortunes", response_class=HTMLResponse)
async def fortunes(request: Request):
    rows = await request.state.pool.fetch("SELECT id, message FROM fortune")
    rows.append((0, "A fortune added at request time."))
    # Sorted here rather than by ORDER BY, so that the added row takes its place too.
    context = {"fortunes": sorted(rows, key=lambda row: row[1])}
    return templates.TemplateResponse(request=request, name="fortunes.html", context=context)
