from pathlib import Path

from bottle import Bottle, view
from sqlalchemy import create_engine, text

app = Bottle()
TEMPLATE_LOOKUP = [str(Path(__file__).parent / "templates")]

# An empty URL leaves the server, database and user to libpq's environment (PGHOST,
# PGDATABASE, PGUSER). The engine connects on first use and keeps the connections in a pool.
engine = create_engine("postgresql+psycopg://")


@app.get("/fortunes")
@view("fortunes.html", template_lookup=TEMPLATE_LOOKUP)
def fortunes() -> dict:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, message FROM fortune")).all()
    rows.append((0, "A fortune added at request time."))
    # SimpleTemplate escapes {{message}}, so messages that hold markup stay text.
    return {"fortunes": sorted(rows, key=lambda row: row[1])}
