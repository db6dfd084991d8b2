from pathlib import Path

import asyncpg
from blacksheep import Application, get
from blacksheep.server.rendering.jinja2 import JinjaRenderer
from blacksheep.server.responses import view
from blacksheep.settings.html import html_settings
from jinja2 import FileSystemLoader

html_settings.use(JinjaRenderer(FileSystemLoader(Path(__file__).parent / "templates")))

app = Application()


# The pool opens when the application starts and closes when it stops; registered as a service,
# it is injected into every handler that asks for an asyncpg.Pool. Without arguments, asyncpg
# reads libpq's environment variables (PGHOST, PGDATABASE, PGUSER).
@app.lifespan
async def database_pool():
    async with asyncpg.create_pool() as pool:
        app.services.register(asyncpg.Pool, instance=pool)
        yield


@get("/fortunes")
async def fortunes(pool: asyncpg.Pool):
    rows = await pool.fetch("SELECT id, message FROM fortune")
    rows.append((0, "A fortune added at request time."))
    # Sorted here rather than by ORDER BY, so that the added row takes its place too.
    return view("fortunes.jinja", {"fortunes": sorted(rows, key=lambda row: row[1])})
