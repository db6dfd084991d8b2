from emmett import App
from emmett.tools import service

app = App(__name__)


# <int:item_id> only matches digits and casts them; /items/abc matches no route: 404.
@app.route("/items/<int:item_id>", methods="get")
@service.json
async def get_item(item_id: int):
    return {"id": item_id, "name": f"Item {item_id}"}
