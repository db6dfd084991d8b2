from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str


# The int annotation makes FastAPI validate the path parameter: /items/abc gets a 422.
@app.get("/items/{item_id}")
async def read_item(item_id: int) -> Item:
    return Item(id=item_id, name=f"Item {item_id}")
