from flask import Flask

app = Flask(__name__)


# The int converter only matches digits, so /items/abc gets a 404.
@app.route("/items/<int:item_id>")
def read_item(item_id: int) -> dict[str, int | str]:
    # A returned dict is turned into a JSON response.
    return {"id": item_id, "name": f"Item {item_id}"}
