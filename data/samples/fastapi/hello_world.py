from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()


# FastAPI answers with JSON by default; PlainTextResponse sends the string as it is.
@app.get("/", response_class=PlainTextResponse)
async def hello() -> str:
    return "Hello, World!"
