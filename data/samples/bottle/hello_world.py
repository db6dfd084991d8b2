from bottle import Bottle

# An explicit application object rather than Bottle's implicit default app, so the
# routes stay local to this module; run it with app.run() or any WSGI server.
app = Bottle()


@app.route("/")
def hello():
    return "Hello, World!"
