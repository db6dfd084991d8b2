from blacksheep import Application, get

app = Application()


@get("/")
async def home() -> str:
    return "Hello, World!"  # a str becomes a text/plain response
