from pathlib import Path

from connexion import AsyncApp
from connexion.resolver import RelativeResolver
from jinja2 import Environment, FileSystemLoader, select_autoescape

# Connexion has no template engine of its own; Jinja2 (one of its dependencies) renders the page
# and autoescapes .html templates.
templates = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape())

spec = {
    "openapi": "3.0.3",
    "info": {"title": "Hello page", "version": "1.0"},
    "paths": {
        "/hello/{name}": {
            "get": {
                "operationId": "hello",
                "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "A page", "content": {"text/html": {"schema": {"type": "string"}}}}
                },
            }
        }
    },
}


async def hello(name: str) -> str:
    return templates.get_template("hello.html").render(name=name)


app = AsyncApp(__name__)
app.add_api(spec, resolver=RelativeResolver(__name__))
