from pathlib import Path

from pyramid.config import Configurator


def hello(request):
    # The renderer turns the returned dict into the page.
    return {"name": request.matchdict["name"]}


with Configurator() as config:
    # Pyramid's core has no template engine: pyramid_jinja2, a Pylons Project add-on,
    # renders Jinja2 templates (auto-escaped by default), here for files ending in .html.
    config.include("pyramid_jinja2")
    config.add_jinja2_renderer(".html")
    config.add_jinja2_search_path(str(Path(__file__).parent / "templates"), name=".html")
    config.add_route("hello", "/hello/{name}")
    config.add_view(hello, route_name="hello", renderer="hello.html")
    app = config.make_wsgi_app()
