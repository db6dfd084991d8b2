from pathlib import Path

import asyncpg
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Request, Sanic
from sanic.response import html

templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(),
    enable_async=True,
)

app = Sanic("Fortunes")


# Listeners run in each worker process, inside its event loop. Without arguments, asyncpg
# reads libpq's environment variables (PGHOST, PGDATABASE, PGUSER).
@app.before_server_start
async def create_pool(app: Sanic) -> None:
    app.ctx.pool = await asyncpg.create_pool()


@app.after_server_stop
async def close_pool(app: Sanic) -> None:
    await app.ctx.pool.close()


@app.get("/fortunes")
async def fortunes(request: Request):
    rows = await request.app.ctx.pool.fetch("SELECT id, message FROM fortune")
    rows.append((0, "A fortune added at request time."))
    # Sorted here rather than by ORDER BY, so that the added row takes its place too.
    page = await templates.get_template("fortunes.html").render_async(fortunes=sorted(rows, key=lambda row: row[1]))
    return html(page)
