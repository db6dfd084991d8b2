import responder

# sessions=False: a stateless app needs no signed session cookie (and no secret key).
api = responder.API(sessions=False)


@api.get("/")
def hello_world(req, resp):
    resp.text = "Hello, World!"
