import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application
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
        "rest_framework",
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
    # The browsable API renders its pages from rest_framework's own templates.
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
)

# REST framework reads the settings as it is imported, so it comes after settings.configure().
from rest_framework.decorators import api_view, renderer_classes  # noqa: E402
from rest_framework.renderers import BaseRenderer  # noqa: E402
from rest_framework.response import Response  # noqa: E402


class PlainTextRenderer(BaseRenderer):
    # REST framework renders JSON and HTML; plain text takes a renderer of our own.
    media_type = "text/plain"
    format = "txt"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data.encode(self.charset)


@api_view(["GET"])
@renderer_classes([PlainTextRenderer])
def index(request):
    return Response("Hello, World!")


urlpatterns = [path("", index)]

# Django's idiom names the WSGI callable `application`, not `app`.
application = get_wsgi_application()

if __name__ == "__main__":
    # python hello_world.py runserver
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
