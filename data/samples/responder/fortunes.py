from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import responder


# The pool opens when the server starts and closes when it stops. Without arguments, asyncpg
# reads libpq's environment variables (PGHOST, PGDATABASE, PGUSER).
@asynccontextmanager
async def lifespan(api):
    async with asyncpg.create_pool() as pool:
        api.state.pool = pool
        yield


api = responder.API(lifespan=lifespan, templates_dir=Path(__file__).parent / "templates", sessions=False)


@api.get("/fortunes")
async def fortunes(req, resp):
    rows = await req.api.state.pool.fetch("SELECT id, message FROM fortune")
    rows.append((0, "A fortune added at request time."))
    # Sorted here rather than by ORDER BY, so that the added row takes its place too.
    resp.render("fortunes.html", fortunes=sorted(rows, key=lambda row: row[1]))
