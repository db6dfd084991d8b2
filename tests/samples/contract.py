"""The task every framework's samples perform, stated once.

Each tests/samples/test_<slug>.py sends these requests through its framework's own test client
and compares the replies with these values; a new framework's samples must meet the same
contract (see CONTRIBUTING.md, "Add a framework").
"""

# hello_world.py
HELLO_PATH = "/"
HELLO_BODY = "Hello, World!"

# json_endpoint.py: an integer path parameter, and a 4xx when it is not an integer
ITEM_PATH = "/items/42"
ITEM_JSON = {"id": 42, "name": "Item 42"}
BAD_ITEM_PATH = "/items/abc"

# html_template.py with templates/hello.html: the name is HTML-escaped by the template engine
GREETING_PATH = "/hello/World"
GREETING_HTML = "<h1>Hello, World!</h1>"
HOSTILE_PATH = "/hello/%3Cb%3E"
ESCAPED_HTML = "<h1>Hello, &lt;b&gt;!</h1>"
