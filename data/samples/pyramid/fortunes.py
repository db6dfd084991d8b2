from pathlib import Path

from pyramid.config import Configurator
from sqlalchemy import create_engine, text

# An empty URL leaves the server, database and user to libpq's environment (PGHOST,
# PGDATABASE, PGUSER). The engine connects on first use and keeps the connections in a pool.
engine = create_engine("postgresql+psycopg://")


def fortunes(request):
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, message FROM fortune")).all()
    rows.append((0, "A fortune added at request time."))
    return {"fortunes": sorted(rows, key=lambda row: row[1])}


with Configurator() as config:
    # The Jinja2 renderer of pyramid_jinja2 escapes the messages, some of which hold markup.
    config.include("pyramid_jinja2")
    config.add_jinja2_renderer(".html")
    config.add_jinja2_search_path(str(Path(__file__).parent / "templates"), name=".html")
    config.add_route("fortunes", "/fortunes")
    config.add_view(fortunes, route_name="fortunes", renderer="fortunes.html")
    app = config.make_wsgi_app()
