from pathlib import Path

from quart import Quart, render_template

app = Quart(__name__, template_folder=Path(__file__).parent / "templates")


@app.get("/hello/<name>")
async def hello(name: str) -> str:
    # Jinja autoescapes variables in .html templates.
    return await render_template("hello.html", name=name)
