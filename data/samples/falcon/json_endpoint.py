import falcon


class ItemResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        # resp.media is serialized as JSON by default.
        resp.media = {"id": item_id, "name": f"Item {item_id}"}


app = falcon.App()
# The int converter turns the segment into an int; a non-integer segment gets a 404.
app.add_route("/items/{item_id:int}", ItemResource())
