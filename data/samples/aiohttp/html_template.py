from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

# aiohttp has no template engine; the official aiohttp-jinja2 extension adds Jinja2,
# with auto-escaping on by default.
routes = web.RouteTableDef()


@routes.get("/hello/{name}")
@aiohttp_jinja2.template("hello.html")
async def hello(request: web.Request) -> dict[str, str]:
    return {"name": request.match_info["name"]}


app = web.Application()
aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"))
app.add_routes(routes)
