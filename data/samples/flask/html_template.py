from pathlib import Path

from flask import Flask, render_template

app = Flask(__name__, template_folder=Path(__file__).parent / "templates")


@app.route("/hello/<name>")
def hello(name: str) -> str:
    # Jinja autoescapes variables in .html templates.
    return render_template("hello.html", name=name)
