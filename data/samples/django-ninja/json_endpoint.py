from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import path

settings.configure(
    # As deployed (Django's deployment checklist), with startproject's middleware and their apps.
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "testserver"],
    SECRET_KEY="change-me",
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
    ],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
)

# Ninja reads Django's settings when imported, so it comes after settings.configure().
from ninja import NinjaAPI, Schema  # noqa: E402

api = NinjaAPI()


class Item(Schema):
    id: int
    name: str


# The int annotation makes Ninja validate the path parameter with Pydantic: /items/abc gets a 422.
@api.get("/items/{item_id}", response=Item)
def read_item(request, item_id: int):
    return Item(id=item_id, name=f"Item {item_id}")


urlpatterns = [path("", api.urls)]

# Django's idiom names the WSGI callable `application`, not `app`.
application = get_wsgi_application()
