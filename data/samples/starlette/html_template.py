from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.templating import Jinja2Templates

# Jinja2Templates turns on autoescaping for .html templates (the default since Starlette 1.0).
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


async def hello(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "hello.html", {"name": request.path_params["name"]})


app = Starlette(routes=[Route("/hello/{name}", hello)])
