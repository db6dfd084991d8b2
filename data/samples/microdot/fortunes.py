from pathlib import Path

import asyncpg
from microdot.asgi import Microdot
from microdot.jinja import Template

Template.initialize(Path(__file__).parent / "templates")


# The ASGI server calls these at start-up and shut-down (lifespan events). Without arguments,
# asyncpg reads libpq's environment variables (PGHOST, PGDATABASE, PGUSER).
async def open_pool(scope):
    app.pool = await asyncpg.create_pool()


async def close_pool(scope):
    await app.pool.close()


app = Microdot(lifespan_startup=open_pool, lifespan_shutdown=close_pool)


@app.get("/fortunes")
async def fortunes(request):
    rows = await app.pool.fetch("SELECT id, message FROM fortune")
    rows.append((0, "A fortune added at request time."))
    # Sorted here rather than by ORDER BY, so that the added row takes its place too.
    page = Template("fortunes.html").render(fortunes=sorted(rows, key=lambda row: row[1]))
    return page, {"Content-Type": "text/html; charset=UTF-8"}
