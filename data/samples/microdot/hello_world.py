from microdot import Microdot

app = Microdot()


@app.route("/")
async def index(request):
    return "Hello, World!"


# app.run() starts Microdot's own asyncio web server, on port 5000 unless told otherwise.
if __name__ == "__main__":
    app.run()
