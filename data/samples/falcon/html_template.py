from pathlib import Path

import falcon
from jinja2 import Environment, FileSystemLoader, select_autoescape

# Falcon has no template engine of its own; Jinja2 renders the page.
templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(),
)


class HelloResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response, name: str) -> None:
        resp.content_type = falcon.MEDIA_HTML
        resp.text = templates.get_template("hello.html").render(name=name)


app = falcon.App()
app.add_route("/hello/{name}", HelloResource())
