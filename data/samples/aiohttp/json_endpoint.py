from aiohttp import web

routes = web.RouteTableDef()


# {item_id:\d+} only matches digits, so /items/abc matches no route: 404.
# Matched values are strings; the handler converts them itself.
@routes.get(r"/items/{item_id:\d+}")
async def get_item(request: web.Request) -> web.Response:
    item_id = int(request.match_info["item_id"])
    return web.json_response({"id": item_id, "name": f"Item {item_id}"})


app = web.Application()
app.add_routes(routes)
