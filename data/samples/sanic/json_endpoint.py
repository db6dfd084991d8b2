from sanic import Request, Sanic
from sanic.response import json

app = Sanic("JsonEndpoint")


# <item_id:int> only matches digits and casts them; /items/abc matches no route: 404.
@app.get("/items/<item_id:int>")
async def get_item(request: Request, item_id: int):
    return json({"id": item_id, "name": f"Item {item_id}"})
