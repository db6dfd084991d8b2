from pyramid.config import Configurator
from pyramid.response import Response


def hello_world(request):
    return Response("Hello, World!")


# The Configurator collects routes and views, then builds the WSGI application;
# serve it with any WSGI server, e.g. `waitress-serve hello_world:app`.
with Configurator() as config:
    config.add_route("hello", "/")
    config.add_view(hello_world, route_name="hello")
    app = config.make_wsgi_app()
