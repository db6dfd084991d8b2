from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Request, Sanic
from sanic.response import html

# Core Sanic has no template engine: Jinja2 renders the page (the Sanic Extensions
# package offers an @app.ext.template decorator around the same Jinja2).
templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(),
    enable_async=True,
)

app = Sanic("HtmlTemplate")


# unquote=True percent-decodes the path parameter before it reaches the handler.
@app.get("/hello/<name>", unquote=True)
async def hello(request: Request, name: str):
    page = await templates.get_template("hello.html").render_async(name=name)
    return html(page)
