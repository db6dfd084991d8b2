from urllib.parse import unquote

from robyn import Robyn
from robyn.templating import render

app = Robyn(__file__)


# render() fills templates/hello.html with Robyn's JinjaTemplate (Jinja2, autoescaping .html).
# Robyn hands over path parameters still percent-encoded, so the name is decoded first.
@app.get("/hello/:name")
def hello(name: str):
    return render("hello.html", name=unquote(name))


if __name__ == "__main__":
    app.start(host="127.0.0.1", port=8080)
