from pathlib import Path

import tornado


class HelloHandler(tornado.web.RequestHandler):
    def get(self, name: str):
        # render() loads the template from template_path; {{ }} output is HTML-escaped.
        self.render("hello.html", name=name)


app = tornado.web.Application(
    [(r"/hello/([^/]+)", HelloHandler)],
    template_path=Path(__file__).parent / "templates",
)
