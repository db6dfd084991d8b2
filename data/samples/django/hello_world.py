import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

# A single-file project: the settings a startproject layout keeps in settings.py.
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


def index(request):
    return HttpResponse("Hello, World!", content_type="text/plain")


urlpatterns = [path("", index)]

# Django's idiom names the WSGI callable `application`, not `app`.
application = get_wsgi_application()

if __name__ == "__main__":
    # python hello_world.py runserver
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
