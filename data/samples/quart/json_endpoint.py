from quart import Quart

app = Quart(__name__)


# The int converter only matches digits, so /items/abc gets a 404.
@app.get("/items/<int:item_id>")
async def read_item(item_id: int) -> dict[str, int | str]:
    # A returned dict is sent as a JSON response.
    return {"id": item_id, "name": f"Item {item_id}"}
