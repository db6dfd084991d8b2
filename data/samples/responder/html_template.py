from pathlib import Path

import responder

# Responder renders Jinja2 templates with autoescaping on (auto_escape=True by default).
api = responder.API(templates_dir=Path(__file__).parent / "templates", sessions=False)


@api.get("/hello/{name}")
def hello(req, resp, *, name):
    resp.render("hello.html", name=name)
