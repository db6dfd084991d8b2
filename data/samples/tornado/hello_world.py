import asyncio

import tornado


class MainHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Hello, World!")


app = tornado.web.Application([(r"/", MainHandler)])


# Tornado runs on its own HTTP server, not on a WSGI or ASGI server: `python hello_world.py`.
async def main():
    app.listen(8888)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
