import tornado


class ItemHandler(tornado.web.RequestHandler):
    # Capturing groups arrive as strings; write() sends a dict as JSON.
    def get(self, item_id: str):
        item_id = int(item_id)
        self.write({"id": item_id, "name": f"Item {item_id}"})


# The pattern only matches digits, so /items/abc matches no route: 404.
app = tornado.web.Application([(r"/items/([0-9]+)", ItemHandler)])
