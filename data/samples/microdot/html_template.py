from pathlib import Path

from microdot.asgi import Microdot
from microdot.jinja import Template

# Jinja, with autoescaping on for .html templates; the default folder, templates/, is relative to the working directory.
Template.initialize(Path(__file__).parent / "templates")

app = Microdot()


@app.get("/hello/<name>")
async def hello(request, name):
    # A returned string is sent as text/plain unless a Content-Type header comes with it.
    return Template("hello.html").render(name=name), {"Content-Type": "text/html; charset=UTF-8"}
