from pathlib import Path

import falcon
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine, create_engine, text

# Jinja2 autoescapes .html templates, so messages that hold markup stay text.
templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(),
)


class FortunesResource:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        with self.engine.connect() as connection:
            rows = connection.execute(text("SELECT id, message FROM fortune")).all()
        rows.append((0, "A fortune added at request time."))
        resp.content_type = falcon.MEDIA_HTML
        resp.text = templates.get_template("fortunes.html").render(fortunes=sorted(rows, key=lambda row: row[1]))


# An empty URL leaves the server, database and user to libpq's environment (PGHOST,
# PGDATABASE, PGUSER). The engine connects on first use and keeps the connections in a pool.
engine = create_engine("postgresql+psycopg://")

app = falcon.App()
app.add_route("/fortunes", FortunesResource(engine))
