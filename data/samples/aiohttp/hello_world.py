from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/")
async def hello(request: web.Request) -> web.Response:
    return web.Response(text="Hello, World!")


app = web.Application()
app.add_routes(routes)

# aiohttp serves the app with its own HTTP server: `python hello_world.py`.
if __name__ == "__main__":
    web.run_app(app)
