from sanic import Request, Sanic
from sanic.response import text

# Every Sanic app has a name; run it with Sanic's own server: `sanic hello_world:app`.
app = Sanic("HelloWorld")


@app.get("/")
async def hello(request: Request):
    return text("Hello, World!")
