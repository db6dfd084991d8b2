from robyn import Robyn

app = Robyn(__file__)


# The annotation makes Robyn convert the path parameter to int; /items/abc gets a 400.
# A returned dict is encoded with orjson and sent as application/json.
@app.get("/items/:item_id")
def get_item(item_id: int):
    return {"id": item_id, "name": f"Item {item_id}"}


if __name__ == "__main__":
    app.start(host="127.0.0.1", port=8080)
