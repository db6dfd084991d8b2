import responder

api = responder.API(sessions=False)


# The :int convertor only matches digits, so /items/abc matches no route: 404.
@api.get("/items/{item_id:int}")
def read_item(req, resp, *, item_id):
    resp.media = {"id": item_id, "name": f"Item {item_id}"}  # item_id is already an int
