from pathlib import Path

import asyncpg
from quart import Quart, render_template

app = Quart(__name__, template_folder=Path(__file__).parent / "templates")


# Without arguments, asyncpg reads libpq's environment variables (PGHOST, PGDATABASE, PGUSER).
@app.before_serving
async def create_pool() -> None:
    app.pool = await asyncpg.create_pool()


@app.after_serving
async def close_pool() -> None:
    await app.pool.close()


@app.get("/fortunes")
async def fortunes() -> str:
    rows = await app.pool.fetch("SELECT id, message FROM fortune")
    rows.append((0, "A fortune added at request time."))
    # Sorted here rather than by ORDER BY, so that the added row takes its place too.
    return await render_template("fortunes.html", fortunes=sorted(rows, key=lambda row: row[1]))
