from robyn import Robyn

# Robyn runs on its own Rust server, not under a WSGI or ASGI one: `python hello_world.py`.
app = Robyn(__file__)


@app.get("/")
def hello():
    return "Hello, World!"


if __name__ == "__main__":
    app.start(host="127.0.0.1", port=8080)
