from microdot.asgi import Microdot

# The ASGI flavour of the Microdot class, served by an ASGI server: `uvicorn json_endpoint:app`.
app = Microdot()


# <int:item_id> only matches an optional minus sign and digits, and converts them to an int;
# /items/abc matches no route: 404.
@app.get("/items/<int:item_id>")
async def get_item(request, item_id):
    # A returned dict is sent as JSON.
    return {"id": item_id, "name": f"Item {item_id}"}
