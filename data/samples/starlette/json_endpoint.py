from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def read_item(request: Request) -> JSONResponse:
    item_id = request.path_params["item_id"]  # already an int, thanks to the convertor
    return JSONResponse({"id": item_id, "name": f"Item {item_id}"})


# The :int convertor only matches digits, so /items/abc matches no route: 404.
app = Starlette(routes=[Route("/items/{item_id:int}", read_item)])
