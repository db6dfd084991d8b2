import asyncpg
from robyn import Robyn
from robyn.templating import render

app = Robyn(__file__)
db: dict[str, asyncpg.Pool] = {}


# Startup and shutdown handlers run in each server process, on the event loop of its async
# handlers. Without arguments, asyncpg reads libpq's environment (PGHOST, PGDATABASE, PGUSER).
@app.startup_handler
async def open_pool() -> None:
    db["pool"] = await asyncpg.create_pool()


@app.shutdown_handler
async def close_pool() -> None:
    await db["pool"].close()


@app.get("/fortunes")
async def fortunes():
    rows = await db["pool"].fetch("SELECT id, message FROM fortune")
    rows.append((0, "A fortune added at request time."))
    # Sorted here rather than by ORDER BY, so that the added row takes its place too.
    return render("fortunes.html", fortunes=sorted(rows, key=lambda row: row[1]))


if __name__ == "__main__":
    app.start(host="127.0.0.1", port=8080)
