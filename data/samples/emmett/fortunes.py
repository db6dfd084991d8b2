import os

from emmett import App
from emmett.orm import Database, Field, Model

app = App(__name__)
# The ORM (pyDAL) connects through a URI, built here from libpq's environment (PGHOST,
# PGDATABASE, PGUSER); with psycopg2 absent, pyDAL's postgres adapter uses psycopg 3.
app.config.db.uri = "postgres://{PGUSER}@{PGHOST}/{PGDATABASE}".format_map(os.environ)


class Fortune(Model):
    tablename = "fortune"
    message = Field.string()


db = Database(app)
db.define_models(Fortune)
# The database pipe takes a pooled connection for each request and gives it back after.
app.pipeline = [db.pipe]


# Rendered with templates/fortunes.html, found by the function's name.
@app.route("/fortunes", methods="get")
async def fortunes():
    rows = Fortune.all().select()
    added = Fortune.new(message="A fortune added at request time.")
    added.id = 0
    rows.append(added)
    # Sorted here rather than by ORDER BY, so that the added row takes its place too.
    rows.sort(lambda row: row.message)
    return {"fortunes": rows}
