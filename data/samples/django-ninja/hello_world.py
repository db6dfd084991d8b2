import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

# A single-file Django project: the settings a startproject layout keeps in settings.py.
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
from ninja import NinjaAPI  # noqa: E402

api = NinjaAPI()


# Ninja answers with JSON by default; a Django HttpResponse is sent as it is.
@api.get("/")
def hello(request):
    return HttpResponse("Hello, World!", content_type="text/plain")


# The API's URL patterns go into an ordinary Django URLconf.
urlpatterns = [path("", api.urls)]

# Django's idiom names the WSGI callable `application`, not `app`.
application = get_wsgi_application()

if __name__ == "__main__":
    # python hello_world.py runserver
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
