from pathlib import Path

from blacksheep import Application, get
from blacksheep.server.rendering.jinja2 import JinjaRenderer
from blacksheep.server.responses import view
from blacksheep.settings.html import html_settings
from jinja2 import FileSystemLoader

# BlackSheep renders views with Jinja2, autoescaping .jinja templates; by default it loads them
# from app/views/, here from the templates/ folder next to this file.
html_settings.use(JinjaRenderer(FileSystemLoader(Path(__file__).parent / "templates")))

app = Application()


@get("/hello/{name}")
async def hello(name: str):
    return view("hello.jinja", {"name": name})
