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

# fortunes.py with templates/fortunes.html: the database test, in the manner of TechEmpower's
# "fortunes". The sample reads every row of the `fortune` table from PostgreSQL (the database
# named by the libpq environment: PGHOST, PGDATABASE, PGUSER), adds FORTUNE_ADDED with id 0 at
# request time, sorts the rows by message, and renders them as the rows of an HTML table
# (id, then message) with the template engine escaping every message.
FORTUNES_PATH = "/fortunes"
FORTUNES = [
    (1, "A benchmark measures the benchmark."),
    (2, "Premature optimisation is a root of some evil."),
    (3, "<script>alert('this text must stay text');</script>"),
    (4, "Cache invalidation & naming things & off-by-one errors."),
    (5, 'A quoted "word" and an apostrophe\'s place.'),
    (6, "データベースからの一行です。"),
    (7, "Measure twice, cut once."),
    (8, "Every query has a cost."),
    (9, "Zero is a number too."),
    (10, "<b>Bold claims</b> need sources."),
    (11, "Indexes help reads and slow writes."),
    (12, "Tests that cannot fail prove nothing."),
]
FORTUNE_ADDED = "A fortune added at request time."


def expected_fortunes() -> list[tuple[int, str]]:
    """The rows the page shows, in order: the table's rows and the added one, sorted by message."""
    return sorted([*FORTUNES, (0, FORTUNE_ADDED)], key=lambda row: row[1])


def fortune_rows(page: str) -> list[tuple[int, str]]:
    """The (id, message) rows of the page's table, as a browser reads them (entities decoded),
    after checking that no message turned into markup: the page holds no <script> or <b> element."""
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.rows: list[list[str]] = []
            self.cell: list[str] | None = None
            self.tags: set[str] = set()

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.tags.add(tag)
            if tag == "tr":
                self.rows.append([])
            elif tag == "td":
                self.cell = []

        def handle_endtag(self, tag: str) -> None:
            if tag == "td" and self.cell is not None:
                self.rows[-1].append("".join(self.cell).strip())
                self.cell = None

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell.append(data)

    parser = Rows()
    parser.feed(page)
    assert not parser.tags & {"script", "b"}, f"a message was rendered as markup: {parser.tags & {'script', 'b'}}"
    return [(int(cells[0]), cells[1]) for cells in parser.rows if len(cells) == 2]
