from pathlib import Path

from flask import Flask, render_template
from sqlalchemy import create_engine, text

app = Flask(__name__, template_folder=Path(__file__).parent / "templates")

# An empty URL leaves the server, database and user to libpq's environment (PGHOST,
# PGDATABASE, PGUSER). The engine connects on first use and keeps the connections in a pool.
engine = create_engine("postgresql+psycopg://")


@app.route("/fortunes")
def fortunes() -> str:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, message FROM fortune")).all()
    rows.append((0, "A fortune added at request time."))
    # Jinja autoescapes the messages, some of which hold markup.
    return render_template("fortunes.html", fortunes=sorted(rows, key=lambda row: row[1]))
