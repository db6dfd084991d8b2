from pathlib import Path

from litestar import Litestar, get
from litestar.params import FromPath
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template import TemplateConfig


@get("/hello/{name:str}")
async def hello(name: FromPath[str]) -> Template:
    return Template(template_name="hello.html", context={"name": name})


app = Litestar(
    route_handlers=[hello],
    # Litestar's Jinja engine turns on autoescaping, so the name is HTML-escaped.
    template_config=TemplateConfig(
        directory=Path(__file__).parent / "templates",
        engine=JinjaTemplateEngine,
    ),
)
