from connexion import AsyncApp
from connexion.resolver import RelativeResolver

spec = {
    "openapi": "3.0.3",
    "info": {"title": "Items", "version": "1.0"},
    "paths": {
        "/items/{item_id}": {
            "get": {
                "operationId": "read_item",
                # An integer path parameter gets an int route converter: /items/abc matches no route (404).
                "parameters": [{"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {
                    "200": {"description": "An item", "content": {"application/json": {"schema": {"type": "object"}}}}
                },
            }
        }
    },
}


# Connexion passes the converted parameter in by name and serializes the dict to JSON.
async def read_item(item_id: int) -> dict:
    return {"id": item_id, "name": f"Item {item_id}"}


app = AsyncApp(__name__)
app.add_api(spec, resolver=RelativeResolver(__name__))
