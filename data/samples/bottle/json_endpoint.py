from bottle import Bottle

app = Bottle()


# The int filter converts the segment to an int; /items/abc matches no route: 404.
@app.get("/items/<item_id:int>")
def get_item(item_id: int) -> dict:
    # Bottle serializes a returned dict as JSON.
    return {"id": item_id, "name": f"Item {item_id}"}
