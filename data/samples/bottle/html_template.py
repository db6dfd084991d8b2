from pathlib import Path

from bottle import Bottle, view

app = Bottle()
# Look templates up next to this file instead of in ./views/ (bottle.TEMPLATE_PATH).
TEMPLATE_LOOKUP = [str(Path(__file__).parent / "templates")]


@app.get("/hello/<name>")
@view("hello.html", template_lookup=TEMPLATE_LOOKUP)
def hello(name: str) -> dict:
    # Bottle's built-in SimpleTemplate engine escapes {{name}} automatically.
    return {"name": name}
