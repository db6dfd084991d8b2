from emmett import App

# Run it with Emmett's own server (Granian): `emmett -a hello_world.py develop`, or `serve` in production.
app = App(__name__)


@app.route("/")
async def hello():
    return "Hello, World!"
