from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp_jinja2
import asyncpg
import jinja2
from aiohttp import web

routes = web.RouteTableDef()
pool_key = web.AppKey("pool", asyncpg.Pool)


# A cleanup context runs up to `yield` when the app starts and the rest when it stops.
# Without arguments, asyncpg reads libpq's environment variables (PGHOST, PGDATABASE, PGUSER).
async def database(app: web.Application) -> AsyncIterator[None]:
    async with asyncpg.create_pool() as pool:
        app[pool_key] = pool
        yield


@routes.get("/fortunes")
@aiohttp_jinja2.template("fortunes.html")
async def fortunes(request: web.Request) -> dict[str, list]:
    rows = await request.app[pool_key].fetch("SELECT id, message FROM fortune")
    rows.append((0, "A fortune added at request time."))
    # Sorted here rather than by ORDER BY, so that the added row takes its place too.
    return {"fortunes": sorted(rows, key=lambda row: row[1])}


app = web.Application()
aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"))
app.cleanup_ctx.append(database)
app.add_routes(routes)
