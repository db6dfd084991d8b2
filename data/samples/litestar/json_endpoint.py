from dataclasses import dataclass

from litestar import Litestar, get
from litestar.params import FromPath


@dataclass
class Item:
    id: int
    name: str


# {item_id:int} only matches integers; the handler receives the converted value.
@get("/items/{item_id:int}")
async def read_item(item_id: FromPath[int]) -> Item:
    return Item(id=item_id, name=f"Item {item_id}")


app = Litestar(route_handlers=[read_item])
