import asyncio
import functools
from pathlib import Path

import asyncpg
import tornado


# Tornado has no start-up hook, and `app` is built before the server's event loop runs, so the
# first request creates the pool, in that loop. The task is cached rather than the pool, so that
# requests arriving while it connects wait for the same one. Without arguments, asyncpg reads
# libpq's environment variables (PGHOST, PGDATABASE, PGUSER).
@functools.cache
def pool() -> asyncio.Future[asyncpg.Pool]:
    return asyncio.ensure_future(asyncpg.create_pool())


class FortunesHandler(tornado.web.RequestHandler):
    async def get(self) -> None:
        rows = await (await pool()).fetch("SELECT id, message FROM fortune")
        rows.append((0, "A fortune added at request time."))
        # Sorted here rather than by ORDER BY, so that the added row takes its place too.
        self.render("fortunes.html", fortunes=sorted(rows, key=lambda row: row[1]))


app = tornado.web.Application(
    [(r"/fortunes", FortunesHandler)],
    template_path=Path(__file__).parent / "templates",
)
