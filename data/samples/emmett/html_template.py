from emmett import App

app = App(__name__)


# A returned dict is the context of the route's template, found by the function's name
# (templates/hello.html) and rendered by Renoir, which escapes every {{ =value }}.
@app.route("/hello/<str:name>", methods="get")
async def hello(name: str):
    return {"name": name}
