from connexion import AsyncApp
from connexion.resolver import RelativeResolver

# Connexion is spec-first: an OpenAPI document declares the routes, and each operationId names
# the function that answers. The document usually lives in openapi.yaml; add_api also takes a dict.
spec = {
    "openapi": "3.0.3",
    "info": {"title": "Hello world", "version": "1.0"},
    "paths": {
        "/": {
            "get": {
                "operationId": "hello",
                "responses": {
                    "200": {"description": "A greeting", "content": {"text/plain": {"schema": {"type": "string"}}}}
                },
            }
        }
    },
}


async def hello() -> str:
    return "Hello, World!"


app = AsyncApp(__name__)
# RelativeResolver looks the operationIds up in this module.
app.add_api(spec, resolver=RelativeResolver(__name__))
