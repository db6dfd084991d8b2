from blacksheep import Application, get

app = Application()


# The int annotation makes BlackSheep parse the route value: /items/abc gets 400 Bad Request.
@get("/items/{item_id}")
async def read_item(item_id: int) -> dict[str, int | str]:
    return {"id": item_id, "name": f"Item {item_id}"}  # returned objects are sent as JSON
