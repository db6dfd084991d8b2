from pyramid.config import Configurator


def get_item(request):
    item_id = int(request.matchdict["item_id"])
    # The built-in json renderer serializes the returned dict.
    return {"id": item_id, "name": f"Item {item_id}"}


with Configurator() as config:
    # Route placeholders are strings; a regular expression limits this one to digits,
    # so /items/abc matches no route and gets a 404.
    config.add_route("item", r"/items/{item_id:\d+}")
    config.add_view(get_item, route_name="item", renderer="json")
    app = config.make_wsgi_app()
