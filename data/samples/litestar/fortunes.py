from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from litestar import Litestar, get
from litestar.datastructures import State
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template import TemplateConfig


# The pool opens when the server starts and closes when it stops. Without arguments, asyncpg
# reads libpq's environment variables (PGHOST, PGDATABASE, PGUSER).
@asynccontextmanager
async def database(app: Litestar) -> AsyncIterator[None]:
    async with asyncpg.create_pool() as pool:
        app.state.pool = pool
        yield


@get("/fortunes")
async def fortunes(state: State) -> Template:
    rows = await state.pool.fetch("SELECT id, message FROM fortune")
    rows.append((0, "A fortune added at request time."))
    # Sorted here rather than by ORDER BY, so that the added row takes its place too.
    return Template(template_name="fortunes.html", context={"fortunes": sorted(rows, key=lambda row: row[1])})


app = Litestar(
    route_handlers=[fortunes],
    lifespan=[database],
    template_config=TemplateConfig(directory=Path(__file__).parent / "templates", engine=JinjaTemplateEngine),
)
