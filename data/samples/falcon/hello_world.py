import falcon


class HelloResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = "Hello, World!"


# falcon.App is a WSGI application; serve it with any WSGI server, e.g. `gunicorn hello_world:app`.
app = falcon.App()
app.add_route("/", HelloResource())
